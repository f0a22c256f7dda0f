using System.Text.Json;

namespace Conformance.Specs.Harness;

/// <summary>One check MockEsia ran on a request.</summary>
/// <param name="Name">The check.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">What was found.</param>
public sealed record JournalCheck(string Name, bool Passed, string Detail);

/// <summary>One entry of MockEsia's journal, as its admin API returns it.</summary>
public sealed record JournalRecord
{
    /// <summary>Sequence number.</summary>
    public long Id { get; init; }

    /// <summary>Wall-clock time of the request.</summary>
    public DateTimeOffset RealTime { get; init; }

    /// <summary><c>v2/ac</c>, <c>ac</c>, <c>v3/te</c>, <c>te</c>, <c>rs</c>, <c>logout</c>, …</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>Path (secrets shortened).</summary>
    public string Path { get; init; } = "";

    /// <summary>Parameters (secrets shortened).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The client, when known.</summary>
    public string? ClientId { get; init; }

    /// <summary>The person, when known.</summary>
    public long? PersonOid { get; init; }

    /// <summary>The checks.</summary>
    public IReadOnlyList<JournalCheck> Checks { get; init; } = [];

    /// <summary>HTTP status.</summary>
    public int Status { get; init; }

    /// <summary>ESIA error code sent.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>MockEsia's diagnosis.</summary>
    public string? Diagnostic { get; init; }

    /// <summary>The signature doctor's finding.</summary>
    public string? Doctor { get; init; }

    /// <summary>The injected fault, if one shaped the answer.</summary>
    public string? Fault { get; init; }

    /// <summary>Token fingerprints: <c>access</c>, <c>id</c>, <c>refresh</c> at te; <c>bearer</c> at the REST API.</summary>
    public IReadOnlyDictionary<string, string>? Tokens { get; init; }

    /// <summary>Whether ESIA answered without an error.</summary>
    public bool Succeeded => ErrorCode is null && Status is > 0 and < 400;

    /// <summary>A parameter, or null.</summary>
    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether this is a token request (v3/te or the legacy te).</summary>
    public bool IsToken => Endpoint is "v3/te" or "te";

    /// <summary>Whether this is an authorization request (v2/ac or the legacy ac).</summary>
    public bool IsAuthorization => Endpoint is "v2/ac" or "ac";

    /// <summary>A refresh_token grant.</summary>
    public bool IsRefresh => IsToken && Parameter("grant_type") == "refresh_token";

    /// <summary>An authorization_code grant.</summary>
    public bool IsCodeExchange => IsToken && Parameter("grant_type") == "authorization_code";

    /// <summary>A token fingerprint, or null.</summary>
    public string? Token(string kind) => Tokens is { } tokens && tokens.TryGetValue(kind, out var value) ? value : null;

    /// <summary>MockEsia's refusal in one line: the code, then the signature doctor's finding or else the diagnosis (each names the check and the fix).</summary>
    public string Refusal => $"{Endpoint} {ErrorCode ?? Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Doctor ?? Diagnostic}";

    /// <summary>Reads the admin API's JSON.</summary>
    public static JournalRecord Parse(JsonElement e) => e.Deserialize<JournalRecord>(Web) ?? throw new JsonException("A journal entry is null.");

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
