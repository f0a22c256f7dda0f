namespace MockEsia.Endpoints.Token;

/// <summary>
/// One grant type of te (Duende-style: one class per grant). A grant validates — the client's proof and what the request
/// presents — and says what te issues; <see cref="TokenEndpoint"/> applies the fault and issues. A grant never responds itself.
/// </summary>
internal interface ITokenGrant
{
    /// <summary>The <c>grant_type</c> it handles.</summary>
    string GrantType { get; }

    /// <summary>The parameters it needs, in the order their absence is reported.</summary>
    IReadOnlyList<string> Required { get; }

    /// <summary>Validates a request of its grant type: what te issues for it, or the refusal.</summary>
    Task<GrantOutcome> ValidateAsync(TokenRequest request);
}
