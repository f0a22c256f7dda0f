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
/// <param name="authentication">The client's proof.</param>
/// <param name="store">Where codes are redeemed.</param>
/// <param name="people">The people the codes name.</param>
internal sealed class AuthorizationCodeGrant(ClientAuthentication authentication, IMockEsiaStore store, PeopleStore people) : ITokenGrant
{
    /// <inheritdoc />
    public string GrantType => EsiaGrantTypes.AuthorizationCode;

    /// <inheritdoc />
    public IReadOnlyList<string> Required { get; } = [EsiaParameters.Code, EsiaParameters.ClientSecret, EsiaParameters.State, EsiaParameters.Timestamp, EsiaParameters.Scope, EsiaParameters.RedirectUri];

    /// <inheritdoc />
    public async Task<GrantOutcome> ValidateAsync(TokenRequest request)
    {
        var (context, client, p, now) = (request.Context, request.Client, request.Parameters, request.Now);
        if (authentication.Prove(context, client, p, request.Version, [SignedStringKind.V3AuthorizationCode], now) is { } refused)
        {
            return GrantOutcome.Refused(refused);
        }

        var code = p[EsiaParameters.Code]!;
        var grant = await store.RedeemCodeAsync(code, now);
        if (grant is null)
        {
            var expired = EsiaJwt.TryParse(code, out var jwt, out _) && jwt!.GetNumber(EsiaClaims.Expires) is { } exp && exp <= now.ToUnixTimeSeconds();
            return GrantOutcome.Refused(Refusal.InvalidGrant(EsiaParameters.Code, expired
                ? "The authorization code has expired (codes live 240 s)."
                : "The authorization code is unknown or has already been redeemed (a code is single-use)."));
        }

        RequestRecord.Of(context).PersonOid = grant.PersonOid;
        if (grant.ClientId != client.ClientId)
        {
            return GrantOutcome.Refused(Refusal.InvalidGrant(EsiaParameters.Code, $"The code was issued to {grant.ClientId}, not to {client.ClientId}."));
        }

        if (!SameRedirect(grant.RedirectUri, p[EsiaParameters.RedirectUri]!, client.StrictRedirectUriAtToken))
        {
            return GrantOutcome.Refused(Refusal.InvalidGrant(EsiaParameters.RedirectUri, $"redirect_uri '{p[EsiaParameters.RedirectUri]}' differs from '{grant.RedirectUri}' used at ac."));
        }

        if (RequestChecks.ScopeWithin(p, grant.Scopes, request.Readings) is { } wider)
        {
            return GrantOutcome.Refused(wider);
        }

        if (Pkce.Verify(grant.CodeChallenge, grant.CodeChallengeMethod, p[EsiaParameters.CodeVerifier]) is { } pkce)
        {
            return GrantOutcome.Refused(pkce);
        }

        if (client.StrictState && p[EsiaParameters.State] == grant.AuthorizeState)
        {
            return GrantOutcome.Refused(new Refusal(EsiaErrors.InvalidRequest, "state.reused", EsiaParameters.State,
                "The token request reuses the authorization request's state; the methodological recommendations require a new one.", "Generate a new UUID for te."));
        }

        if (people.Find(grant.PersonOid) is not { } person)
        {
            return GrantOutcome.Refused(Refusal.InvalidGrant(EsiaParameters.Code, $"The person {grant.PersonOid} no longer exists."));
        }

        var nonce = request.Readings.NonceEcho == NonceEchoReading.Echo ? grant.Nonce : null;
        return GrantOutcome.Person(new Subject(person, grant.Scopes, grant.SessionId, grant.AuthTime, nonce), grant.RedirectUri, grant.AccessType == "offline");
    }

    private static bool SameRedirect(string atAuthorize, string atToken, bool strict)
    {
        if (strict)
        {
            return atAuthorize == atToken;
        }

        // Without the query (reference §5.1: nothing shows ESIA comparing it) and a trailing '/'; the scheme and host as URLs
        // compare them (case-insensitively), the path exactly (issue 31's audit: it used to be case-insensitive too).
        static string WithoutQuery(string uri)
        {
            var left = uri.Split('?', '#')[0].TrimEnd('/');
            return Uri.TryCreate(left, UriKind.Absolute, out var parsed) ? parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') : left;
        }

        return string.Equals(WithoutQuery(atAuthorize), WithoutQuery(atToken), StringComparison.Ordinal);
    }
}
