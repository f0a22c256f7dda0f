using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using MockEsia.Configuration;

namespace MockEsia.Hosting;

/// <summary>
/// MockEsia inside a test process, for any test framework: <see cref="StartAsync"/> listens on a free loopback port with
/// real HTTP (an app under <c>WebApplicationFactory</c>, a browser or another process can call it);
/// <see cref="StartInMemoryAsync"/> runs it on ASP.NET Core's TestServer, for tests that give their HTTP client
/// <see cref="CreateHandler"/>. Each host is a whole MockEsia of its own: several run side by side in one process.
/// </summary>
public sealed class MockEsiaHost : IAsyncDisposable
{
    /// <summary>The name of the folder beside MockEsia's assembly that holds the bundled fixtures.</summary>
    public const string BundledFixturesFolder = "MockEsia.Fixtures";

    private readonly WebApplication _app;
    private readonly string? _ownClients;

    private MockEsiaHost(WebApplication app, Uri baseUrl, MockEsiaAdminClient admin, string fixtures, string? ownClients)
    {
        _app = app;
        BaseUrl = baseUrl;
        Admin = admin;
        FixturesPath = fixtures;
        _ownClients = ownClients;
    }

    /// <summary>MockEsia's base URL: <c>http://127.0.0.1:{port}/</c>, or TestServer's <c>http://localhost/</c> in memory.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The typed admin client: faults, clock, journal, clients, people, readings, keys, API ЕПГУ's orders.</summary>
    public MockEsiaAdminClient Admin { get; }

    /// <summary>The fixtures folder in use (the bundled test keys and certificates are under its <c>pki/</c>).</summary>
    public string FixturesPath { get; }

    /// <summary>MockEsia's services (for what the admin API does not offer).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Whether this host runs on TestServer rather than on a port.</summary>
    public bool InMemory => _app.Services.GetService<IServer>() is TestServer;

    /// <summary>A file of the fixtures, e.g. <c>Fixture("pki", "clients", "client-gost256.key.pem")</c>, MOCKSYS's test key.</summary>
    public string Fixture(params string[] relative) => Path.Combine([FixturesPath, .. relative]);

    /// <summary>Starts MockEsia on a free loopback port.</summary>
    public static Task<MockEsiaHost> StartAsync(Action<MockEsiaHostOptions>? configure = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(configure, inMemory: false, cancellationToken);

    /// <summary>Starts MockEsia on TestServer: no port, reached only through <see cref="CreateHandler"/> or <see cref="CreateClient"/>.</summary>
    public static Task<MockEsiaHost> StartInMemoryAsync(Action<MockEsiaHostOptions>? configure = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(configure, inMemory: true, cancellationToken);

    /// <summary>
    /// A handler that reaches this MockEsia: TestServer's in memory (requests to any host go to it), otherwise a new
    /// socket handler. The caller owns it.
    /// </summary>
    public HttpMessageHandler CreateHandler() => _app.Services.GetService<IServer>() is TestServer server ? server.CreateHandler() : new SocketsHttpHandler();

    /// <summary>An HTTP client whose base address is <see cref="BaseUrl"/>. The caller owns it.</summary>
    public HttpClient CreateClient() => new(CreateHandler()) { BaseAddress = BaseUrl };

    /// <summary>Stops MockEsia and deletes the folder of <see cref="MockEsiaHostOptions.Clients"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownClients is not null)
        {
            Directory.Delete(_ownClients, recursive: true);
        }
    }

    private static async Task<MockEsiaHost> StartCoreAsync(Action<MockEsiaHostOptions>? configure, bool inMemory, CancellationToken cancellationToken)
    {
        var options = new MockEsiaHostOptions();
        configure?.Invoke(options);
        if (options.ClientsFolder is not null && options.Clients.Count > 0)
        {
            throw new ArgumentException("Give the test's clients either as a folder (ClientsFolder) or as definitions (Clients), not both.", nameof(configure));
        }

        var fixtures = options.FixturesPath is { } given ? Path.GetFullPath(given) : BundledFixtures();
        var ownClients = options.Clients.Count > 0 ? WriteClients(options.Clients) : null;
        var clients = ownClients ?? (options.ClientsFolder is { } folder ? Path.GetFullPath(folder) : Path.Combine(fixtures, "no-own-clients"));
        // A client or scenario file that does not load refuses the start (one line naming it), unless the test says otherwise.
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [$"{MockEsiaOptions.Section}:StrictConfiguration"] = "true" };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        settings[$"{MockEsiaOptions.Section}:FixturesPath"] = fixtures;
        settings[$"{MockEsiaOptions.Section}:ClientsPath"] = clients;
        settings[$"{MockEsiaOptions.Section}:AdminToken"] = options.AdminToken;
        settings["Logging:LogLevel:Default"] = options.LogLevel.ToString();
        WebApplication app;
        try
        {
            app = MockEsiaServer.Build(["--contentRoot", AppContext.BaseDirectory, "--environment", "Testing", "--urls", "http://127.0.0.1:0"], b =>
            {
                b.Configuration.AddInMemoryCollection(settings);
                if (inMemory)
                {
                    b.WebHost.UseTestServer();
                }
            });
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            if (ownClients is not null)
            {
                Directory.Delete(ownClients, recursive: true);
            }

            throw;
        }

        Uri baseUrl;
        MockEsiaAdminClient admin;
        if (inMemory)
        {
            var http = app.GetTestClient();
            baseUrl = http.BaseAddress!;
            admin = new MockEsiaAdminClient(http, options.AdminToken);
        }
        else
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            baseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
            admin = new MockEsiaAdminClient(baseUrl, options.AdminToken);
        }

        return new MockEsiaHost(app, baseUrl, admin, fixtures, ownClients);
    }

    // The package copies the fixtures beside the assembly; a build of this repository does the same (MockEsia.csproj).
    private static string BundledFixtures()
    {
        var beside = Path.Combine(Path.GetDirectoryName(typeof(MockEsiaHost).Assembly.Location) ?? AppContext.BaseDirectory, BundledFixturesFolder);
        return Directory.Exists(Path.Combine(beside, "pki"))
            ? beside
            : throw new StartupRefusal($"MockEsia's bundled fixtures are missing from {beside}. Fix: restore the MockEsia package (it copies {BundledFixturesFolder}/ to the output), or set MockEsiaHostOptions.FixturesPath.");
    }

    private static string WriteClients(IEnumerable<ClientDefinition> clients)
    {
        var folder = Directory.CreateTempSubdirectory("mockesia-clients-").FullName;
        var index = 0;
        foreach (var client in clients)
        {
            var name = $"{index++.ToString("D3", CultureInfo.InvariantCulture)}-{string.Concat(client.ClientId.Where(char.IsAsciiLetterOrDigit))}.json";
            File.WriteAllText(Path.Combine(folder, name), JsonSerializer.Serialize(client, MockEsiaJson.Files));
        }

        return folder;
    }
}
