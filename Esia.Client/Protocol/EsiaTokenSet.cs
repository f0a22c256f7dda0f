namespace Esia.Client.Protocol;

/// <summary>Validated tokens of one session.</summary>
/// <param name="AccessToken">The access token (JWT).</param>
/// <param name="IdToken">The id_token, when openid was granted.</param>
/// <param name="RefreshToken">The refresh token; the newest one replaces the old, which must never be reused.</param>
/// <param name="ExpiresAt">When the access token expires.</param>
/// <param name="Oid">The person (<c>urn:esia:sbj_id</c>, equal to the id_token's <c>sub</c>).</param>
/// <param name="Scopes">The granted scopes as the access token lists them.</param>
public sealed record EsiaTokenSet(string AccessToken, string? IdToken, string? RefreshToken, DateTimeOffset ExpiresAt, long Oid, IReadOnlyList<string> Scopes)
{
    /// <summary>Whether the access token has expired or expires within <paramref name="margin"/>.</summary>
    public bool ExpiresWithin(TimeSpan margin, DateTimeOffset now) => ExpiresAt - margin <= now;
}
