using System.Net;
using Esia.Client.AspNetCore;
using Esia.TestSupport;
using MockEsia.Admin;
using MockEsia.DriftWatch;
using ReferenceApp;

namespace MockEsia.Tests.DriftWatch;

/// <summary>
/// The reference app logs in through the drift proxy (README "Watching ESIA for changes"): its ESIA base URL is the
/// proxy, the browser is sent on to the upstream's pages, te and /rs pass through unchanged, and against an unchanged
/// MockEsia upstream the report shows the app's requests accepted and no difference.
/// </summary>
public sealed class DriftProxyTests : IAsyncLifetime
{
    private readonly LoopbackBrowser _browser = new();
    private readonly string _output = Directory.CreateTempSubdirectory("drift-app").FullName;
    private WebApplication _upstream = null!;
    private DriftProxyHost _proxy = null!;
    private WebApplication _app = null!;
    private Uri _appBase = null!;

    public async Task InitializeAsync()
    {
        var upstreamPort = FreePort.Next();
        _upstream = MockEsiaServer.Build(["--urls", $"http://127.0.0.1:{upstreamPort}", "--environment", "Testing", "--Logging:LogLevel:Default=Warning"]);
        await _upstream.StartAsync();
        var proxyBase = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _proxy = await DriftProxyHost.StartAsync(new ProxySettings(new Uri($"http://127.0.0.1:{upstreamPort}"), Paths.Fixture("pki", "clients", "client-gost256.cer.pem"), null, false, _output, proxyBase.ToString()),
            ["--environment", "Testing"]);
        _appBase = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var clock = _upstream.Services.GetRequiredService<MockEsiaControl>().Clock;
        _app = ReferenceAppHost.Build(ReferenceAppArgs.For(_appBase, proxyBase), b => b.Services.PostConfigure<EsiaOptions>(EsiaDefaults.AuthenticationScheme, o => o.Client.Clock = clock));
        await _app.StartAsync();
    }

    [Fact]
    public async Task The_reference_app_signs_in_through_the_proxy_and_nothing_drifts()
    {
        var home = await (await _browser.LoginAsync(new Uri(_appBase, "/login"))).Content.ReadAsStringAsync();
        home.Should().Contain("data-testid=\"oid\">1000000001");
        var profile = await (await _browser.SendAsync(HttpMethod.Get, new Uri(_appBase, "/profile"))).Content.ReadAsStringAsync();
        profile.Should().Contain("Фамилия001 Имя001 Отчество001", "the REST call went through the proxy");
        _browser.Hops.Should().Contain(h => h.AbsolutePath == "/aas/oauth2/login", "the login page is the upstream's own");

        await _proxy.SettledAsync();
        _proxy.Report.Verdicts.Select(v => (v.Endpoint, v.Accepted)).Should().Contain([("v2/ac", true), ("v3/te", true)]);
        _proxy.Report.Differences.Should().BeEmpty(because: _proxy.Report.ToJson()["differences"]!.ToJsonString());
        var report = await File.ReadAllTextAsync(Path.Combine(_output, "drift-report.json"));
        report.Should().Contain("/rs/prns").And.Contain("/aas/oauth2/v3/te");
        (await _browser.SendAsync(HttpMethod.Get, new Uri(_appBase, "/me"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
        await _proxy.DisposeAsync();
        await _upstream.DisposeAsync();
        Directory.Delete(_output, recursive: true);
    }
}
