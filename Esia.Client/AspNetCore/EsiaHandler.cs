using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Esia.Client.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.DataProtection;
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
    private const string StateCookiePrefix = ".Esia.State.";
    private readonly IHttpClientFactory _httpClients;
    private readonly IDataProtector _protector;

    /// <summary>Creates the handler.</summary>
    public EsiaHandler(IOptionsMonitor<EsiaOptions> options, ILoggerFactory logger, UrlEncoder encoder, IHttpClientFactory httpClients, IDataProtectionProvider dataProtection)
        : base(options, logger, encoder)
    {
        _httpClients = httpClients;
        _protector = dataProtection.CreateProtector("Esia.Client.State");
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

        var request = EsiaAuthorization.Create(Options.Client);
        var protectedProperties = _protector.Protect(System.Text.Encoding.UTF8.GetBytes(new PropertiesSerializerText().Serialize(properties)));
        Response.Cookies.Append(StateCookiePrefix + request.State, Convert.ToBase64String(protectedProperties), new CookieOptions
        {
            HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, Path = Options.CallbackPath, MaxAge = TimeSpan.FromMinutes(15),
        });
        Logger.LogInformation("Starting an ESIA login (state {State})", request.State);
        await Events.RedirectToAuthorizationEndpoint(new RedirectContext<EsiaOptions>(Context, Scheme, Options, properties, request.Url.AbsoluteUri));
    }

    /// <inheritdoc />
    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        var state = query.GetValueOrDefault("state");
        AuthenticationProperties? properties = null;
        if (!string.IsNullOrEmpty(state) && Guid.TryParseExact(state, "D", out _) && Request.Cookies.TryGetValue(StateCookiePrefix + state, out var stored))
        {
            Response.Cookies.Delete(StateCookiePrefix + state, new CookieOptions { Path = Options.CallbackPath });
            try
            {
                properties = new PropertiesSerializerText().Deserialize(System.Text.Encoding.UTF8.GetString(_protector.Unprotect(Convert.FromBase64String(stored))));
            }
            catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
            {
                properties = null;
            }
        }

        try
        {
            var code = EsiaAuthorization.ReadCallback(query, properties is null ? null : state);
            var tokenClient = new EsiaTokenClient(_httpClients.CreateClient(EsiaDefaults.TokenHttpClient), Options.Client, Logger);
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

/// <summary>Serialises authentication properties to text (for the state cookie).</summary>
internal sealed class PropertiesSerializerText
{
    public string Serialize(AuthenticationProperties properties) =>
        System.Text.Json.JsonSerializer.Serialize(properties.Items);

    public AuthenticationProperties Deserialize(string text) =>
        new(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(text) ?? []);
}
