using MockEsia.Configuration;
using Esia.Protocol;
using Esia.Protocol.Secrets;
using MockEsia.Journal;
using MockEsia.People;
using MockEsia.State;
using MockEsia.Tokens;
using MockEsia.Validation;

namespace MockEsia.Endpoints.Token;

/// <summary>te, <c>grant_type=refresh_token</c>: the refresh token is known, the client proves itself with its profile's string, the token rotates.</summary>
internal sealed class RefreshTokenGrant : ITokenGrant
{
    private readonly TokenResponder _responder;
    private readonly IMockEsiaStore _store;
    private readonly PeopleStore _people;
    private readonly ClientAuthentication _authentication;
    private readonly ILogger<RefreshTokenGrant> _logger;

    /// <summary>Creates the grant.</summary>
    public RefreshTokenGrant(TokenResponder responder, IMockEsiaStore store, PeopleStore people, ClientAuthentication authentication, ILogger<RefreshTokenGrant> logger)
    {
        _responder = responder;
        _store = store;
        _people = people;
        _authentication = authentication;
        _logger = logger;
    }

    /// <inheritdoc />
    public string GrantType => EsiaGrantTypes.RefreshToken;

    /// <inheritdoc />
    public IReadOnlyList<string> Required { get; } = [EsiaParameters.RefreshToken, EsiaParameters.ClientSecret, EsiaParameters.State, EsiaParameters.Timestamp, EsiaParameters.Scope];

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(TokenRequest request)
    {
        var (context, client, p, now) = (request.Context, request.Client, request.Parameters, request.Now);
        var state = request.State;
        var token = p[EsiaParameters.RefreshToken]!;
        var known = await _store.FindRefreshAsync(token, now);
        if (known is null || known.ClientId != client.ClientId)
        {
            return _responder.Refuse(context, TokenResponder.InvalidGrant(EsiaParameters.RefreshToken, known is null
                ? "The refresh token is unknown, expired, revoked or already used (refresh tokens rotate: use the newest)."
                : $"The refresh token was issued to {known.ClientId}, not to {client.ClientId}."), state);
        }

        ClientProof proof;
        if (request.Version == ProtocolVersion.V1)
        {
            proof = _authentication.VerifyCms(client, p, RequestChecks.Fields(p), now);
        }
        else
        {
            if (client.RefreshProfile == RefreshSignatureProfile.Strict && p.FirstMissing(EsiaParameters.RedirectUri, EsiaParameters.ClientCertificateHash) is { } missing)
            {
                // Without redirect_uri or client_certificate_hash the request has the Alternative profile's shape (reference §5.3).
                return _responder.Refuse(context, Refusal.Missing(missing) with
                {
                    Why = $"The mandatory parameter '{missing}' is missing: the request has the shape of the Alternative refresh profile " +
                        $"(client_id+scope+timestamp+state+refresh_token, no redirect_uri or client_certificate_hash), but {client.ClientId}'s refreshProfile is Strict.",
                    Fix = $"Send redirect_uri and client_certificate_hash and sign the Strict string, or set refreshProfile to Alternative (or Either) for {client.ClientId}.",
                }, state);
            }

            SignedStringKind[] kinds = client.RefreshProfile switch
            {
                RefreshSignatureProfile.Strict => [SignedStringKind.V3RefreshStrict],
                RefreshSignatureProfile.Alternative => [SignedStringKind.V3RefreshAlternative],
                _ => [SignedStringKind.V3RefreshStrict, SignedStringKind.V3RefreshAlternative],
            };
            proof = _authentication.VerifyRaw(client, p, RequestChecks.Fields(p), kinds, hashRequired: client.RefreshProfile == RefreshSignatureProfile.Strict, now);
        }

        RequestRecord.Of(context).PersonOid = known.PersonOid;

        if (TokenResponder.Proved(context, proof) is { } refused)
        {
            return _responder.Refuse(context, refused, state);
        }

        var grant = request.Readings.OldRefreshToken == OldRefreshTokenReading.Revoked ? await _store.RedeemRefreshAsync(token, now) : known;
        if (grant is null)
        {
            return _responder.Refuse(context, TokenResponder.InvalidGrant(EsiaParameters.RefreshToken, "The refresh token was used by a concurrent request (refresh tokens are single-use)."), state);
        }

        _logger.LogInformation("te refresh for {ClientId} matched the {Profile} signed string", client.ClientId, proof.Matched);
        if (_people.Find(grant.PersonOid) is not { } person)
        {
            return _responder.Refuse(context, TokenResponder.InvalidGrant(EsiaParameters.RefreshToken, $"The person {grant.PersonOid} no longer exists."), state);
        }

        var (stop, fault) = await _responder.ApplyFaultAsync(request, person.Oid, grant.Scopes);
        return stop ?? await _responder.PersonTokensAsync(request, new Subject(person, grant.Scopes, grant.SessionId, grant.AuthTime), grant.RedirectUri, offline: true, fault);
    }
}
