using System.Diagnostics;
using Esia.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Delivery.Tests;

/// <summary>The delivery files: compose and CI templates parse, the Dockerfile has what the image needs, the runner packs as a .NET tool.</summary>
public class DeliveryTests
{
    public static TheoryData<string> YamlFiles() => new(
        Directory.EnumerateFiles(Path.Combine(Paths.Root, "examples"), "*.yml", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Paths.Root, f)).Order());

    private static YamlMappingNode Load(string relative)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Paths.Root, relative))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Every_compose_file_and_CI_template_parses(string file) => Load(file).Children.Should().NotBeEmpty();

    [Fact]
    public void The_templates_and_compose_use_the_commands_the_smoke_test_runs()
    {
        var compose = Load("examples/docker-compose.yml");
        var services = (YamlMappingNode)compose["services"];
        services.Children.Keys.Select(k => k.ToString()).Should().BeEquivalentTo(["mockesia", "referenceapp", "runner"]);
        ((YamlSequenceNode)((YamlMappingNode)services["runner"])["command"]).Select(n => n.ToString()).Should().StartWith(["conformance", "run", "--target"]);
        var gitlab = (YamlMappingNode)Load("examples/ci/gitlab-ci.yml")["esia-conformance"];
        ((YamlMappingNode)gitlab["artifacts"])["reports"].ToString().Should().Contain("junit");
        var smoke = File.ReadAllText(Path.Combine(Paths.Root, "scripts", "docker-smoke.sh"));
        smoke.Should().Contain("conformance list").And.Contain("--health").And.Contain("openssl-flow.sh");
        smoke.Should().Contain("scripts/docker-examples.sh", "CI runs the compose files, the templates' script and the README's Docker commands");
        File.ReadAllText(Path.Combine(Paths.Root, "examples", "ci", "github-actions.yml")).Should().Contain("bash scripts/ci-example.sh");
        gitlab["script"].ToString().Should().Contain("bash scripts/ci-example.sh");
        File.ReadAllText(Path.Combine(Paths.Root, "scripts", "ci-example.sh")).Should().Contain("conformance run --target");
        File.ReadAllText(Path.Combine(Paths.Root, "scripts", "docker-examples.sh")).Should().Contain("ci-example.sh").And.Contain("docker-compose.https.yml")
            .And.Contain("docker-compose.my-app.yml").And.Contain("docker-commands:begin");
    }

    [Fact]
    public void The_Dockerfile_has_base_images_as_args_a_prebuilt_stage_a_non_root_user_a_healthcheck_and_labels()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Paths.Root, "Dockerfile"));
        dockerfile.Should().Contain("ARG BASE_IMAGE=").And.Contain("ARG SDK_IMAGE=").And.Contain("AS prebuilt").And.Contain("AS build")
            .And.Contain("USER $APP_UID").And.Contain("EXPOSE 8080").And.Contain("HEALTHCHECK").And.Contain("--health")
            .And.Contain("org.opencontainers.image.title").And.Contain("org.opencontainers.image.licenses");
        dockerfile.IndexOf("AS prebuilt", StringComparison.Ordinal).Should().BeLessThan(dockerfile.IndexOf("AS build", StringComparison.Ordinal),
            "the legacy builder builds every stage before the target");
        File.ReadAllText(Path.Combine(Paths.Root, ".dockerignore")).Should().Contain("!artifacts/publish/");
    }

    [Fact]
    public async Task The_runner_packs_as_a_dotnet_tool_that_installs_and_lists_the_catalogue()
    {
        var work = Directory.CreateTempSubdirectory("tool").FullName;
        try
        {
            await Run("dotnet", "pack", Path.Combine(Paths.Root, "Conformance.Runner", "Conformance.Runner.csproj"), "-c", "Release", "-o", Path.Combine(work, "nupkg"), "-nologo");
            await Run("dotnet", "tool", "install", "MockEsia.Conformance", "--tool-path", Path.Combine(work, "tools"), "--add-source", Path.Combine(work, "nupkg"));
            var output = await Run(Path.Combine(work, "tools", "conformance"), "list");
            output.Should().Contain("ESIA-C01").And.Contain("37 scenarios");

            // An app that does not answer: C01 fails, the console shows verdicts only (none of Reqnroll's start-up lines).
            var target = Path.Combine(work, "app.json");
            await File.WriteAllTextAsync(target, $$"""
                { "baseUrl": "http://127.0.0.1:{{FreePort.Next()}}/", "esiaUrl": "http://127.0.0.1:{{FreePort.Next()}}", "clientId": "MOCKSYS",
                  "certificates": ["{{Paths.Fixture("pki", "clients", "client-gost256.cer.pem")}}"], "redirectUris": ["http://127.0.0.1:1/signin-esia"] }
                """);
            var run = await Run(Path.Combine(work, "tools", "conformance"), 1, "run", "--target", target, "--tags", "ESIA-C01,ESIA-C20", "--out", Path.Combine(work, "out"));
            run.Should().Contain("FAIL ESIA-C01").And.Contain("INCONCLUSIVE ESIA-C20").And.Contain("0 passed, 1 failed, 1 inconclusive, 0 harness errors");
            run.Should().NotContain("Loading plugin").And.NotContain("Using default config");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // The README's "First hour", step by step: register one's own system from its certificate, start MockEsia, see it on
    // the start page, sign in with it through nothing but curl and OpenSSL.
    [Fact]
    public async Task The_first_hour_walk_from_the_README_works()
    {
        if (!OpenSsl.HasGostEngine && !OpenSsl.RequiredByCi)
        {
            return;
        }

        var work = Directory.CreateTempSubdirectory("firsthour").FullName;
        var clients = $"--MockEsia:ClientsPath={Path.Combine(work, "clients")}";
        var project = Path.Combine(Paths.Root, "MockEsia");
        try
        {
            var added = await Run("dotnet", "run", "--no-build", "--project", project, "--", "clients", "add", "--id", "MYSYS", "--cert", Paths.Fixture("pki", "clients", "client-other.cer"),
                "--redirect", "http://localhost:7000/signin-esia", clients);
            added.Should().Contain("client_certificate_hash: ");

            var port = FreePort.Next();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "run", "--no-build", "--project", project, "--", "--urls", $"http://127.0.0.1:{port}", clients })
            {
                start.ArgumentList.Add(a);
            }

            using var server = Process.Start(start)!;
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                string? page = null;
                for (var i = 0; i < 150 && page is null; i++)
                {
                    try
                    {
                        page = await http.GetStringAsync("/");
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(200);
                    }
                }

                page.Should().NotBeNull("MockEsia answers on its start page").And.Contain("data-testid=\"client-MYSYS\"");
                var flow = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                flow.ArgumentList.Add(Path.Combine(Paths.Root, "scripts", "openssl-flow.sh"));
                flow.ArgumentList.Add($"http://127.0.0.1:{port}");
                flow.Environment["ESIA_CLIENT_ID"] = "MYSYS";
                flow.Environment["ESIA_CERT"] = Paths.Fixture("pki", "clients", "client-other.cer");
                flow.Environment["ESIA_KEY"] = Paths.Fixture("pki", "clients", "client-other.key.pem");
                flow.Environment["ESIA_REDIRECT"] = "http://localhost:7000/signin-esia";
                using var script = Process.Start(flow)!;
                var output = await script.StandardOutput.ReadToEndAsync() + await script.StandardError.ReadToEndAsync();
                await script.WaitForExitAsync();
                script.ExitCode.Should().Be(0, output);
                output.Should().Contain("HTTP 200").And.Contain("\"snils\"");
            }
            finally
            {
                server.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Task<string> Run(string file, params string[] args) => Run(file, 0, args);

    private static async Task<string> Run(string file, int exitCode, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout + await stderr;
        process.ExitCode.Should().Be(exitCode, $"{file} {string.Join(' ', args)}: {text}");
        return text;
    }
}
