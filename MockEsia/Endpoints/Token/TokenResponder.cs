using Esia.Protocol;
using Esia.Protocol.Errors;
using Esia.Protocol.Secrets;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.Responses;
using MockEsia.State;
using MockEsia.Tokens;
using MockEsia.Validation;

namespace MockEsia.Endpoints.Token;

/// <summary>What every grant of te shares: the client's proof, the faults at te, the person's tokens, and refusals.</summary>
internal sealed class TokenResponder
{
    private readonly ClientAuthentication _authentication;
    private readonly TokenIssuer _issuer;
    private readonly IMockEsiaStore _store;
    private readonly FaultRegistry _faults;
    private readonly ILogger<TokenEndpoint> _logger;

    /// <summary>Creates the responder.</summary>
    public TokenResponder(ClientAuthentication authentication, TokenIssuer issuer, IMockEsiaStore store, FaultRegistry faults, ILogger<TokenEndpoint> logger)
    {
        _authentication = authentication;
        _issuer = issuer;
        _store = store;
        _faults = faults;
        _logger = logger;
    }

    /// <summary>An <c>invalid_grant</c> refusal about a parameter.</summary>
    public static Refusal InvalidGrant(string parameter, string why) => new(EsiaErrors.InvalidGrant, $"{parameter}.grant", parameter, why);

    /// <summary>Notes the client's proof in the journal; its refusal, if it failed.</summary>
    public static Refusal? Proved(HttpContext context, ClientProof proof)
    {
        var record = RequestRecord.Of(context);
        record.Check(EsiaParameters.ClientSecret, proof.Refusal is null, proof.Describe());
        record.Doctor = proof.Doctor?.ToString();
        return proof.Refusal;
    }

    /// <summary>The client's proof: v3, a raw signature over the grant's string (hash required); v1, CMS over the v1 string.</summary>
    public Refusal? Prove(TokenRequest request, SignedStringKind kind)
    {
        var p = request.Parameters;
        return Proved(request.Context, request.Version == ProtocolVersion.Current
            ? _authentication.VerifyRaw(request.Client, p, RequestChecks.Fields(p), [kind], hashRequired: true, request.Now)
            : _authentication.VerifyCms(request.Client, p, RequestChecks.Fields(p), request.Now));
    }

    /// <summary>
    /// A fault at te, once the client proved itself and the grant is resolved (the person is known): an answer that replaces
    /// the tokens, or the fault that shapes them.
    /// </summary>
    public async Task<(IResult? Stop, Fault? Fault)> ApplyFaultAsync(TokenRequest request, long? person, IReadOnlyCollection<string> scopes)
    {
        var fault = await _faults.TakeAsync(new FaultContext(FaultEndpoint.Token, request.Client.ClientId, person, scopes, request.GrantType, request.Parameters.Flat));
        if (fault is null)
        {
            return (null, null);
        }

        RequestRecord.Of(request.Context).Fault = fault.Describe();
        return FaultHandlers.At<ITokenResponseFault>(fault.Kind) is { } respond && await respond.RespondAsync(request.Context, fault, request.State) is { } answer
            ? (answer, null)
            : (null, fault);
    }

    /// <summary>The person's tokens (shaped by a fault, if any), with their fingerprints in the journal.</summary>
    public async Task<IResult> PersonTokensAsync(TokenRequest request, Subject subject, string redirectUri, bool offline, Fault? fault)
    {
        var (client, now) = (request.Client, request.Now);
        var (access, id) = _issuer.PersonTokens(client, subject, now, fault);
        var shape = new TokenBody();
        if (fault is not null)
        {
            FaultHandlers.At<ITokenBodyFault>(fault.Kind)?.Shape(shape);
        }

        var tokens = RequestRecord.Of(request.Context).Tokens;
        tokens["access"] = TokenFingerprint.Of(access);
        string? refresh = null;
        if (offline && shape.RefreshToken)
        {
            refresh = Guid.NewGuid().ToString();
            var evicted = _store.EvictedRefreshTokens;
            await _store.SaveRefreshAsync(new RefreshGrant(refresh, client.ClientId, redirectUri, subject.Scopes, subject.Person.Oid, subject.SessionId, subject.AuthTime, now + _issuer.RefreshLifetime(client)));
            tokens["refresh"] = TokenFingerprint.Of(refresh);
            if (_store.EvictedRefreshTokens > evicted)
            {
                RequestRecord.Of(request.Context).Check("store.cap", true,
                    $"More than MockEsia:MaxRefreshTokens refresh tokens are live: the oldest were evicted ({_store.EvictedRefreshTokens} so far); clients holding them get ESIA-007011.");
            }
        }

        var idToken = shape.IdToken ? id : null;
        if (idToken is not null)
        {
            tokens["id"] = TokenFingerprint.Of(idToken);
        }

        return EsiaResults.Json(new TokenResponse
        {
            AccessToken = access,
            RefreshToken = refresh,
            IdToken = idToken,
            State = request.State,
            ExpiresIn = (long)_issuer.AccessLifetime(client).TotalSeconds,
        });
    }

    /// <summary>ESIA's JSON error, logged.</summary>
    public IResult Refuse(HttpContext context, Refusal refusal, string? state)
    {
        _logger.LogInformation("te refused: {Code} {Diagnostic}", refusal.Error.Code, Esia.Protocol.Secrets.SecretText.Printable(refusal.Diagnostic));
        return EsiaResults.TokenError(context, refusal, state);
    }
}
