using Esia.Client.Protocol;
using Esia.Client.Rest;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Esia.Client.AspNetCore;

/// <summary><c>services.AddAuthentication(...).AddEsia(...)</c>.</summary>
public static class EsiaAuthenticationExtensions
{
    /// <summary>Adds the ESIA handler, its HttpClients (retries for REST only, never for the token endpoint), the session and the REST client.</summary>
    public static AuthenticationBuilder AddEsia(this AuthenticationBuilder builder, Action<EsiaOptions> configure) =>
        builder.AddEsia(EsiaDefaults.AuthenticationScheme, EsiaDefaults.DisplayName, configure);

    /// <summary>Adds the ESIA handler under a scheme name of your choice.</summary>
    public static AuthenticationBuilder AddEsia(this AuthenticationBuilder builder, string scheme, string displayName, Action<EsiaOptions> configure)
    {
        builder.Services.AddHttpContextAccessor();
        HttpMessageHandler Tls(IServiceProvider sp) => Esia.Protocol.Tls.TlsTrust.Handler(sp.GetRequiredService<IOptionsMonitor<EsiaOptions>>().Get(scheme).Client.TlsTrustedRoots.ToArray());
        builder.Services.AddHttpClient(EsiaDefaults.TokenHttpClient, c => c.Timeout = TimeSpan.FromSeconds(30)).ConfigurePrimaryHttpMessageHandler(Tls);
        builder.Services.AddHttpClient(EsiaDefaults.RestHttpClient, c => c.Timeout = TimeSpan.FromSeconds(60)).ConfigurePrimaryHttpMessageHandler(Tls).AddStandardResilienceHandler(o =>
        {
            o.Retry.MaxRetryAttempts = 2;
            o.Retry.ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Result?.RequestMessage?.Method == HttpMethod.Get
                && (args.Outcome.Exception is HttpRequestException or TimeoutException || (int?)args.Outcome.Result?.StatusCode >= 500));
        });
        builder.Services.TryAddSingleton<IEsiaTokenValidator, DefaultEsiaTokenValidator>();
        builder.Services.TryAddSingleton<IEsiaLoginStateStore, CookieLoginStateStore>();
        builder.Services.AddScoped<EsiaSession>();
        builder.Services.TryAddScoped<IEsiaTokenSource>(sp => sp.GetRequiredService<EsiaSession>());
        builder.Services.AddScoped(sp => new EsiaRestClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(EsiaDefaults.RestHttpClient),
            sp.GetRequiredService<IOptionsMonitor<EsiaOptions>>().Get(scheme).Client,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<EsiaRestClient>()));
        return builder.AddRemoteScheme<EsiaOptions, EsiaHandler>(scheme, displayName, configure);
    }
}
