using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Esia.Client.Protocol;
using Esia.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Esia.Client.AspNetCore;

/// <summary>
/// Signs a person in through ESIA: a fresh UUID state per login (its properties kept in a protected cookie named
/// after the state, used once), <c>v2/ac</c> with a GOST signature, the callback, <c>v3/te</c> with a new state, and
/// full token validation. Any failure means no sign-in.
/// </summary>
public sealed class EsiaHandler : RemoteAuthenticationHandler<EsiaOptions>
{
    private readonly IHttpClientFactory _httpClients;
    private readonly IEsiaLoginStateStore _states;
    private readonly IEsiaTokenValidator _validator;

    /// <summary>Creates the handler.</summary>
    public EsiaHandler(IOptionsMonitor<EsiaOptions> options, ILoggerFactory logger, UrlEncoder encoder, IHttpClientFactory httpClients, IEsiaLoginStateStore states, IEsiaTokenValidator validator)
        : base(options, logger, encoder)
    {
        _httpClients = httpClients;
        _states = states;
        _validator = validator;
    }

    private new EsiaEvents Events => (EsiaEvents)base.Events;

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new EsiaEvents());

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (string.IsNullOrEmpty(properties.RedirectUri))
        {
            properties.RedirectUri = OriginalPathBase + OriginalPath + Request.QueryString;
        }

        var request = EsiaAuthorization.Create(Options.Client, _states.Begin(Context, properties, Options));
        Logger.LogInformation("Starting an ESIA login (state {State})", request.State);
        await Events.RedirectToAuthorizationEndpoint(new RedirectContext<EsiaOptions>(Context, Scheme, Options, properties, request.Url.AbsoluteUri));
    }

    /// <inheritdoc />
    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        var state = query.GetValueOrDefault(EsiaParameters.State);
        var properties = _states.Complete(Context, state, Options);
        try
        {
            var code = EsiaAuthorization.ReadCallback(query, properties is null ? null : state);
            var tokenClient = new EsiaTokenClient(_httpClients.CreateClient(EsiaDefaults.TokenHttpClient), Options.Client, Logger, _validator);
            var tokens = await tokenClient.ExchangeCodeAsync(code, Context.RequestAborted);
            var validated = new EsiaTokensValidatedContext(Context, Scheme, Options, properties!, tokens);
            await Events.TokensValidated(validated);
            if (validated.Result is { Failure: { } rejected })
            {
                return HandleRequestResult.Fail(rejected, properties);
            }

            var identity = new ClaimsIdentity(ClaimsIssuer);
            identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, tokens.Oid.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64, ClaimsIssuer));
            identity.AddClaim(new Claim(EsiaDefaults.OidClaim, tokens.Oid.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64, ClaimsIssuer));
            if (Options.SaveTokens)
            {
                EsiaSession.Store(properties!, tokens);
            }

            return HandleRequestResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme.Name));
        }
        catch (EsiaException ex)
        {
            Logger.LogWarning("ESIA login failed: {Kind} {Code}", ex.Kind, ex.EsiaCode);
            return HandleRequestResult.Fail(ex, properties);
        }
    }
}
