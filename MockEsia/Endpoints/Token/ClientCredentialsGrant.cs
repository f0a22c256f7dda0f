using Esia.Protocol;
using Esia.Protocol.Errors;
using Esia.Protocol.Scopes;
using Esia.Protocol.Secrets;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;
using MockEsia.Responses;
using MockEsia.Tokens;

namespace MockEsia.Endpoints.Token;

/// <summary>te, <c>grant_type=client_credentials</c>: a system's own token for system or organisation scopes.</summary>
internal sealed class ClientCredentialsGrant : ITokenGrant
{
    private readonly TokenResponder _responder;
    private readonly TokenIssuer _issuer;
    private readonly IOptionsMonitor<MockEsiaOptions> _options;

    /// <summary>Creates the grant.</summary>
    public ClientCredentialsGrant(TokenResponder responder, TokenIssuer issuer, IOptionsMonitor<MockEsiaOptions> options)
    {
        _responder = responder;
        _issuer = issuer;
        _options = options;
    }

    /// <inheritdoc />
    public string GrantType => EsiaGrantTypes.ClientCredentials;

    /// <inheritdoc />
    public IReadOnlyList<string> Required { get; } = [EsiaParameters.ClientSecret, EsiaParameters.State, EsiaParameters.Timestamp, EsiaParameters.Scope];

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(TokenRequest request)
    {
        var (context, client, p, now) = (request.Context, request.Client, request.Parameters, request.Now);
        var state = request.State;
        if (_responder.Prove(request, SignedStringKind.V3ClientCredentials) is { } refused)
        {
            return _responder.Refuse(context, refused, state);
        }

        var scope = p[EsiaParameters.Scope]!;
        if (EsiaScopes.Split(scope).Select(s => EsiaScopes.Normalize(s).Name).FirstOrDefault(n => !client.IsScopeAllowed(n)) is { } notAllowed)
        {
            return _responder.Refuse(context, new Refusal(EsiaErrors.InvalidScope, "scope.allowed", EsiaParameters.Scope, $"The scope '{notAllowed}' is not allowed for {client.ClientId}."), state);
        }

        var (stop, _) = await _responder.ApplyFaultAsync(request, null, EsiaScopes.Split(scope).Select(s => EsiaScopes.Normalize(s).Name).ToArray());
        if (stop is not null)
        {
            return stop;
        }

        var access = _issuer.SystemToken(client, scope, now);
        return EsiaResults.Json(new TokenResponse { AccessToken = access, State = state, ExpiresIn = (long)_options.CurrentValue.ClientCredentialsTokenLifetime.TotalSeconds });
    }
}
