using System.Diagnostics;
using Conformance.Specs.Harness;
using Conformance.Specs.Runtime;
using Esia.Client.AspNetCore;
using Esia.TestSupport;
using MockEsia;
using ReferenceApp;

namespace Conformance.Tests;

/// <summary>
/// MockEsia over HTTPS from its local test CA: the reference app and the OpenSSL flow script complete a login trusting
/// only the exported CA, the TLS scenarios pass for the reference app and fail the variant that ignores ESIA's certificate.
/// </summary>
[Collection("conformance")]
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tls").FullName;
    private readonly List<WebApplication> _apps = [];
    private WebApplication _mock = null!;
    private Uri _admin = null!;
    private Uri _https = null!;

    private string CaPath => Path.Combine(_folder, "ca.cer.pem");

    public async Task InitializeAsync()
    {
        _admin = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _https = new Uri($"https://127.0.0.1:{FreePort.Next()}");
        _mock = MockEsiaServer.Build(["--urls", $"{_admin};{_https}", "--https", $"--MockEsia:Https:CaFolder={_folder}", "--environment", "Testing",
            "--Logging:LogLevel:Default=Warning"]);
        await _mock.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _mock.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<TargetApp> StartAppAsync(Action<WebApplicationBuilder>? mutate = null)
    {
        var appBase = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var app = ReferenceAppHost.Build([.. ReferenceAppArgs.For(appBase, _https), $"--Esia:TlsTrustedRoots:0={CaPath}"], mutate);
        await app.StartAsync();
        _apps.Add(app);
        return ConformanceStack.ReferenceTarget(appBase, _https);
    }

    private async Task<IReadOnlyList<ScenarioResult>> RunAsync(TargetApp target, params string[] ids)
    {
        await using var run = new HarnessRun(target, new MockEsiaDriver(_admin, null));
        return await FeatureRunner.RunAsync(run, ConformanceStack.Catalogue.Where(s => ids.Contains(s.Id)).ToArray());
    }

    [Fact]
    public async Task The_reference_app_trusting_only_the_exported_CA_logs_in_over_TLS_and_passes_the_TLS_scenarios()
    {
        using (var http = new HttpClient())
        {
            (await http.GetStringAsync(new Uri(_admin, "/public/ca.pem"))).Should().Be(await File.ReadAllTextAsync(CaPath), "the CA is served as it is kept");
        }

        var results = await RunAsync(await StartAppAsync(), "ESIA-C01", "ESIA-C70", "ESIA-C71");
        results.Should().HaveCount(3);
        results.Should().OnlyContain(r => r.Outcome == Outcome.Passed, string.Join("\n", results.Select(r => $"{r.Id} {r.Outcome}: {r.Message}\n{string.Join('\n', r.Checks)}")));
    }

    [Fact]
    public async Task The_variant_that_ignores_ESIAs_certificate_fails_the_TLS_scenarios()
    {
        var insecure = await StartAppAsync(b => b.Services.AddHttpClient(EsiaDefaults.TokenHttpClient)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }));
        var results = await RunAsync(insecure, "ESIA-C70", "ESIA-C71");
        results.Should().HaveCount(2).And.OnlyContain(r => r.Outcome == Outcome.Failed, string.Join("\n", results.Select(r => $"{r.Id} {r.Outcome}: {r.Message}")));
        results.Should().OnlyContain(r => r.Message!.Contains("does not validate ESIA's certificate", StringComparison.Ordinal));
    }

    [OpenSslFact]
    public async Task The_OpenSSL_flow_script_completes_a_login_over_TLS_trusting_only_the_CA()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Paths.Root, "scripts", "openssl-flow.sh"));
        start.ArgumentList.Add(_https.ToString().TrimEnd('/'));
        start.Environment["ESIA_CACERT"] = CaPath;
        using var script = Process.Start(start)!;
        var output = await script.StandardOutput.ReadToEndAsync() + await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        script.ExitCode.Should().Be(0, output);
        output.Should().Contain("HTTP 200").And.Contain("\"snils\"").And.Contain("{\"orderId\":", "the same token reserves an API ЕПГУ order");
    }
}
