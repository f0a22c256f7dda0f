using Esia.Client.AspNetCore;
using Esia.Client.Protocol;
using Microsoft.Extensions.Options;

namespace ReferenceApp;

/// <summary>Where the browser goes after the app's own sign-out.</summary>
public interface ILogoutRedirect
{
    /// <summary>The URL to redirect to.</summary>
    string Target(HttpContext context);
}

/// <summary>Through ESIA's <c>/idp/ext/Logout</c>, which ends the SSO session and comes back to the app's start page.</summary>
public sealed class EsiaLogoutRedirect(IOptionsMonitor<EsiaOptions> options) : ILogoutRedirect
{
    /// <inheritdoc />
    public string Target(HttpContext context) =>
        EsiaAuthorization.LogoutUrl(options.Get(EsiaDefaults.AuthenticationScheme).Client, $"{context.Request.Scheme}://{context.Request.Host}/").AbsoluteUri;
}
