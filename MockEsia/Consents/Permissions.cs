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
    public static (IReadOnlyList<ConsentRequest> Consents, Refusal? Refusal) Parse(RequestParameters p, IReadOnlyList<string> scopes,
        Configuration.PermissionsEncodingReading encoding = Configuration.PermissionsEncodingReading.Base64Url)
    {
        var raw = p[EsiaParameters.Permissions];
        if (string.IsNullOrEmpty(raw))
        {
            return ([], null);
        }

        if (encoding == Configuration.PermissionsEncodingReading.Base64Url && raw.IndexOfAny(['=', '+', '/']) >= 0)
        {
            return Refuse(EsiaErrors.ConsentMalformed, "permissions.format", "permissions is padded or standard base64; the reference documents base64url without padding (§10).",
                "Encode with '-' and '_' and drop the '=' padding (reading PermissionsEncoding=AnyBase64 takes both).");
        }

        if (encoding == Configuration.PermissionsEncodingReading.AnyBase64)
        {
            raw = raw.Replace('+', '-').Replace('/', '_');
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

        var (scopes, actions, purposes) = (Names(item, "scopes"), Names(item, "actions"), Names(item, "purposes"));
        if ((Within(type, "scopes", scopes, type.Scopes, EsiaErrors.ConsentScopeNotAllowed)
            ?? Within(type, "actions", actions, type.Actions, EsiaErrors.ConsentActionInvalid)
            ?? Within(type, "purposes", purposes, type.Purposes, EsiaErrors.ConsentPurposeInvalid)) is { } refusal)
        {
            return (null, refusal);
        }

        if (!item.TryGetProperty("expire", out var expire) || expire.ValueKind != JsonValueKind.Number || !expire.TryGetInt64(out var minutes) || minutes <= 0)
        {
            return Fail(EsiaErrors.ConsentExpiryInvalid, "permissions.expire", $"The {sysname} consent's expire is {(item.TryGetProperty("expire", out var e) ? e.GetRawText() : "missing")}; it is a positive number of minutes.",
                "Send expire in minutes, e.g. 525600 for a year.");
        }

        return (new ConsentRequest(sysname!, Text(item, "responsibleObject") ?? "", minutes, actions, purposes, scopes), null);
    }

    // A list of {"sysname": …} that must name something, and only what the consent type allows.
    private static Refusal? Within(ConsentType type, string member, IReadOnlyList<string> given, IReadOnlyList<string> allowed, EsiaError error)
    {
        var foreign = given.FirstOrDefault(g => !allowed.Contains(g));
        return given.Count > 0 && foreign is null ? null : new Refusal(error, $"permissions.{member}", EsiaParameters.Permissions,
            foreign is null ? $"The {type.Sysname} consent names no {member}."
                : $"The {type.Sysname} consent does not allow the {member[..^1]} '{foreign}'; it allows {string.Join(", ", allowed)}.",
            $"Send {member}:[{{\"sysname\":\"{allowed[0]}\"}}], as the {type.Sysname} type allows.");
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
