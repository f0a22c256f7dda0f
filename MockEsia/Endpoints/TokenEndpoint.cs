using Esia.Protocol.Errors;
using Esia.Protocol.Scopes;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;
using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.People;
using MockEsia.Responses;
using MockEsia.State;
using MockEsia.Tokens;
using MockEsia.Validation;

namespace MockEsia.Endpoints;

/// <summary><c>POST /aas/oauth2/v3/te</c> and the legacy <c>POST /aas/oauth2/te</c>.</summary>
public sealed class TokenEndpoint
{
    private static readonly string[] GrantTypes = ["authorization_code", "refresh_token", "client_credentials"];

    private readonly ClientRegistry _clients;
    private readonly PeopleStore _people;
    private readonly IMockEsiaStore _store;
    private readonly ClientAuthentication _authentication;
    private readonly TokenIssuer _issuer;
    private readonly TimeProvider _clock;
    private readonly IOptionsMonitor<MockEsiaOptions> _options;
    private readonly ILogger<TokenEndpoint> _logger;
    private readonly FaultRegistry _faults;

    /// <summary>Creates the endpoint.</summary>
    public TokenEndpoint(ClientRegistry clients, PeopleStore people, IMockEsiaStore store, ClientAuthentication authentication, TokenIssuer issuer,
        TimeProvider clock, IOptionsMonitor<MockEsiaOptions> options, ILogger<TokenEndpoint> logger, FaultRegistry faults)
    {
        _faults = faults;
        _clients = clients;
        _people = people;
        _store = store;
        _authentication = authentication;
        _issuer = issuer;
        _clock = clock;
        _options = options;
        _logger = logger;
    }

    private MockEsiaOptions Options => _options.CurrentValue;

    /// <summary>Handles a token request; <paramref name="v3"/> false for the legacy v1 path.</summary>
    public async Task<IResult> HandleAsync(HttpContext context, bool v3)
    {
        if (!context.Request.HasFormContentType)
        {
            return Refuse(context, new Refusal(EsiaErrors.InvalidRequest, "request.content_type", null,
                $"The body must be application/x-www-form-urlencoded; it is '{context.Request.ContentType ?? "absent"}'.", "POST the parameters as a form body."), null);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Refuse(context, new Refusal(EsiaErrors.InvalidRequest, "request.form", null, $"The form body could not be read: {ex.Message}"), null);
        }

        var p = RequestParameters.FromForm(form);
        var state = p["state"];
        var now = _clock.GetUtcNow();
        if (p.Duplicated.Count > 0)
        {
            return Refuse(context, new Refusal(EsiaErrors.InvalidRequest, "parameters.duplicated", p.Duplicated[0], $"The parameter '{p.Duplicated[0]}' is sent more than once."), state);
        }

        if (p.FirstMissing("client_id", "grant_type") is { } missingBasic)
        {
            return Refuse(context, Refusal.Missing(missingBasic), state);
        }

        var client = _clients.Find(p["client_id"]);
        if (client is null)
        {
            return Refuse(context, new Refusal(EsiaErrors.UnauthorizedClient, "client.registered", "client_id", $"No information system with the mnemonic '{p["client_id"]}' is registered."), state);
        }

        RequestRecord.Of(context).ClientId = client.ClientId;
        var grantType = p["grant_type"]!;
        if (!GrantTypes.Contains(grantType))
        {
            return Refuse(context, new Refusal(EsiaErrors.UnsupportedGrantType, "grant_type", "grant_type", $"grant_type '{grantType}' is not supported ({string.Join(", ", GrantTypes)})."), state);
        }

        if (!client.GrantTypes.Contains(grantType))
        {
            return Refuse(context, new Refusal(EsiaErrors.UnauthorizedClient, "grant_type.allowed", "grant_type", $"{client.ClientId} may not use grant_type '{grantType}'."), state);
        }

        var common = grantType switch
        {
            "authorization_code" => p.FirstMissing("code", "client_secret", "state", "timestamp", "scope", "redirect_uri"),
            "refresh_token" => p.FirstMissing("refresh_token", "client_secret", "state", "timestamp", "scope"),
            _ => p.FirstMissing("client_secret", "state", "timestamp", "scope"),
        };
        if (common is not null)
        {
            return Refuse(context, Refusal.Missing(common), state);
        }

        if ((RequestChecks.State(p) ?? RequestChecks.Timestamp(p, now, Options.TimestampWindow)) is { } invalid)
        {
            return Refuse(context, invalid, state);
        }

        return grantType switch
        {
            "authorization_code" => await AuthorizationCodeAsync(context, client, p, v3, now),
            "refresh_token" => await RefreshAsync(context, client, p, v3, now),
            _ => await ClientCredentialsAsync(context, client, p, v3, now),
        };
    }

    private async Task<IResult> AuthorizationCodeAsync(HttpContext context, ClientRegistration client, RequestParameters p, bool v3, DateTimeOffset now)
    {
        var state = p["state"];
        if (Prove(context, client, p, v3, SignedStringKind.V3AuthorizationCode, now) is { } refused)
        {
            return Refuse(context, refused, state);
        }

        var code = p["code"]!;
        var grant = await _store.RedeemCodeAsync(code, now);
        if (grant is null)
        {
            var expired = EsiaJwt.TryParse(code, out var jwt, out _) && jwt!.GetNumber("exp") is { } exp && exp <= now.ToUnixTimeSeconds();
            return Refuse(context, InvalidGrant("code", expired
                ? "The authorization code has expired (codes live 240 s)."
                : "The authorization code is unknown or has already been redeemed (a code is single-use)."), state);
        }

        RequestRecord.Of(context).PersonOid = grant.PersonOid;
        if (grant.ClientId != client.ClientId)
        {
            return Refuse(context, InvalidGrant("code", $"The code was issued to {grant.ClientId}, not to {client.ClientId}."), state);
        }

        if (!SameRedirect(grant.RedirectUri, p["redirect_uri"]!, client.StrictRedirectUriAtToken))
        {
            return Refuse(context, InvalidGrant("redirect_uri", $"redirect_uri '{p["redirect_uri"]}' differs from '{grant.RedirectUri}' used at ac."), state);
        }

        if (client.StrictState && p["state"] == grant.AuthorizeState)
        {
            return Refuse(context, new Refusal(EsiaErrors.InvalidRequest, "state.reused", "state",
                "The token request reuses the authorization request's state; the methodological recommendations require a new one.", "Generate a new UUID for te."), state);
        }

        if (_people.Find(grant.PersonOid) is not { } person)
        {
            return Refuse(context, InvalidGrant("code", $"The person {grant.PersonOid} no longer exists."), state);
        }

        var (stop, fault) = await ApplyFaultAsync(context, client, person.Oid, grant.Scopes, "authorization_code", p, state);
        return stop ?? await PersonTokensAsync(context, client, new Subject(person, grant.Scopes, grant.SessionId, grant.AuthTime), grant.RedirectUri, grant.AccessType == "offline", state, now, fault);
    }

    private async Task<IResult> RefreshAsync(HttpContext context, ClientRegistration client, RequestParameters p, bool v3, DateTimeOffset now)
    {
        var state = p["state"];
        var token = p["refresh_token"]!;
        var known = await _store.FindRefreshAsync(token, now);
        if (known is null || known.ClientId != client.ClientId)
        {
            return Refuse(context, InvalidGrant("refresh_token", known is null
                ? "The refresh token is unknown, expired, revoked or already used (refresh tokens rotate: use the newest)."
                : $"The refresh token was issued to {known.ClientId}, not to {client.ClientId}."), state);
        }

        ClientProof proof;
        if (!v3)
        {
            proof = _authentication.VerifyCms(client, p, RequestChecks.Fields(p), now);
        }
        else
        {
            if (client.RefreshProfile == RefreshSignatureProfile.Strict && p.FirstMissing("redirect_uri") is { } missing)
            {
                return Refuse(context, Refusal.Missing(missing), state);
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

        if (Proved(context, proof) is { } refused)
        {
            return Refuse(context, refused, state);
        }

        var grant = await _store.RedeemRefreshAsync(token, now);
        if (grant is null)
        {
            return Refuse(context, InvalidGrant("refresh_token", "The refresh token was used by a concurrent request (refresh tokens are single-use)."), state);
        }

        _logger.LogInformation("te refresh for {ClientId} matched the {Profile} signed string", client.ClientId, proof.Matched);
        if (_people.Find(grant.PersonOid) is not { } person)
        {
            return Refuse(context, InvalidGrant("refresh_token", $"The person {grant.PersonOid} no longer exists."), state);
        }

        var (stop, fault) = await ApplyFaultAsync(context, client, person.Oid, grant.Scopes, "refresh_token", p, state);
        return stop ?? await PersonTokensAsync(context, client, new Subject(person, grant.Scopes, grant.SessionId, grant.AuthTime), grant.RedirectUri, offline: true, state, now, fault);
    }

    private async Task<IResult> ClientCredentialsAsync(HttpContext context, ClientRegistration client, RequestParameters p, bool v3, DateTimeOffset now)
    {
        var state = p["state"];
        if (Prove(context, client, p, v3, SignedStringKind.V3ClientCredentials, now) is { } refused)
        {
            return Refuse(context, refused, state);
        }

        var scope = p["scope"]!;
        if (EsiaScopes.Split(scope).Select(s => EsiaScopes.Normalize(s).Name).FirstOrDefault(n => !client.IsScopeAllowed(n)) is { } notAllowed)
        {
            return Refuse(context, new Refusal(EsiaErrors.InvalidScope, "scope.allowed", "scope", $"The scope '{notAllowed}' is not allowed for {client.ClientId}."), state);
        }

        var (stop, _) = await ApplyFaultAsync(context, client, null, EsiaScopes.Split(scope).Select(s => EsiaScopes.Normalize(s).Name).ToArray(), "client_credentials", p, state);
        if (stop is not null)
        {
            return stop;
        }

        var access = _issuer.SystemToken(client, scope, now);
        return EsiaResults.Json(new Dictionary<string, object?>
        {
            ["access_token"] = access,
            ["state"] = state,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)Options.ClientCredentialsTokenLifetime.TotalSeconds,
        });
    }

    private async Task<IResult> PersonTokensAsync(HttpContext context, ClientRegistration client, Subject subject, string redirectUri, bool offline, string? state, DateTimeOffset now, Fault? fault)
    {
        var (access, id) = _issuer.PersonTokens(client, subject, now, fault);
        var shape = new TokenBody();
        if (fault is not null)
        {
            FaultHandlers.At<ITokenBodyFault>(fault.Kind)?.Shape(shape);
        }

        var tokens = RequestRecord.Of(context).Tokens;
        tokens["access"] = TokenFingerprint.Of(access);
        var body = new Dictionary<string, object?> { ["access_token"] = access };
        if (offline && shape.RefreshToken)
        {
            var refresh = Guid.NewGuid().ToString();
            await _store.SaveRefreshAsync(new RefreshGrant(refresh, client.ClientId, redirectUri, subject.Scopes, subject.Person.Oid, subject.SessionId, subject.AuthTime, now + _issuer.RefreshLifetime(client)));
            body["refresh_token"] = refresh;
            tokens["refresh"] = TokenFingerprint.Of(refresh);
        }

        if (id is not null && shape.IdToken)
        {
            body["id_token"] = id;
            tokens["id"] = TokenFingerprint.Of(id);
        }

        body["state"] = state;
        body["token_type"] = "Bearer";
        body["expires_in"] = (long)_issuer.AccessLifetime(client).TotalSeconds;
        return EsiaResults.Json(body);
    }

    // v3: a raw signature over the grant's string (hash required); v1: CMS over the v1 string.
    private Refusal? Prove(HttpContext context, ClientRegistration client, RequestParameters p, bool v3, SignedStringKind kind, DateTimeOffset now) =>
        Proved(context, v3
            ? _authentication.VerifyRaw(client, p, RequestChecks.Fields(p), [kind], hashRequired: true, now)
            : _authentication.VerifyCms(client, p, RequestChecks.Fields(p), now));

    private static Refusal? Proved(HttpContext context, ClientProof proof)
    {
        var record = RequestRecord.Of(context);
        record.Check("client_secret", proof.Refusal is null, proof.Describe());
        record.Doctor = proof.Doctor?.ToString();
        return proof.Refusal;
    }

    // Faults apply once the client has proved itself and the grant is resolved, so that the person is known.
    private async Task<(IResult? Stop, Fault? Fault)> ApplyFaultAsync(HttpContext context, ClientRegistration client, long? person, IReadOnlyCollection<string> scopes, string grantType, RequestParameters p, string? state)
    {
        var fault = await _faults.TakeAsync(new FaultContext(FaultEndpoint.Token, client.ClientId, person, scopes, grantType, p.Flat));
        if (fault is null)
        {
            return (null, null);
        }

        RequestRecord.Of(context).Fault = fault.Describe();
        return FaultHandlers.At<ITokenResponseFault>(fault.Kind) is { } respond && await respond.RespondAsync(context, fault, state) is { } answer
            ? (answer, null)
            : (null, fault);
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

    private static Refusal InvalidGrant(string parameter, string why) => new(EsiaErrors.InvalidGrant, $"{parameter}.grant", parameter, why);

    private IResult Refuse(HttpContext context, Refusal refusal, string? state)
    {
        _logger.LogInformation("te refused: {Code} {Diagnostic}", refusal.Error.Code, refusal.Diagnostic);
        return EsiaResults.TokenError(context, refusal, state);
    }
}
