namespace MockEsia.State;

/// <summary>
/// Where MockEsia keeps protocol state. Redeeming is atomic: of several concurrent redemptions of one code or
/// refresh token exactly one gets it. Expired entries are never returned.
/// </summary>
internal interface IMockEsiaStore
{
    /// <summary>Keeps a pending authorization request.</summary>
    ValueTask SavePendingAsync(PendingAuthorization pending);

    /// <summary>Finds a pending authorization request.</summary>
    ValueTask<PendingAuthorization?> FindPendingAsync(string id, DateTimeOffset now);

    /// <summary>Removes a pending authorization request and returns it (once).</summary>
    ValueTask<PendingAuthorization?> TakePendingAsync(string id, DateTimeOffset now);

    /// <summary>Keeps an issued code.</summary>
    ValueTask SaveCodeAsync(CodeGrant grant);

    /// <summary>Removes a code and returns it, once; null when unknown, already redeemed or expired.</summary>
    ValueTask<CodeGrant?> RedeemCodeAsync(string code, DateTimeOffset now);

    /// <summary>Keeps an issued refresh token.</summary>
    ValueTask SaveRefreshAsync(RefreshGrant grant);

    /// <summary>Looks at a refresh token without redeeming it.</summary>
    ValueTask<RefreshGrant?> FindRefreshAsync(string token, DateTimeOffset now);

    /// <summary>Removes a refresh token and returns it, once.</summary>
    ValueTask<RefreshGrant?> RedeemRefreshAsync(string token, DateTimeOffset now);

    /// <summary>Revokes every refresh token of a person; returns how many.</summary>
    ValueTask<int> RevokeRefreshTokensAsync(long personOid);

    /// <summary>Keeps an SSO session.</summary>
    ValueTask SaveSessionAsync(SsoSession session);

    /// <summary>Finds a live SSO session.</summary>
    ValueTask<SsoSession?> FindSessionAsync(string id, DateTimeOffset now);

    /// <summary>Ends an SSO session.</summary>
    ValueTask RemoveSessionAsync(string id);

    /// <summary>Ends every SSO session (of one person, or of everyone when null); returns how many.</summary>
    ValueTask<int> RemoveSessionsAsync(long? personOid);

    /// <summary>Keeps a consent a person gave a system, replacing an earlier one of the same type.</summary>
    ValueTask SaveConsentAsync(ConsentGrant consent);

    /// <summary>A live consent of a type a person gave a system; null when never given or expired.</summary>
    ValueTask<ConsentGrant?> FindConsentAsync(string clientId, long personOid, string sysname, DateTimeOffset now);

    /// <summary>How many live refresh tokens were evicted, oldest first, because more than the cap were held (0 when there is no cap).</summary>
    long EvictedRefreshTokens { get; }

    /// <summary>Forgets everything.</summary>
    ValueTask ClearAsync();
}
