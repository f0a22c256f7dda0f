using System.Globalization;
using Esia.Client.Protocol;
using Esia.Client.Rest;
using Esia.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Esia.Client.AspNetCore;

/// <summary>
/// The signed-in person's ESIA tokens, kept in the cookie session: gives a valid access token, refreshing before it
/// expires (the new refresh token replaces the old one and is stored at once). A failed refresh ends the session, so
/// the person is sent to ESIA again.
/// </summary>
public sealed class EsiaSession : IEsiaTokenSource
{
    private const string ExpiresAtName = "expires_at";
    private readonly HttpContext _context;
    private readonly EsiaOptions _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly ILogger _logger;
    private readonly IEsiaTokenValidator _validator;
    private AuthenticateResult? _authentication;

    /// <summary>Creates the session view for a request.</summary>
    public EsiaSession(IHttpContextAccessor accessor, IOptionsMonitor<EsiaOptions> options, IHttpClientFactory httpClients, ILogger<EsiaSession> logger, IEsiaTokenValidator validator)
    {
        _validator = validator;
        _context = accessor.HttpContext ?? throw new InvalidOperationException("EsiaSession needs an HTTP request.");
        _options = options.Get(EsiaDefaults.AuthenticationScheme);
        _httpClients = httpClients;
        _logger = logger;
    }

    /// <inheritdoc />
    public long Oid => long.Parse(_context.User.FindFirst(EsiaDefaults.OidClaim)?.Value ?? throw new EsiaException(EsiaFailureKind.Unauthorized, "Nobody is signed in."), CultureInfo.InvariantCulture);

    /// <summary>Stores validated tokens in authentication properties.</summary>
    public static void Store(AuthenticationProperties properties, EsiaTokenSet tokens)
    {
        var list = new List<AuthenticationToken>
        {
            new() { Name = EsiaParameters.AccessToken, Value = tokens.AccessToken },
            new() { Name = ExpiresAtName, Value = tokens.ExpiresAt.ToString("o", CultureInfo.InvariantCulture) },
        };
        if (tokens.IdToken is not null)
        {
            list.Add(new AuthenticationToken { Name = EsiaParameters.IdToken, Value = tokens.IdToken });
        }

        if (tokens.RefreshToken is not null)
        {
            list.Add(new AuthenticationToken { Name = EsiaParameters.RefreshToken, Value = tokens.RefreshToken });
        }

        properties.StoreTokens(list);
    }

    /// <inheritdoc />
    public async Task<string> GetAccessTokenAsync(CancellationToken cancellation)
    {
        var properties = await PropertiesAsync();
        var expiresAt = DateTimeOffset.Parse(properties.GetTokenValue(ExpiresAtName) ?? DateTimeOffset.MinValue.ToString("o"), CultureInfo.InvariantCulture);
        return expiresAt - _options.Client.RefreshBefore <= _options.Client.Clock.GetUtcNow()
            ? await ForceRefreshAsync(cancellation)
            : properties.GetTokenValue(EsiaParameters.AccessToken)!;
    }

    /// <inheritdoc />
    public async Task<string> ForceRefreshAsync(CancellationToken cancellation)
    {
        var properties = await PropertiesAsync();
        var refresh = properties.GetTokenValue(EsiaParameters.RefreshToken);
        try
        {
            if (refresh is null)
            {
                throw new EsiaException(EsiaFailureKind.InvalidGrant, "The session has no refresh token (access_type=online).");
            }

            var client = new EsiaTokenClient(_httpClients.CreateClient(EsiaDefaults.TokenHttpClient), _options.Client, _logger, _validator);
            var tokens = await client.RefreshAsync(refresh, Oid, cancellation);
            Store(properties, tokens);
            await _context.SignInAsync(_options.SignInScheme, _authentication!.Principal!, properties);
            return tokens.AccessToken;
        }
        catch (EsiaException ex)
        {
            _logger.LogWarning("ESIA refresh failed ({Kind}); ending the session", ex.Kind);
            await _context.SignOutAsync(_options.SignInScheme);
            throw new EsiaException(EsiaFailureKind.Unauthorized, "The ESIA session has ended: the refresh failed. Sign in again.", ex.EsiaCode, ex.TokenFailure, ex);
        }
    }

    private async Task<AuthenticationProperties> PropertiesAsync()
    {
        _authentication ??= await _context.AuthenticateAsync(_options.SignInScheme);
        return _authentication.Succeeded ? _authentication.Properties! : throw new EsiaException(EsiaFailureKind.Unauthorized, "Nobody is signed in.");
    }
}
