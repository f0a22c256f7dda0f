using System.Text.Json.Serialization;

namespace MockEsia.Abstractions;

/// <summary>
/// Where a fault applies: the name of a step of the login that consults faults. ESIA's endpoints offer three
/// (<see cref="Authorize"/>, <see cref="Token"/>, <see cref="Rest"/>); every endpoint MockEsia registers names the one it
/// consults, so a new endpoint brings its own. Written in JSON as its name; the three are matched without regard to case.
/// </summary>
[JsonConverter(typeof(FaultEndpointJsonConverter))]
public readonly record struct FaultEndpoint
{
    /// <summary>A fault endpoint by name.</summary>
    public FaultEndpoint(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = Known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
    }

    private static readonly string[] Known = ["Authorize", "Token", "Rest", "Epgu"];

    /// <summary>The authorization step: applied when the code would be issued (the person is known then).</summary>
    public static FaultEndpoint Authorize { get; } = new("Authorize");

    /// <summary>The token endpoint: applied once the client has proved itself and the grant is resolved.</summary>
    public static FaultEndpoint Token { get; } = new("Token");

    /// <summary>The REST API.</summary>
    public static FaultEndpoint Rest { get; } = new("Rest");

    /// <summary>API ЕПГУ (every endpoint, the dictionary too).</summary>
    public static FaultEndpoint Epgu { get; } = new("Epgu");

    /// <summary>The name, as the fault API writes it.</summary>
    public string Name { get => field ?? "Authorize"; }

    /// <summary>Equal when the names are (the default value is <see cref="Authorize"/>, as the enum it replaced).</summary>
    public bool Equals(FaultEndpoint other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Reads and writes a <see cref="FaultEndpoint"/> as its name.</summary>
public sealed class FaultEndpointJsonConverter : JsonConverter<FaultEndpoint>
{
    /// <inheritdoc />
    public override FaultEndpoint Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        reader.GetString() is { Length: > 0 } name ? new FaultEndpoint(name) : throw new System.Text.Json.JsonException("A fault's endpoint is a name, e.g. \"Token\".");

    /// <inheritdoc />
    public override void Write(System.Text.Json.Utf8JsonWriter writer, FaultEndpoint value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}

/// <summary>What a fault does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>ac: the person refuses (ESIA-007004).</summary>
    Refuse,

    /// <summary>ac or te: answer with a catalogue error (<see cref="Fault.ErrorCode"/>, e.g. ESIA-007008, ESIA-007011).</summary>
    Error,

    /// <summary>ac: the redirect carries a different state.</summary>
    WrongState,

    /// <summary>ac: the redirect carries no state.</summary>
    NoState,

    /// <summary>ac: the code is issued for another client (<see cref="Fault.Value"/>, default OTHERSYS).</summary>
    CodeForOtherClient,

    /// <summary>te or rs: HTTP 500 with an HTML body, as ESIA sometimes answers.</summary>
    Html500,

    /// <summary>te or rs: answer after <see cref="Fault.DelayMs"/> milliseconds (virtual time does not move).</summary>
    Slow,

    /// <summary>te or rs: drop the connection without an answer.</summary>
    Drop,

    /// <summary>te: the response lacks id_token.</summary>
    MissingIdToken,

    /// <summary>te: the response lacks refresh_token.</summary>
    MissingRefreshToken,

    /// <summary>te: tokens with a broken signature.</summary>
    BadSignature,

    /// <summary>te: tokens signed by a key that is not in esia.zip.</summary>
    UnknownKey,

    /// <summary>te: tokens with another iss.</summary>
    WrongIssuer,

    /// <summary>te: id_token aud / access token client_id of another client.</summary>
    WrongAudience,

    /// <summary>te: tokens that have already expired.</summary>
    Expired,

    /// <summary>te: tokens not valid yet (nbf, iat in the future).</summary>
    NotYetValid,

    /// <summary>te: tokens about another person (sub / urn:esia:sbj_id).</summary>
    WrongSubject,

    /// <summary>te: the header's alg names the other algorithm (GOST ↔ RS256) than the one signed with.</summary>
    AlgSwapped,

    /// <summary>te: unsigned tokens, alg none.</summary>
    AlgNone,

    /// <summary>te, refresh grant: the new id_token is about another person than the first login's.</summary>
    RefreshIdTokenOtherSubject,

    /// <summary>rs: HTTP 401.</summary>
    Unauthorized,

    /// <summary>rs: HTTP 403.</summary>
    Forbidden,

    /// <summary>rs: HTTP 200 with a body that is not JSON.</summary>
    MalformedJson,

    /// <summary>rs, API ЕПГУ: HTTP 502 without a body.</summary>
    BadGateway,

    /// <summary>rs, API ЕПГУ: HTTP 503 without a body.</summary>
    ServiceUnavailable,

    /// <summary>rs, API ЕПГУ: HTTP 504 without a body.</summary>
    GatewayTimeout,

    /// <summary>rs, API ЕПГУ: HTTP 429 without a body.</summary>
    TooManyRequests,

    /// <summary>API ЕПГУ: HTTP 500 <c>{"code":"internal_error"}</c> (epgu-api.md §2.11).</summary>
    InternalError,

    /// <summary>API ЕПГУ: HTTP 429 <c>{"code":"limitation_exception"}</c>, a limit exceeded (epgu-api.md §2.11, §4).</summary>
    LimitationException,
}

/// <summary>Which of the issued tokens a token fault spoils.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultTarget>))]
public enum FaultTarget
{
    /// <summary>Access token and id_token.</summary>
    Both,

    /// <summary>Only the access token.</summary>
    Access,

    /// <summary>Only the id_token.</summary>
    Id,
}

/// <summary>A fault: where, what, for whom, and how many times.</summary>
public sealed record Fault
{
    /// <summary>Assigned when added.</summary>
    public string Id { get; init; } = "";

    /// <summary>Where it applies.</summary>
    public FaultEndpoint Endpoint { get; init; }

    /// <summary>What it does.</summary>
    public FaultKind Kind { get; init; }

    /// <summary>For <see cref="FaultKind.Error"/>: the ESIA code, e.g. <c>ESIA-007008</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>For <see cref="FaultKind.Slow"/>.</summary>
    public int DelayMs { get; init; } = 3000;

    /// <summary>Extra value for some kinds (the other client of <see cref="FaultKind.CodeForOtherClient"/>).</summary>
    public string? Value { get; init; }

    /// <summary>Token faults: which token.</summary>
    public FaultTarget Target { get; init; } = FaultTarget.Both;

    /// <summary>
    /// Token faults: the spoilt tokens also name this person (<c>sub</c> / <c>urn:esia:sbj_id</c>) instead of the one who
    /// signed in, so that whoever the app then shows or asks the REST API about tells which token it relied on.
    /// </summary>
    public long? Subject { get; init; }

    /// <summary>
    /// Only on the endpoints whose journal name (<see cref="EndpointNames"/>) is this or starts with it and a <c>/</c>:
    /// <c>epgu/push</c> covers both uploads, <c>epgu/order</c> only the reservation. For a fault endpoint that covers
    /// several endpoints, API ЕПГУ's above all.
    /// </summary>
    public string? Operation { get; init; }

    /// <summary>Only for this client.</summary>
    public string? ClientId { get; init; }

    /// <summary>Only for this person.</summary>
    public long? PersonOid { get; init; }

    /// <summary>Only when this scope was requested or granted.</summary>
    public string? Scope { get; init; }

    /// <summary>Only for this grant type (te).</summary>
    public string? GrantType { get; init; }

    /// <summary>Only when the request has this parameter…</summary>
    public string? Parameter { get; init; }

    /// <summary>…with this value (any value when null).</summary>
    public string? ParameterValue { get; init; }

    /// <summary>How many times it applies; null until cleared.</summary>
    public int? Times { get; init; } = 1;

    /// <summary>How many times it has applied.</summary>
    public int Applied { get; init; }

    /// <summary>A short description for the journal.</summary>
    public string Describe() => $"{Id}: {Endpoint}/{Kind}{(ErrorCode is null ? "" : " " + ErrorCode)}{(Operation is null ? "" : " on " + Operation)}";

    /// <summary>Whether the fault's <see cref="Operation"/> covers the endpoint with this journal name.</summary>
    public bool Covers(string? journalName) => Operation is null
        || (journalName is not null && journalName.StartsWith(Operation, StringComparison.Ordinal) && (journalName.Length == Operation.Length || journalName[Operation.Length] == '/'));
}
