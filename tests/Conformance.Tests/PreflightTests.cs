using System.Text.Json;
using Conformance.Runner;
using Conformance.Specs.Harness;
using Esia.TestSupport;
using ReferenceApp;

namespace Conformance.Tests;

/// <summary>
/// <c>conformance preflight</c>: the reference app started in its production configuration (production ESIA's issuer and
/// signing certificates, its production certificate) passes against the runner's production stand-in; the same app
/// hard-wired to the test issuer fails, with the reason. Production's address and issuer: esia-protocol.md §1.1; its
/// signing certificates from esia.zip and their rotation: §1.2, §6.5.
/// </summary>
[Collection("conformance")]
public sealed class PreflightTests(ConformanceStack stack) : IAsyncLifetime
{
    private readonly List<WebApplication> _apps = [];

    [Fact]
    public async Task The_reference_app_in_its_production_configuration_follows_production_ESIA()
    {
        var (exit, text) = await PreflightAsync(issuer: "http://esia.gosuslugi.ru/");
        exit.Should().Be(0, text);
        text.Should().Contain("PASS ESIA-C01").And.Contain("PASS ESIA-C21").And.Contain("PASS ESIA-C22").And.Contain("PASS ESIA-C50");
        text.Should().Contain("issuer http://esia.gosuslugi.ru/").And.Contain("Production switch: the app follows production ESIA");
        text.Should().Contain("[ ] Сертификат ИС для продуктивной среды загружен").And.Contain("§6.5");
    }

    [Fact]
    public async Task An_app_hard_wired_to_the_test_issuer_fails_the_preflight_with_the_reason()
    {
        var (exit, text) = await PreflightAsync(issuer: "http://esia-portal1.test.gosuslugi.ru/");
        exit.Should().Be(1, text);
        text.Should().Contain("FAIL ESIA-C01").And.Contain("hard-wired to the test address, issuer or signing certificate").And.Contain("Production switch: NOT ready");
    }

    [Fact]
    public async Task A_target_without_a_production_block_is_told_what_to_add()
    {
        var folder = Directory.CreateTempSubdirectory("preflight").FullName;
        var file = Path.Combine(folder, "app.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(ConformanceStack.ReferenceTarget(new Uri("http://127.0.0.1:1/"), stack.MockBase), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var output = new StringWriter();
        (await RunnerCommand.RunAsync(["preflight", "--target", file, "--out", Path.Combine(folder, "out")], output)).Should().Be(2);
        output.ToString().Should().Contain("preflight needs a production block").And.Contain("esiaUrl");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    // The reference app as its operator would start it for production: production ESIA's address (the runner's stand-in),
    // the given issuer, production ESIA's signing certificates, and its own production certificate (client-other).
    private async Task<(int Exit, string Text)> PreflightAsync(string issuer)
    {
        var esia = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var appBase = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var app = ReferenceAppHost.Build([.. ReferenceAppArgs.For(appBase, esia),
            $"--Esia:Issuer={issuer}",
            $"--Esia:CertificatePath={Paths.Fixture("pki", "clients", "client-other.cer.pem")}",
            $"--Esia:KeyPath={Paths.Fixture("pki", "clients", "client-other.key.pem")}",
            $"--Esia:TrustedCertificates:0={Paths.Fixture("pki", "esia-production", "esia-production-gost256.cer.pem")}",
            $"--Esia:TrustedCertificates:1={Paths.Fixture("pki", "esia-production", "esia-production-gost256-next.cer.pem")}",
            "--Epgu:Enabled=false"]);
        await app.StartAsync();
        _apps.Add(app);

        var folder = Directory.CreateTempSubdirectory("preflight").FullName;
        var target = ConformanceStack.ReferenceTarget(new Uri("http://127.0.0.1:1/"), stack.MockBase);
        target.Production = new TargetProduction { BaseUrl = appBase.ToString(), EsiaUrl = esia.ToString(), Certificates = [Paths.Fixture("pki", "clients", "client-other.cer.pem")] };
        var file = Path.Combine(folder, "app.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(target, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var output = new StringWriter();
        var exit = await RunnerCommand.RunAsync(["preflight", "--target", file, "--out", Path.Combine(folder, "out")], output);
        return (exit, output.ToString());
    }
}
