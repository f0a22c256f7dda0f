using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Esia.Client.AspNetCore;

/// <summary>
/// Where a login's state and properties wait for the callback. The default keeps them in a protected cookie named
/// after a fresh UUID state, deleted when the callback takes them (so a state works once).
/// </summary>
public interface IEsiaLoginStateStore
{
    /// <summary>Starts a login: returns its new state, the properties kept for the callback.</summary>
    string Begin(HttpContext context, AuthenticationProperties properties, EsiaOptions options);

    /// <summary>Takes the properties of the login with this state, once; null for an unknown, used or missing state.</summary>
    AuthenticationProperties? Complete(HttpContext context, string? state, EsiaOptions options);
}

/// <summary>The default store: one protected, HTTP-only cookie per login, scoped to the callback path.</summary>
public sealed class CookieLoginStateStore : IEsiaLoginStateStore
{
    private const string Prefix = ".Esia.State.";
    private readonly IDataProtector _protector;

    /// <summary>Creates the store.</summary>
    public CookieLoginStateStore(IDataProtectionProvider dataProtection) => _protector = dataProtection.CreateProtector("Esia.Client.State");

    /// <inheritdoc />
    public string Begin(HttpContext context, AuthenticationProperties properties, EsiaOptions options)
    {
        var state = Guid.NewGuid().ToString();
        var serialized = System.Text.Json.JsonSerializer.Serialize(properties.Items);
        context.Response.Cookies.Append(Prefix + state, Convert.ToBase64String(_protector.Protect(System.Text.Encoding.UTF8.GetBytes(serialized))), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = options.CallbackPath,
            MaxAge = TimeSpan.FromMinutes(15),
        });
        return state;
    }

    /// <inheritdoc />
    public AuthenticationProperties? Complete(HttpContext context, string? state, EsiaOptions options)
    {
        if (string.IsNullOrEmpty(state) || !Guid.TryParseExact(state, "D", out _) || !context.Request.Cookies.TryGetValue(Prefix + state, out var stored))
        {
            return null;
        }

        context.Response.Cookies.Delete(Prefix + state, new CookieOptions { Path = options.CallbackPath });
        try
        {
            var items = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(System.Text.Encoding.UTF8.GetString(_protector.Unprotect(Convert.FromBase64String(stored))));
            return new AuthenticationProperties(items ?? []);
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
