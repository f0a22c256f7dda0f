namespace MockEsia.State;

/// <summary>An authorization request waiting for the person to log in and consent.</summary>
internal sealed record PendingAuthorization(
    string Id,
    string ClientId,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    string ScopeOrg,
    string State,
    string AccessType,
    DateTimeOffset ExpiresAt,
    string? CodeChallenge = null,
    string? CodeChallengeMethod = null,
    IReadOnlyList<Consents.ConsentRequest>? Consents = null,
    string? Nonce = null);

/// <summary>An issued authorization code and what it is bound to.</summary>
internal sealed record CodeGrant(
    string Code,
    string ClientId,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    long PersonOid,
    string SessionId,
    string AuthorizeState,
    string AccessType,
    DateTimeOffset AuthTime,
    DateTimeOffset ExpiresAt,
    string? CodeChallenge = null,
    string? CodeChallengeMethod = null,
    string? Nonce = null);

/// <summary>An issued refresh token.</summary>
internal sealed record RefreshGrant(
    string Token,
    string ClientId,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    long PersonOid,
    string SessionId,
    DateTimeOffset AuthTime,
    DateTimeOffset ExpiresAt);

/// <summary>The mock's single sign-on session (the SSO cookie points to it).</summary>
internal sealed record SsoSession(string Id, long PersonOid, DateTimeOffset AuthTime, DateTimeOffset ExpiresAt);
