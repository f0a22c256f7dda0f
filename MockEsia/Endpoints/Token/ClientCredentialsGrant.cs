using Esia.Protocol;
using Esia.Protocol.Errors;
using Esia.Protocol.Scopes;
using Esia.Protocol.Secrets;
using MockEsia.Validation;

namespace MockEsia.Endpoints.Token;

/// <summary>te, <c>grant_type=client_credentials</c>: a system's own token for system or organisation scopes.</summary>
/// <param name="authentication">The client's proof.</param>
internal sealed class ClientCredentialsGrant(ClientAuthentication authentication) : ITokenGrant
{
    /// <inheritdoc />
    public string GrantType => EsiaGrantTypes.ClientCredentials;

    /// <inheritdoc />
    public IReadOnlyList<string> Required { get; } = [EsiaParameters.ClientSecret, EsiaParameters.State, EsiaParameters.Timestamp, EsiaParameters.Scope];

    /// <inheritdoc />
    public Task<GrantOutcome> ValidateAsync(TokenRequest request)
    {
        var (client, p) = (request.Client, request.Parameters);
        if (authentication.Prove(request.Context, client, p, request.Version, [SignedStringKind.V3ClientCredentials], request.Now) is { } refused)
        {
            return Task.FromResult(GrantOutcome.Refused(refused));
        }

        var scope = p[EsiaParameters.Scope]!;
        var names = EsiaScopes.Split(scope).Select(s => EsiaScopes.Normalize(s).Name).ToArray();
        return Task.FromResult(names.FirstOrDefault(n => !client.IsScopeAllowed(n)) is { } notAllowed
            ? GrantOutcome.Refused(new Refusal(EsiaErrors.InvalidScope, "scope.allowed", EsiaParameters.Scope, $"The scope '{notAllowed}' is not allowed for {client.ClientId}."))
            : GrantOutcome.System(scope, names));
    }
}
