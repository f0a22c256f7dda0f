using System.Text.Json;
using System.Text.Json.Nodes;

namespace Esia.Client;

/// <summary>
/// A consent the person is asked for at login (the <c>permissions</c> parameter of <c>v2/ac</c>, reference §10): its
/// type, who asks, how long it lasts, and the actions, purposes and scopes it covers. ESIA records it; API ЕПГУ needs
/// the <see cref="ApiPgu"/> one (epgu-api.md §1.3).
/// </summary>
/// <param name="Sysname">The consent type, e.g. <c>APIPGU</c>.</param>
/// <param name="ResponsibleObject">Who receives the data (the system's operator), as the person sees it.</param>
/// <param name="ExpireMinutes">How long it lasts, in minutes (at most 525600 for APIPGU).</param>
/// <param name="Actions">The actions' sysnames.</param>
/// <param name="Purposes">The purposes' sysnames.</param>
/// <param name="Scopes">The scopes it grants.</param>
public sealed record EsiaPermission(string Sysname, string ResponsibleObject, int ExpireMinutes, IReadOnlyList<string> Actions, IReadOnlyList<string> Purposes, IReadOnlyList<string> Scopes)
{
    /// <summary>API ЕПГУ's scope («Подача заявлений с использованием программного интерфейса портала госуслуг»).</summary>
    public const string ApiOrderScope = "http://lk.gosuslugi.ru/api-order";

    /// <summary>The APIPGU consent API ЕПГУ requires: action ALL_ACTIONS_TO_DATA, purpose APIPGU, scope api-order (epgu-api.md §1.3).</summary>
    public static EsiaPermission ApiPgu(string responsibleObject, int expireMinutes = 525600) =>
        new("APIPGU", responsibleObject, expireMinutes, ["ALL_ACTIONS_TO_DATA"], ["APIPGU"], [ApiOrderScope]);

    /// <summary>The <c>permissions</c> value: the consents as a JSON array, base64url without padding.</summary>
    public static string Encode(IEnumerable<EsiaPermission> permissions)
    {
        var array = new JsonArray(permissions.Select(p => (JsonNode)new JsonObject
        {
            ["responsibleObject"] = p.ResponsibleObject,
            ["sysname"] = p.Sysname,
            ["expire"] = p.ExpireMinutes,
            ["actions"] = Names(p.Actions),
            ["purposes"] = Names(p.Purposes),
            ["scopes"] = Names(p.Scopes),
        }).ToArray());
        return Esia.Protocol.Tokens.Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(array));
    }

    private static JsonArray Names(IEnumerable<string> names) => new(names.Select(n => (JsonNode)new JsonObject { ["sysname"] = n }).ToArray());
}
