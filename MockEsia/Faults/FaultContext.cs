namespace MockEsia.Faults;

/// <summary>What a request offers for fault matching.</summary>
/// <param name="Endpoint">Where.</param>
/// <param name="ClientId">The client.</param>
/// <param name="PersonOid">The person, when known.</param>
/// <param name="Scopes">Requested or granted scopes (bare names).</param>
/// <param name="GrantType">The grant type at te.</param>
/// <param name="Parameters">The request's parameters.</param>
internal sealed record FaultContext(FaultEndpoint Endpoint, string? ClientId, long? PersonOid, IReadOnlyCollection<string> Scopes, string? GrantType, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The endpoint's journal name (<see cref="EndpointNames"/>), for <see cref="Fault.Operation"/>.</summary>
    public string? Operation { get; init; }
}
