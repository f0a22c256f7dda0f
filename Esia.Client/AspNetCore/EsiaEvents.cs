using Esia.Client.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Esia.Client.AspNetCore;

/// <summary>Context of <see cref="EsiaEvents.OnTokensValidated"/>.</summary>
public sealed class EsiaTokensValidatedContext : ResultContext<EsiaOptions>
{
    /// <summary>Creates the context.</summary>
    public EsiaTokensValidatedContext(HttpContext context, AuthenticationScheme scheme, EsiaOptions options, AuthenticationProperties properties, EsiaTokenSet tokens)
        : base(context, scheme, options)
    {
        Properties = properties;
        Tokens = tokens;
    }

    /// <summary>The validated tokens.</summary>
    public EsiaTokenSet Tokens { get; }
}

/// <summary>The handler's events: the remote-authentication ones plus ESIA's.</summary>
public class EsiaEvents : RemoteAuthenticationEvents
{
    /// <summary>Before the browser is sent to ESIA; the default redirects.</summary>
    public Func<RedirectContext<EsiaOptions>, Task> OnRedirectToAuthorizationEndpoint { get; set; } = context =>
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };

    /// <summary>After the tokens were exchanged and validated, before the ticket is made.</summary>
    public Func<EsiaTokensValidatedContext, Task> OnTokensValidated { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnRedirectToAuthorizationEndpoint"/>.</summary>
    public virtual Task RedirectToAuthorizationEndpoint(RedirectContext<EsiaOptions> context) => OnRedirectToAuthorizationEndpoint(context);

    /// <summary>Invokes <see cref="OnTokensValidated"/>.</summary>
    public virtual Task TokensValidated(EsiaTokensValidatedContext context) => OnTokensValidated(context);
}
