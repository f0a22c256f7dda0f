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
    string? Nonce = null,
    bool ConfirmedOnly = false);

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

/// <summary>A consent a person gave a system (<c>permissions</c> at v2/ac, reference §10), live until it expires.</summary>
internal sealed record ConsentGrant(string ClientId, long PersonOid, string Sysname, IReadOnlyList<string> Scopes, DateTimeOffset GivenAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The key of a system's consent of a type from a person.</summary>
    public static string KeyOf(string clientId, long personOid, string sysname) => $"{clientId}|{personOid}|{sysname}";
}
