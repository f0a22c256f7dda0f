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
