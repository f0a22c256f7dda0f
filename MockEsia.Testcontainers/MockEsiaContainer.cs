using DotNet.Testcontainers.Containers;
using MockEsia.Abstractions;

namespace MockEsia.Testcontainers;

/// <summary>A started MockEsia container: its addresses on the host and its typed admin client.</summary>
public sealed class MockEsiaContainer : DockerContainer
{
    private readonly MockEsiaConfiguration _configuration;

    /// <summary>A container of this configuration (made by <see cref="MockEsiaBuilder"/>).</summary>
    public MockEsiaContainer(MockEsiaConfiguration configuration)
        : base(configuration) => _configuration = configuration;

    /// <summary>MockEsia's HTTP base URL as the host reaches it, e.g. <c>http://127.0.0.1:32768/</c>.</summary>
    public Uri BaseUrl => new($"http://{Hostname}:{GetMappedPublicPort(MockEsiaBuilder.HttpPort)}/");

    /// <summary>MockEsia's HTTPS base URL as the host reaches it (with <see cref="MockEsiaBuilder.WithHttps"/>).</summary>
    public Uri HttpsBaseUrl => _configuration.Https == true
        ? new($"https://{Hostname}:{GetMappedPublicPort(MockEsiaBuilder.HttpsPort)}/")
        : throw new InvalidOperationException("This MockEsia serves no HTTPS. Fix: build it with WithHttps().");

    /// <summary>
    /// A typed admin client of this container (with its admin token, if any). The caller owns it. The admin API answers
    /// only to the host names MockEsia serves (its defence against DNS rebinding); Docker's address for the container
    /// (<see cref="DockerContainer.Hostname"/>, e.g. a bridge gateway) is not one of them, so the client names the host
    /// <c>localhost</c>.
    /// </summary>
    public MockEsiaAdminClient CreateAdminClient()
    {
        var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(130) };
        http.DefaultRequestHeaders.Host = $"localhost:{BaseUrl.Port}";
        return new MockEsiaAdminClient(http, _configuration.AdminToken, ownsHttpClient: true);
    }

    /// <summary>The PEM of the test CA that issued the HTTPS certificate (for the app's trust store).</summary>
    public async Task<string> GetCaCertificatePemAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        return await http.GetStringAsync("/public/ca.pem", cancellationToken);
    }
}
