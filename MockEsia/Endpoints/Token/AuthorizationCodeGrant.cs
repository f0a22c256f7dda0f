using Esia.Protocol;
using Esia.Protocol.Errors;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;
using MockEsia.Configuration;
using MockEsia.Journal;
using MockEsia.People;
using MockEsia.State;
using MockEsia.Tokens;
using MockEsia.Validation;

namespace MockEsia.Endpoints.Token;

/// <summary>te, <c>grant_type=authorization_code</c>: the client proves itself, the code is redeemed once, the person's tokens are issued.</summary>
internal sealed class AuthorizationCodeGrant : ITokenGrant
{
    private readonly TokenResponder _responder;
    private readonly IMockEsiaStore _store;
    private readonly PeopleStore _people;

    /// <summary>Creates the grant.</summary>
    public AuthorizationCodeGrant(TokenResponder responder, IMockEsiaStore store, PeopleStore people)
    {
        _responder = responder;
        _store = store;
        _people = people;
    }

    /// <inheritdoc />
    public string GrantType => EsiaGrantTypes.AuthorizationCode;

    /// <inheritdoc />
    public IReadOnlyList<string> Required { get; } = [EsiaParameters.Code, EsiaParameters.ClientSecret, EsiaParameters.State, EsiaParameters.Timestamp, EsiaParameters.Scope, EsiaParameters.RedirectUri];

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(TokenRequest request)
    {
        var (context, client, p, now) = (request.Context, request.Client, request.Parameters, request.Now);
        var state = request.State;
        if (_responder.Prove(request, SignedStringKind.V3AuthorizationCode) is { } refused)
        {
            return _responder.Refuse(context, refused, state);
        }

        var code = p[EsiaParameters.Code]!;
        var grant = await _store.RedeemCodeAsync(code, now);
        if (grant is null)
        {
            var expired = EsiaJwt.TryParse(code, out var jwt, out _) && jwt!.GetNumber(EsiaClaims.Expires) is { } exp && exp <= now.ToUnixTimeSeconds();
            return _responder.Refuse(context, TokenResponder.InvalidGrant(EsiaParameters.Code, expired
                ? "The authorization code has expired (codes live 240 s)."
                : "The authorization code is unknown or has already been redeemed (a code is single-use)."), state);
        }

        RequestRecord.Of(context).PersonOid = grant.PersonOid;
        if (grant.ClientId != client.ClientId)
        {
            return _responder.Refuse(context, TokenResponder.InvalidGrant(EsiaParameters.Code, $"The code was issued to {grant.ClientId}, not to {client.ClientId}."), state);
        }

        if (!SameRedirect(grant.RedirectUri, p[EsiaParameters.RedirectUri]!, client.StrictRedirectUriAtToken))
        {
            return _responder.Refuse(context, TokenResponder.InvalidGrant(EsiaParameters.RedirectUri, $"redirect_uri '{p[EsiaParameters.RedirectUri]}' differs from '{grant.RedirectUri}' used at ac."), state);
        }

        if (Pkce.Verify(grant.CodeChallenge, grant.CodeChallengeMethod, p[EsiaParameters.CodeVerifier]) is { } pkce)
        {
            return _responder.Refuse(context, pkce, state);
        }

        if (client.StrictState && p[EsiaParameters.State] == grant.AuthorizeState)
        {
            return _responder.Refuse(context, new Refusal(EsiaErrors.InvalidRequest, "state.reused", EsiaParameters.State,
                "The token request reuses the authorization request's state; the methodological recommendations require a new one.", "Generate a new UUID for te."), state);
        }

        if (_people.Find(grant.PersonOid) is not { } person)
        {
            return _responder.Refuse(context, TokenResponder.InvalidGrant(EsiaParameters.Code, $"The person {grant.PersonOid} no longer exists."), state);
        }

        var (stop, fault) = await _responder.ApplyFaultAsync(request, person.Oid, grant.Scopes);
        return stop ?? await _responder.PersonTokensAsync(request, new Subject(person, grant.Scopes, grant.SessionId, grant.AuthTime,
            request.Readings.NonceEcho == NonceEchoReading.Echo ? grant.Nonce : null), grant.RedirectUri, grant.AccessType == "offline", fault);
    }

    private static bool SameRedirect(string atAuthorize, string atToken, bool strict)
    {
        if (strict)
        {
            return atAuthorize == atToken;
        }

        static string WithoutQuery(string uri) => uri.Split('?', '#')[0].TrimEnd('/');
        return string.Equals(WithoutQuery(atAuthorize), WithoutQuery(atToken), StringComparison.OrdinalIgnoreCase);
    }
}
