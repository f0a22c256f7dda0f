using Conformance.Specs.Harness;
using Conformance.Specs.Runtime;
using Esia.TestSupport;
using MockEsia;
using ReferenceApp;

namespace Conformance.Tests;

/// <summary>MockEsia embedded on a loopback port, and reference apps (sound or mutated) started against it.</summary>
public sealed class ConformanceStack : IAsyncLifetime
{
    private readonly List<WebApplication> _apps = [];
    private WebApplication _mock = null!;
    private MockEsiaDriver _driver = null!;

    public Uri MockBase { get; private set; } = null!;

    public static IReadOnlyList<ParsedScenario> Catalogue { get; } = FeatureRunner.Discover([Path.Combine(AppContext.BaseDirectory, "Features")]);

    /// <summary>The scenarios a run against an http esiaUrl runs for an app without API ЕПГУ (the TLS ones need https, API ЕПГУ's an epgu block).</summary>
    public static IReadOnlyList<ParsedScenario> OverHttp { get; } = Catalogue.Where(s => !s.Tags.Contains(FeatureRunner.HttpsTag) && !s.Tags.Contains(FeatureRunner.EpguTag)).ToArray();

    /// <summary>The scenarios a run of the reference app (which submits applications through API ЕПГУ) runs over http.</summary>
    public static IReadOnlyList<ParsedScenario> ReferenceOverHttp { get; } = Catalogue.Where(s => !s.Tags.Contains(FeatureRunner.HttpsTag)).ToArray();

    /// <summary>How many results a whole run over http gives an app without API ЕПГУ: each scenario once, and again under the other value of each two-valued reading it touches.</summary>
    public static int Results => OverHttp.Count + OverHttp.Sum(s => s.Readings.Count);

    /// <summary>How many results a whole run against a target gives.</summary>
    public static int ResultsFor(TargetApp target) => Catalogue.Where(s => FeatureRunner.Applies(s, target)).Sum(s => 1 + s.Readings.Count);

    /// <summary>How many results a whole run of the reference app over http gives.</summary>
    public static int ReferenceResults => ReferenceOverHttp.Count + ReferenceOverHttp.Sum(s => s.Readings.Count);

    /// <summary>
    /// The reference app's scenarios over http with one order's life (EPGU-C01) of API ЕПГУ's: for tests about reports,
    /// which need the feature's section but not every API ЕПГУ scenario again (each waits the app's poll interval).
    /// </summary>
    public static IReadOnlyList<ParsedScenario> ReferenceWithOneOrder { get; } = ReferenceOverHttp.Where(s => !s.Tags.Contains(FeatureRunner.EpguTag) || s.Id == "EPGU-C01").ToArray();

    /// <summary>The runner's <c>--tags</c> for <see cref="ReferenceWithOneOrder"/>.</summary>
    public static string[] OneOrderTags => ["--tags", string.Join(',', ReferenceWithOneOrder.Select(s => s.Id))];

    /// <summary>API ЕПГУ's part of the reference target: the pages of samples/ReferenceApp.</summary>
    public static TargetEpgu ReferenceEpgu => new()
    {
        SubmitPath = "/epgu",
        SubmitButton = "epgu-submit",
        OrderPath = "/epgu/orders/{orderId}",
        CancelButton = "epgu-cancel",
        ServiceCode = "10000000113",
        PollIntervalSeconds = 1,
    };

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        MockBase = new Uri($"http://127.0.0.1:{port}");
        _mock = MockEsiaServer.Build(["--urls", MockBase.ToString(), "--environment", "Testing", "--Logging:LogLevel:Default=Warning"]);
        await _mock.StartAsync();
        _driver = new MockEsiaDriver(MockBase, null);
    }

    /// <summary>Starts a reference app (with an optional defect) and returns the target file the harness would be given for it.</summary>
    public async Task<TargetApp> StartAppAsync(Action<WebApplicationBuilder>? mutate = null)
    {
        var appBase = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var app = ReferenceAppHost.Build(ReferenceAppArgs.For(appBase, MockBase), mutate);
        await app.StartAsync();
        _apps.Add(app);
        return ReferenceTarget(appBase, MockBase);
    }

    /// <summary>The target file the harness would be given for a reference app at <paramref name="appBase"/> talking to ESIA at <paramref name="esiaUrl"/>.</summary>
    public static TargetApp ReferenceTarget(Uri appBase, Uri esiaUrl) => new()
    {
        Name = "ReferenceApp",
        BaseUrl = appBase.ToString(),
        LoginPath = "/login",
        SignedIn = new SignedInProbe { Path = "/me" },
        RestPath = "/profile",
        LogoutPath = "/logout",
        EsiaUrl = esiaUrl.ToString(),
        ClientId = "MOCKSYS",
        Certificates = [Paths.Fixture("pki", "clients", "client-gost256.cer.pem")],
        RedirectUris = [$"{appBase}signin-esia"],
        ShortAccessTokenLifetimeSeconds = 3,
        Epgu = ReferenceEpgu,
    };

    /// <summary>Runs the scenarios with these ids (all when none) against a target.</summary>
    public Task<IReadOnlyList<ScenarioResult>> RunAsync(TargetApp target, params string[] ids) => RunAsync(target, BrowserKind.Http, ids);

    /// <summary>Runs the scenarios with these ids (all when none) against a target, with a browser of this kind.</summary>
    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(TargetApp target, BrowserKind browser, params string[] ids)
    {
        await using var run = new HarnessRun(target, _driver, browser);
        return await FeatureRunner.RunAsync(run, Catalogue.Where(s => ids.Length == 0 || ids.Contains(s.Id)).ToArray());
    }

    /// <summary>
    /// Writes the target file into <paramref name="folder"/> (a fresh one when null) and runs the runner's command line on
    /// it against this MockEsia, reports in <c>folder/out</c>; returns the exit code, the console text and the folder.
    /// </summary>
    public async Task<(int Exit, string Output, string Folder)> RunCliAsync(TargetApp target, string? folder, params string[] args)
    {
        folder ??= Directory.CreateTempSubdirectory("conformance").FullName;
        var file = Path.Combine(folder, "app.json");
        await File.WriteAllTextAsync(file, System.Text.Json.JsonSerializer.Serialize(target, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));
        var output = new StringWriter();
        var exit = await Conformance.Runner.RunnerCommand.RunAsync(["run", "--target", file, "--mock", MockBase.ToString(), "--out", Path.Combine(folder, "out"), .. args], output);
        return (exit, output.ToString(), folder);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        _driver.Dispose();
        await _mock.DisposeAsync();
    }
}

[CollectionDefinition("conformance")]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceStack>;
