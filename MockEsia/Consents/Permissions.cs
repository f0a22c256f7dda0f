using System.Text;
using System.Text.Json;
using Esia.Protocol;
using Esia.Protocol.Errors;
using Esia.Protocol.Scopes;
using Esia.Protocol.Tokens;
using MockEsia.Validation;

namespace MockEsia.Consents;

/// <summary>
/// The <c>permissions</c> parameter of <c>v2/ac</c> (reference §10): base64url (no padding) of a JSON array of consents
/// <c>{"responsibleObject", "sysname", "expire", "actions":[{"sysname"}], "purposes":[{"sysname"}], "scopes":[{"sysname"}]}</c>,
/// with <c>openid</c> required in <c>scope</c>. Refusals carry ESIA-0367xx (which code per case is MockEsia's choice).
/// </summary>
internal static class Permissions
{
    /// <summary>The consents asked for (empty without <c>permissions</c>), or the refusal.</summary>
    public static (IReadOnlyList<ConsentRequest> Consents, Refusal? Refusal) Parse(RequestParameters p, IReadOnlyList<string> scopes)
    {
        var raw = p[EsiaParameters.Permissions];
        if (string.IsNullOrEmpty(raw))
        {
            return ([], null);
        }

        JsonElement array;
        try
        {
            var bytes = Base64Url.TryDecode(raw.TrimEnd('=')) ?? throw new FormatException("it is not base64url");
            array = JsonDocument.Parse(Encoding.UTF8.GetString(bytes)).RootElement;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return Refuse(EsiaErrors.ConsentMalformed, "permissions.format", $"permissions is not base64url of JSON: {ex.Message}",
                "Send base64url (no padding) of a JSON array of consents (reference §10).");
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            return Refuse(EsiaErrors.ConsentMalformed, "permissions.format", $"permissions decodes to a JSON {array.ValueKind}, not a non-empty array of consents.",
                "Wrap the consents in a JSON array.");
        }

        if (!scopes.Contains(EsiaScopes.OpenId))
        {
            return Refuse(EsiaErrors.ConsentMandatoryScopeMissing, "permissions.openid", "permissions is sent, but scope lacks openid, which consents require (reference §10).",
                "Add openid to scope.");
        }

        var consents = new List<ConsentRequest>();
        foreach (var item in array.EnumerateArray())
        {
            var (consent, refusal) = One(item);
            if (refusal is not null)
            {
                return ([], refusal);
            }

            consents.Add(consent!);
        }

        return (consents, null);
    }

    private static (ConsentRequest?, Refusal?) One(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return Fail(EsiaErrors.ConsentMalformed, "permissions.format", $"A consent is a JSON {item.ValueKind}, not an object.", "Make each consent an object.");
        }

        var sysname = Text(item, "sysname");
        if (ConsentType.Known.FirstOrDefault(t => t.Sysname == sysname) is not { } type)
        {
            return Fail(EsiaErrors.ConsentTypeUnknown, "permissions.sysname", sysname is null ? "A consent has no sysname (its type)."
                : $"The consent type '{sysname}' is unknown; MockEsia knows {string.Join(", ", ConsentType.Known.Select(t => t.Sysname))}.", "Send a known consent type as sysname.");
        }

        var scopes = Names(item, "scopes");
        var foreign = scopes.FirstOrDefault(s => !type.Scopes.Contains(s));
        if (scopes.Count == 0 || foreign is not null)
        {
            return Fail(EsiaErrors.ConsentScopeNotAllowed, "permissions.scopes", foreign is null ? $"The {sysname} consent names no scopes."
                : $"The {sysname} consent does not cover the scope '{foreign}'; it covers {string.Join(", ", type.Scopes)}.", $"Ask only for the scopes of {sysname}.");
        }

        var actions = Names(item, "actions");
        var unknownAction = actions.FirstOrDefault(a => !type.Actions.Contains(a));
        if (actions.Count == 0 || unknownAction is not null)
        {
            return Fail(EsiaErrors.ConsentActionInvalid, "permissions.actions", unknownAction is null ? $"The {sysname} consent names no actions."
                : $"The action '{unknownAction}' is unknown for {sysname}; known: {string.Join(", ", type.Actions)}.", "Send actions:[{\"sysname\":\"ALL_ACTIONS_TO_DATA\"}].");
        }

        var purposes = Names(item, "purposes");
        var unknownPurpose = purposes.FirstOrDefault(a => !type.Purposes.Contains(a));
        if (purposes.Count == 0 || unknownPurpose is not null)
        {
            return Fail(EsiaErrors.ConsentPurposeInvalid, "permissions.purposes", unknownPurpose is null ? $"The {sysname} consent names no purposes."
                : $"The purpose '{unknownPurpose}' is unknown for {sysname}; known: {string.Join(", ", type.Purposes)}.", $"Send purposes:[{{\"sysname\":\"{type.Purposes[0]}\"}}].");
        }

        if (!item.TryGetProperty("expire", out var expire) || expire.ValueKind != JsonValueKind.Number || !expire.TryGetInt64(out var minutes) || minutes <= 0)
        {
            return Fail(EsiaErrors.ConsentExpiryInvalid, "permissions.expire", $"The {sysname} consent's expire is {(item.TryGetProperty("expire", out var e) ? e.GetRawText() : "missing")}; it is a positive number of minutes.",
                "Send expire in minutes, e.g. 525600 for a year.");
        }

        return (new ConsentRequest(sysname!, Text(item, "responsibleObject") ?? "", minutes, actions, purposes, scopes), null);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static List<string> Names(JsonElement item, string name) =>
        item.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? Text(e, "sysname") : null).Select(s => s ?? "(no sysname)").ToList()
            : [];

    private static (IReadOnlyList<ConsentRequest>, Refusal?) Refuse(EsiaError error, string check, string why, string fix) =>
        ([], new Refusal(error, check, EsiaParameters.Permissions, why, fix));

    private static (ConsentRequest?, Refusal?) Fail(EsiaError error, string check, string why, string fix) => (null, new Refusal(error, check, EsiaParameters.Permissions, why, fix));
}
