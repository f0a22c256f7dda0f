using Esia.Protocol.Secrets;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.Responses;
using MockEsia.State;
using MockEsia.Tokens;

namespace MockEsia.Endpoints.Token;

/// <summary>te's answers: the person's tokens (shaped by the fault, if any), a system's token, and refusals.</summary>
/// <param name="issuer">Writes and signs the tokens.</param>
/// <param name="store">Keeps the refresh tokens.</param>
/// <param name="options">The lifetime of a system's token.</param>
/// <param name="logger">Where refusals are logged.</param>
internal sealed class TokenResponder(TokenIssuer issuer, IMockEsiaStore store, IOptionsMonitor<MockEsiaOptions> options, ILogger<TokenEndpoint> logger)
{
    /// <summary>The person's tokens (shaped by a fault, if any), with their fingerprints in the journal.</summary>
    public async Task<IResult> PersonTokensAsync(TokenRequest request, Subject subject, string redirectUri, bool offline, Fault? fault)
    {
        var (client, now) = (request.Client, request.Now);
        var (access, id) = issuer.PersonTokens(client, subject, now, fault);
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
            var evicted = store.EvictedRefreshTokens;
            await store.SaveRefreshAsync(new RefreshGrant(refresh, client.ClientId, redirectUri, subject.Scopes, subject.Person.Oid, subject.SessionId, subject.AuthTime, now + issuer.RefreshLifetime(client)));
            tokens["refresh"] = TokenFingerprint.Of(refresh);
            if (store.EvictedRefreshTokens > evicted)
            {
                RequestRecord.Of(request.Context).Check("store.cap", true,
                    $"More than MockEsia:MaxRefreshTokens refresh tokens are live: the oldest were evicted ({store.EvictedRefreshTokens} so far); clients holding them get ESIA-007011.");
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
            ExpiresIn = (long)issuer.AccessLifetime(client).TotalSeconds,
        });
    }

    /// <summary>A system's own token (<c>client_credentials</c>).</summary>
    public IResult SystemToken(TokenRequest request, string scope) => EsiaResults.Json(new TokenResponse
    {
        AccessToken = issuer.SystemToken(request.Client, scope, request.Now),
        State = request.State,
        ExpiresIn = (long)options.CurrentValue.ClientCredentialsTokenLifetime.TotalSeconds,
    });

    /// <summary>ESIA's JSON error, logged.</summary>
    public IResult Refuse(HttpContext context, Refusal refusal, string? state)
    {
        logger.LogInformation("te refused: {Code} {Diagnostic}", refusal.Error.Code, SecretText.Printable(refusal.Diagnostic));
        return EsiaResults.TokenError(context, refusal, state);
    }
}
