namespace MockEsia.Abstractions;

/// <summary>One check that ran on a request, and how it came out.</summary>
/// <param name="Name">e.g. <c>timestamp.window</c>, <c>client_secret.signature</c>.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">What was found.</param>
public sealed record CheckOutcome(string Name, bool Passed, string Detail);

/// <summary>One request to an ESIA endpoint, as the journal keeps it.</summary>
public sealed record JournalEntry
{
    /// <summary>Sequence number, increasing.</summary>
    public long Id { get; init; }

    /// <summary>Wall-clock time.</summary>
    public DateTimeOffset RealTime { get; init; }

    /// <summary>The mock's (virtual) time.</summary>
    public DateTimeOffset VirtualTime { get; init; }

    /// <summary>The endpoint's name (<see cref="EndpointNames"/>: <c>v2/ac</c>, <c>v3/te</c>, <c>rs</c>…).</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>HTTP method.</summary>
    public string Method { get; init; } = "";

    /// <summary>Path and query as received (secrets shortened).</summary>
    public string Path { get; init; } = "";

    /// <summary>Query and form parameters (secrets and tokens shortened).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The client, when known.</summary>
    public string? ClientId { get; init; }

    /// <summary>The person, when known.</summary>
    public long? PersonOid { get; init; }

    /// <summary>The checks that ran.</summary>
    public IReadOnlyList<CheckOutcome> Checks { get; init; } = [];

    /// <summary>HTTP status of the response.</summary>
    public int Status { get; init; }

    /// <summary>The redirect target, when the response redirected (secrets shortened).</summary>
    public string? Location { get; init; }

    /// <summary>The ESIA error code sent, when refused.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>MockEsia's diagnosis of a refusal.</summary>
    public string? Diagnostic { get; init; }

    /// <summary>The check that refused the request (e.g. <c>code.grant</c>, <c>client_secret.signature</c>); null when none did.</summary>
    public string? RefusedBy { get; init; }

    /// <summary>The signature doctor's finding, when a signature or hash failed.</summary>
    public string? Doctor { get; init; }

    /// <summary>The fault that shaped the response, if one did.</summary>
    public string? Fault { get; init; }

    /// <summary>
    /// Fingerprints (the first 16 hex digits of their SHA-256) of the tokens this exchange carried: at te, the tokens issued
    /// (<c>access</c>, <c>id</c>, <c>refresh</c>) and, for a refresh_token grant, the refresh token <c>presented</c>; at the
    /// REST API, the <c>bearer</c> token presented. They let a
    /// harness follow one token from te to every REST call that carries it, whatever client it names.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Tokens { get; init; }

    /// <summary>The API ЕПГУ order the call was about (epgu-api.md §2), once known.</summary>
    public long? OrderId { get; init; }

    /// <summary>Whether the request succeeded (no ESIA error, status below 400).</summary>
    public bool Succeeded => ErrorCode is null && Status < 400;
}
