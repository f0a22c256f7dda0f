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

    /// <summary>A token fingerprint (<c>access</c>, <c>id</c>, <c>refresh</c>, <c>bearer</c>), or null.</summary>
    public static string? Token(this JournalEntry e, string kind) => e.Tokens is { } tokens && tokens.TryGetValue(kind, out var value) ? value : null;

    /// <summary>MockEsia's refusal in one line: the code, then the signature doctor's finding or else the diagnosis (each names the check and the fix).</summary>
    public static string Refusal(this JournalEntry e) =>
        $"{e.Endpoint} {e.ErrorCode ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Doctor ?? e.Diagnostic}";
}
