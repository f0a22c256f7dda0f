using System.Collections.Concurrent;
using Esia.Client.Epgu;
using Esia.Client.Protocol;
using Esia.Client.Rest;
using Esia.Protocol;
using Esia.Protocol.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Esia.Client.AspNetCore;

/// <summary><c>services.AddEsiaEpgu(...)</c>: API ЕПГУ for the signed-in person, after <c>AddEsia</c>.</summary>
public static class EsiaEpguExtensions
{
    /// <summary>
    /// Adds a scoped <see cref="EpguClient"/> that calls API ЕПГУ with the signed-in person's token (the login must ask
    /// for <see cref="EsiaPermission.ApiPgu"/>), renewed through <c>prm_chg</c> and kept per person across requests
    /// (<see cref="EpguPersonTokens"/>), over an HttpClient trusting the same TLS roots as ESIA's.
    /// </summary>
    public static IServiceCollection AddEsiaEpgu(this IServiceCollection services, Action<EpguClientOptions> configure, string scheme = EsiaDefaults.AuthenticationScheme)
    {
        services.Configure(configure);
        services.AddHttpClient(EsiaDefaults.EpguHttpClient, c => c.Timeout = TimeSpan.FromSeconds(100))
            .ConfigurePrimaryHttpMessageHandler(sp => Esia.Protocol.Tls.TlsTrust.Handler(sp.GetRequiredService<IOptionsMonitor<EsiaOptions>>().Get(scheme).Client.TlsTrustedRoots.ToArray()));
        services.AddSingleton(sp => new EpguPersonTokens(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptionsMonitor<EsiaOptions>>().Get(scheme).Client,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<EsiaTokenClient>(), sp.GetRequiredService<IEsiaTokenValidator>()));
        services.AddScoped(sp => new EpguClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(EsiaDefaults.EpguHttpClient),
            sp.GetRequiredService<IOptions<EpguClientOptions>>().Value,
            new SessionEpguTokens(sp.GetRequiredService<IEsiaTokenSource>(), sp.GetRequiredService<EpguPersonTokens>()),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<EpguClient>()));
        return services;
    }

    // The person's API ЕПГУ tokens, seeded from the session's access token on first use.
    private sealed class SessionEpguTokens(IEsiaTokenSource session, EpguPersonTokens people) : IEpguTokenSource
    {
        private PersonEpguTokens? _person;

        public async ValueTask<string> GetAsync(CancellationToken cancellation) => await (await PersonAsync(cancellation)).GetAsync(cancellation);

        public async ValueTask<string> RenewAsync(string refused, CancellationToken cancellation) => await (await PersonAsync(cancellation)).RenewAsync(refused, cancellation);

        private async ValueTask<PersonEpguTokens> PersonAsync(CancellationToken cancellation) =>
            _person ??= people.For(session.Oid, await session.GetAccessTokenAsync(cancellation));
    }
}

/// <summary>Each person's API ЕПГУ token source, kept across requests so that a renewal is reused; a new login's token replaces it.</summary>
public sealed class EpguPersonTokens(IHttpClientFactory http, EsiaClientOptions options, ILogger<EsiaTokenClient> logger, IEsiaTokenValidator validator)
{
    private readonly ConcurrentDictionary<long, (string Seed, PersonEpguTokens Tokens)> _people = new();

    /// <summary>The token source of person <paramref name="oid"/>, whose session holds <paramref name="accessToken"/>.</summary>
    public PersonEpguTokens For(long oid, string accessToken) => _people.AddOrUpdate(oid,
        _ => (accessToken, Create(oid, accessToken)),
        (_, known) => known.Seed == accessToken ? known : (accessToken, Create(oid, accessToken))).Tokens;

    private PersonEpguTokens Create(long oid, string accessToken)
    {
        var expiresAt = EsiaJwt.TryParse(accessToken, out var jwt, out _) && jwt!.GetNumber(EsiaClaims.Expires) is { } exp
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : options.Clock.GetUtcNow();
        return new PersonEpguTokens(new EsiaTokenClient(http.CreateClient(EsiaDefaults.TokenHttpClient), options, logger, validator), options, oid, accessToken, expiresAt);
    }
}
