using System.Text.Json;
using Esia.Protocol;

namespace Conformance.Specs.Harness;

/// <summary>What the harness asks of a journal entry (MockEsia's contract type), v2/v3 and the legacy v1 alike.</summary>
public static class JournalFacts
{
    /// <summary>Reads the admin API's JSON.</summary>
    public static JournalEntry Parse(JsonElement e) => e.Deserialize<JournalEntry>(HarnessJson.Read) ?? throw new JsonException("A journal entry is null.");

    /// <summary>A parameter, or null.</summary>
    public static string? Parameter(this JournalEntry e, string name) => e.Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>A token request (v3/te or the legacy te).</summary>
    public static bool IsToken(this JournalEntry e) => EndpointNames.IsToken(e.Endpoint);

    /// <summary>An authorization request (v2/ac or the legacy ac).</summary>
    public static bool IsAuthorization(this JournalEntry e) => EndpointNames.IsAuthorization(e.Endpoint);

    /// <summary>A refresh_token grant.</summary>
    public static bool IsRefresh(this JournalEntry e) => e.IsToken() && e.Parameter(EsiaParameters.GrantType) == EsiaGrantTypes.RefreshToken;

    /// <summary>An authorization_code grant.</summary>
    public static bool IsCodeExchange(this JournalEntry e) => e.IsToken() && e.Parameter(EsiaParameters.GrantType) == EsiaGrantTypes.AuthorizationCode;

    /// <summary>An API ЕПГУ call (the dictionary, which needs no token, aside).</summary>
    public static bool IsEpgu(this JournalEntry e) => EndpointNames.IsEpgu(e.Endpoint) && e.Endpoint != EndpointNames.EpguDictionary;

    /// <summary>An upload that submitted an order (<c>/push</c>, or the last chunk of <c>/push/chunked</c>: 200).</summary>
    public static bool Submitted(this JournalEntry e) => e.Endpoint is EndpointNames.EpguPush or EndpointNames.EpguPushChunked && e.Status == 200 && e.OrderId is not null;

    /// <summary>A question about an order's status: its details, or a status list (which may name it).</summary>
    public static bool ReadsStatus(this JournalEntry e, long orderId) =>
        (e.Endpoint == EndpointNames.EpguDetails && e.OrderId == orderId)
        || (e.Endpoint == EndpointNames.EpguOrdersStatus && (e.Parameter("orderIds") ?? "").Split(',').Contains(orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        || e.Endpoint == EndpointNames.EpguUpdatedAfter;

    /// <summary>A refusal that says "later": 429, 502–504, or the codes <c>internal_error</c> and <c>limitation_exception</c>.</summary>
    public static bool RefusedForNow(this JournalEntry e) => e.Status is 429 or 502 or 503 or 504 || e.ErrorCode is "internal_error" or "limitation_exception";

    /// <summary>A token fingerprint (<c>access</c>, <c>id</c>, <c>refresh</c>, <c>bearer</c>), or null.</summary>
    public static string? Token(this JournalEntry e, string kind) => e.Tokens is { } tokens && tokens.TryGetValue(kind, out var value) ? value : null;

    /// <summary>MockEsia's refusal in one line: the code, then the signature doctor's finding or else the diagnosis (each names the check and the fix).</summary>
    public static string Refusal(this JournalEntry e) =>
        $"{e.Endpoint} {e.ErrorCode ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Doctor ?? e.Diagnostic}";
}
