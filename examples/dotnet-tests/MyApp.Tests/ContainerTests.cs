using MockEsia.Abstractions;
using MockEsia.Testcontainers;

namespace MyApp.Tests;

/// <summary>The same login against the MockEsia image in a container (the MockEsia.Testcontainers package).</summary>
public sealed class ContainerTests : IAsyncLifetime
{
    private MockEsiaContainer? _esia;
    private string _keys = null!;

    public async Task InitializeAsync()
    {
        if (!DockerFactAttribute.Available)
        {
            return;
        }

        _esia = new MockEsiaBuilder().WithImage(Environment.GetEnvironmentVariable("MOCKESIA_IMAGE") ?? MockEsiaBuilder.DefaultImage).Build();
        await _esia.StartAsync();
        // The image's bundled test keys are the package's: the MockEsia package copies them beside this assembly.
        _keys = Path.Combine(AppContext.BaseDirectory, "MockEsia.Fixtures", "pki");
    }

    [DockerFact]
    public async Task A_person_signs_in_through_ESIA_in_a_container_and_a_refusal_is_shown()
    {
        using var admin = _esia!.CreateAdminClient();
        await using var app = new AppFactory(_esia.BaseUrl, Path.Combine(_keys, "clients", "client-gost256.cer.pem"), Path.Combine(_keys, "clients", "client-gost256.key.pem"),
            Path.Combine(_keys, "esia", "esia-gost256.cer.pem"));
        using (var browser = new LoginBrowser(app.Server.CreateHandler(), _esia.BaseUrl))
        {
            Assert.Equal("Вы вошли: oid 1000000001", await browser.SignInAsync());
        }

        await admin.AddFaultAsync(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011" });
        using (var browser = new LoginBrowser(app.Server.CreateHandler(), _esia.BaseUrl))
        {
            Assert.Equal("Вход не выполнен: ESIA-007011", await browser.SignInAsync());
        }

        Assert.NotNull(await admin.WaitForJournalEntryAsync(new JournalQuery { Endpoint = EndpointNames.TokenV3, ErrorCode = "ESIA-007011" }, TimeSpan.FromSeconds(10)));
    }

    [DockerFact]
    public async Task The_tests_own_client_and_HTTPS_from_the_containers_CA()
    {
        var pem = await File.ReadAllTextAsync(Path.Combine(_keys, "clients", "client-other.cer.pem"));
        await using var esia = new MockEsiaBuilder().WithImage(Environment.GetEnvironmentVariable("MOCKESIA_IMAGE") ?? MockEsiaBuilder.DefaultImage)
            .WithClient(new ClientDefinition { ClientId = "MYAPPSYS", Name = "Моя ИС", CertificatesPem = [pem], RedirectUris = ["http://localhost/signin-esia"] })
            .WithHttps()
            .Build();
        await esia.StartAsync();
        using var admin = esia.CreateAdminClient();
        Assert.Contains(await admin.ClientsAsync(), c => c.ClientId == "MYAPPSYS");

        // HTTPS trusting only the container's test CA.
        using var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await esia.GetCaCertificatePemAsync());
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                return certificate is not null && chain.Build(certificate) && (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) == 0;
            },
        };
        using var https = new HttpClient(handler);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await https.GetAsync(new Uri(esia.HttpsBaseUrl, "health"))).StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_esia is not null)
        {
            await _esia.DisposeAsync();
        }
    }
}

/// <summary>
/// A test that needs Docker: skipped, with the reason, where no daemon answers (DOCKER_HOST or /var/run/docker.sock);
/// run (and failed if Docker is missing) where MOCKESIA_REQUIRE_DOCKER=true, as in MockEsia's CI.
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (!Available)
        {
            Skip = "No Docker daemon (DOCKER_HOST unset and no /var/run/docker.sock): the container test needs one. Set MOCKESIA_REQUIRE_DOCKER=true to make its absence a failure.";
        }
    }

    public static bool Available => Environment.GetEnvironmentVariable("MOCKESIA_REQUIRE_DOCKER") == "true"
        || Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 }
        || File.Exists("/var/run/docker.sock");
}
