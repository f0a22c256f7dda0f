using Esia.Protocol;
using Esia.Protocol.Secrets;
using MockEsia.Configuration;
using MockEsia.Journal;
using MockEsia.People;
using MockEsia.State;
using MockEsia.Tokens;
using MockEsia.Validation;

namespace MockEsia.Endpoints.Token;

/// <summary>te, <c>grant_type=refresh_token</c>: the refresh token is known, the client proves itself with its profile's string, the token rotates.</summary>
/// <param name="store">Where refresh tokens are kept and redeemed.</param>
/// <param name="people">The people the tokens name.</param>
/// <param name="authentication">The client's proof.</param>
/// <param name="logger">Which profile's string matched.</param>
internal sealed class RefreshTokenGrant(IMockEsiaStore store, PeopleStore people, ClientAuthentication authentication, ILogger<RefreshTokenGrant> logger) : ITokenGrant
{
    /// <inheritdoc />
    public string GrantType => EsiaGrantTypes.RefreshToken;

    /// <inheritdoc />
    public IReadOnlyList<string> Required { get; } = [EsiaParameters.RefreshToken, EsiaParameters.ClientSecret, EsiaParameters.State, EsiaParameters.Timestamp, EsiaParameters.Scope];

    /// <inheritdoc />
    public async Task<GrantOutcome> ValidateAsync(TokenRequest request)
    {
        var (context, client, p, now) = (request.Context, request.Client, request.Parameters, request.Now);
        var token = p[EsiaParameters.RefreshToken]!;
        var known = await store.FindRefreshAsync(token, now);
        if (known is null || known.ClientId != client.ClientId)
        {
            return GrantOutcome.Refused(Refusal.InvalidGrant(EsiaParameters.RefreshToken, known is null
                ? "The refresh token is unknown, expired, revoked or already used (refresh tokens rotate: use the newest)."
                : $"The refresh token was issued to {known.ClientId}, not to {client.ClientId}."));
        }

        if (request.Version == ProtocolVersion.Current && client.RefreshProfile == RefreshSignatureProfile.Strict
            && p.FirstMissing(EsiaParameters.RedirectUri, EsiaParameters.ClientCertificateHash) is { } missing)
        {
            // Without redirect_uri or client_certificate_hash the request has the Alternative profile's shape (reference §5.3).
            return GrantOutcome.Refused(Refusal.Missing(missing) with
            {
                Why = $"The mandatory parameter '{missing}' is missing: the request has the shape of the Alternative refresh profile " +
                    $"(client_id+scope+timestamp+state+refresh_token, no redirect_uri or client_certificate_hash), but {client.ClientId}'s refreshProfile is Strict.",
                Fix = $"Send redirect_uri and client_certificate_hash and sign the Strict string, or set refreshProfile to Alternative (or Either) for {client.ClientId}.",
            });
        }

        SignedStringKind[] kinds = client.RefreshProfile switch
        {
            RefreshSignatureProfile.Strict => [SignedStringKind.V3RefreshStrict],
            RefreshSignatureProfile.Alternative => [SignedStringKind.V3RefreshAlternative],
            _ => [SignedStringKind.V3RefreshStrict, SignedStringKind.V3RefreshAlternative],
        };
        var refused = authentication.Prove(context, client, p, request.Version, kinds, now, hashRequired: client.RefreshProfile == RefreshSignatureProfile.Strict);
        RequestRecord.Of(context).PersonOid = known.PersonOid;
        if (refused is not null)
        {
            return GrantOutcome.Refused(refused);
        }

        if (RequestChecks.ScopeWithin(p, known.Scopes, request.Readings) is { } wider)
        {
            return GrantOutcome.Refused(wider);
        }

        var grant = request.Readings.OldRefreshToken == OldRefreshTokenReading.Revoked ? await store.RedeemRefreshAsync(token, now) : known;
        if (grant is null)
        {
            return GrantOutcome.Refused(Refusal.InvalidGrant(EsiaParameters.RefreshToken, "The refresh token was used by a concurrent request (refresh tokens are single-use)."));
        }

        logger.LogInformation("te refresh for {ClientId} matched a {Profile} string", client.ClientId, client.RefreshProfile);
        if (people.Find(grant.PersonOid) is not { } person)
        {
            return GrantOutcome.Refused(Refusal.InvalidGrant(EsiaParameters.RefreshToken, $"The person {grant.PersonOid} no longer exists."));
        }

        return GrantOutcome.Person(new Subject(person, grant.Scopes, grant.SessionId, grant.AuthTime), grant.RedirectUri, offline: true);
    }
}
