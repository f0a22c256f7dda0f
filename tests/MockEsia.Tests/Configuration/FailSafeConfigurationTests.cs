using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Esia.TestSupport;
using MockEsia.Admin;
using MockEsia.Configuration;
using MockEsia.Tests.Support;

namespace MockEsia.Tests.Configuration;

/// <summary>
/// Configuration that fails safe: one bad client file never stops the valid ones from loading nor crashes MockEsia,
/// each bad file is reported once with the file and the fix (start-up block, start page, dashboard, admin API, and the
/// diagnosis of the client's own requests), a strict mode refuses to start instead, a reset is atomic, and every
/// start-up refusal is one line without a stack trace. Client ids are ESIA mnemonics, upper case (reference §3.1).
/// </summary>
public sealed class FailSafeConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clients").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Pem(string name) => File.ReadAllText(TestPki.CertPath(name));

    private void Write(string file, object content) =>
        File.WriteAllText(Path.Combine(_folder, file), content as string ?? JsonSerializer.Serialize(content, new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    private static object Client(string id, string certificate = "clients/client-other", bool allowRsa = false) =>
        new { clientId = id, certificatesPem = new[] { Pem(certificate) }, redirectUris = new[] { "http://localhost:7000/cb" }, allowRsaClientKeys = allowRsa };

    // One good file and one of each kind of bad file; the good one sorts after every bad one.
    private void WriteFolder()
    {
        Write("A-BROKEN.json", "{ \"clientId\": \"BROKEN\", ");
        Write("B-RSASYS.json", Client("RSASYS", "clients/client-rsa"));
        Write("C-UNKNOWN.json", "{ \"clientId\": \"TYPOSYS\", \"redirectUri\": [\"http://localhost/\"], \"certificatesPem\": [] }");
        Write("D-lower.json", Client("lowersys"));
        Write("E-NOCERT.json", new { clientId = "NOCERT", certificates = new[] { "NOCERT.cer.pem" }, redirectUris = new[] { "http://localhost/" } });
        Write("F-DUP1.json", Client("DUPSYS"));
        Write("G-DUP2.json", Client("DUPSYS"));
        Write("Z-GOODSYS.json", Client("GOODSYS"));
    }

    [Fact]
    public async Task Bad_client_files_are_left_out_with_the_file_the_problem_and_the_fix_and_the_valid_ones_load()
    {
        WriteFolder();
        await using var host = await MockEsiaHost.StartAsync($"--MockEsia:ClientsPath={_folder}");
        var control = host.Get<MockEsiaControl>();

        control.Clients.Find("GOODSYS").Should().NotBeNull("a valid file that sorts after the bad ones still loads");
        control.Clients.Find("DUPSYS").Should().NotBeNull("the first definition of a duplicated id loads");
        control.Clients.Find("MOCKSYS").Should().NotBeNull("the bundled clients load");
        var problems = control.Problems;
        problems.Select(p => Path.GetFileName(p.File)).Should().BeEquivalentTo(["A-BROKEN.json", "B-RSASYS.json", "C-UNKNOWN.json", "D-lower.json", "E-NOCERT.json", "G-DUP2.json"]);
        problems.Should().OnlyContain(p => p.Line.Contains(p.File, StringComparison.Ordinal) && p.Line.Contains(" Fix: ", StringComparison.Ordinal) && !p.Line.Contains('\n'));
        Line("A-BROKEN.json").Should().Contain("not valid JSON");
        Line("B-RSASYS.json").Should().Contain("RSA key").And.Contain("allowRsaClientKeys").And.Contain("--allow-rsa");
        Line("C-UNKNOWN.json").Should().Contain("'redirectUri' is not a field of a client file");
        Line("D-lower.json").Should().Contain("'lowersys' is not an ESIA mnemonic");
        Line("E-NOCERT.json").Should().Contain("the certificate 'NOCERT.cer.pem' cannot be read");
        Line("G-DUP2.json").Should().Contain("DUPSYS is already defined in").And.Contain("F-DUP1.json");

        var client = host.Client();
        var listed = await client.GetFromJsonAsync<ConfigurationProblem[]>(AdminPaths.ConfigurationProblems);
        listed!.Select(p => p.Line).Should().Equal(problems.Select(p => p.Line));
        (await client.GetStringAsync("/")).Should().Contain("data-testid=\"not-loaded\"").And.Contain("B-RSASYS.json");
        (await client.GetStringAsync("/__admin/ui")).Should().Contain("data-testid=\"not-loaded-RSASYS\"");

        var ac = await client.GetAsync("/aas/oauth2/v2/ac?client_id=RSASYS&redirect_uri=http%3A%2F%2Flocalhost%3A7000%2Fcb&scope=openid&response_type=code&state=" + Guid.NewGuid());
        var diagnosis = ac.Headers.GetValues("X-MockEsia-Diagnostic").Single();
        diagnosis.Should().Contain("RSASYS is in").And.Contain("B-RSASYS.json but was not loaded").And.Contain("RSA key").And.Contain("Fix:");

        string Line(string file) => problems.Single(p => Path.GetFileName(p.File) == file).Line;
    }

    [Fact]
    public async Task The_start_up_block_lists_what_was_not_loaded()
    {
        WriteFolder();
        await using var host = await MockEsiaHost.StartAsync($"--MockEsia:ClientsPath={_folder}");
        var banner = StartupBanner.Text(host.Services, ["http://127.0.0.1:5000"], MockEsiaHost.Start);
        banner.Split('\n').Count(l => l.Contains("not loaded:", StringComparison.Ordinal)).Should().Be(6);
    }

    [Fact]
    public async Task Strict_configuration_refuses_to_start_with_one_line_per_bad_file()
    {
        WriteFolder();
        var start = () => MockEsiaHost.StartAsync($"--MockEsia:ClientsPath={_folder}", "--MockEsia:StrictConfiguration=true");
        var refused = (await start.Should().ThrowAsync<StartupRefusal>()).Which.Message.Split('\n');
        refused.Should().HaveCount(7).And.Contain(l => l.Contains("B-RSASYS.json", StringComparison.Ordinal)).And.Contain(l => l.Contains("StrictConfiguration", StringComparison.Ordinal));

        var (exit, output, errors) = await MockEsiaProcess.RunToExitAsync("--urls", $"http://127.0.0.1:{FreePort.Next()}", $"--MockEsia:ClientsPath={_folder}", "--MockEsia:StrictConfiguration=true");
        exit.Should().Be(2, output + errors);
        errors.Should().StartWith("MockEsia cannot start: ").And.Contain("B-RSASYS.json").And.NotContain("   at ", "no stack trace");
        errors.Trim().Split('\n').Should().HaveCount(7);
    }

    [Fact]
    public async Task A_reset_keeps_the_valid_clients_lists_a_new_bad_file_and_never_half_applies()
    {
        Write("Z-GOODSYS.json", Client("GOODSYS"));
        await using var host = await MockEsiaHost.StartAsync($"--MockEsia:ClientsPath={_folder}");
        var client = host.Client();
        var before = host.Get<MockEsiaControl>().Clients.All.Count;

        Write("B-RSASYS.json", Client("RSASYS", "clients/client-rsa"));
        (await client.PostAsync(AdminPaths.Reset, null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        host.Get<MockEsiaControl>().Clients.All.Count.Should().Be(before, "the valid clients, GOODSYS among them, stay");
        host.Get<MockEsiaControl>().Problems.Should().ContainSingle().Which.ClientId.Should().Be("RSASYS");
    }

    [Fact]
    public async Task A_reset_that_cannot_read_the_fixtures_answers_a_problem_and_changes_nothing()
    {
        var fixtures = Directory.CreateTempSubdirectory("fixtures").FullName;
        try
        {
            CopyFolder(Paths.Fixture(), fixtures);
            await using var host = await MockEsiaHost.StartAsync($"--MockEsia:FixturesPath={fixtures}");
            var control = host.Get<MockEsiaControl>();
            var client = host.Client();
            (await client.PutAsJsonAsync(AdminPaths.Clients, new ClientDefinition { ClientId = "ADDED", CertificatesPem = [Pem("clients/client-other")], RedirectUris = ["http://localhost/"] })).EnsureSuccessStatusCode();
            var (clients, people) = (control.Clients.All.Count, control.People.All.Count);

            await File.WriteAllTextAsync(Path.Combine(fixtures, "users", "broken.json"), "{ not json");
            var reset = await client.PostAsync(AdminPaths.Reset, null);

            reset.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            reset.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await reset.Content.ReadAsStringAsync()).Should().Contain("broken.json").And.Contain("MockEsia keeps the state it had");
            control.Clients.All.Count.Should().Be(clients);
            control.Clients.Find("ADDED").Should().NotBeNull("nothing of the reset was applied");
            control.People.All.Count.Should().Be(people);
        }
        finally
        {
            Directory.Delete(fixtures, recursive: true);
        }
    }

    [Fact]
    public async Task A_scenario_file_that_cannot_be_used_is_listed_and_not_applied_or_refused_in_strict_mode()
    {
        var scenario = Path.Combine(_folder, "scenario.json");
        await File.WriteAllTextAsync(scenario, "{ \"clockFrozen\": true, \"faults\": [ { \"endpoint\": \"Token\", \"kind\": \"Error\", \"errorCode\": \"ESIA-007011\" } ], \"clinets\": [] }");
        await using (var host = await MockEsiaHost.StartAsync($"--MockEsia:ScenarioFile={scenario}"))
        {
            var control = host.Get<MockEsiaControl>();
            control.Problems.Should().ContainSingle().Which.Line.Should().Contain(scenario).And.Contain("clinets").And.Contain("Fix:");
            control.Faults.All.Should().BeEmpty("nothing of a scenario file that cannot be used is applied");
        }

        var strict = () => MockEsiaHost.StartAsync($"--MockEsia:ScenarioFile={scenario}", "--MockEsia:StrictConfiguration=true");
        (await strict.Should().ThrowAsync<StartupRefusal>()).Which.Message.Should().Contain(scenario);
    }

    public static TheoryData<string, string[], string> Refusals() => new()
    {
        { "production issuer", ["--MockEsia:Issuer=http://esia.gosuslugi.ru/"], "MockEsia:AllowProductionIssuer=true" },
        { "missing fixtures", ["--MockEsia:FixturesPath=/nonexistent/fixtures"], "MockEsia:FixturesPath" },
        { "Redis unreachable", ["--MockEsia:Redis=127.0.0.1:1,connectTimeout=500"], "remove the setting to keep state in memory" },
        { "unreadable TLS folder", ["--https", "--MockEsia:Https:CaFolder=/proc/version/ca"], "MockEsia:Https:CaFolder" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_start_up_refusal_is_one_clear_line_and_exit_code_2_without_a_stack_trace(string what, string[] settings, string fix)
    {
        var (exit, output, errors) = await MockEsiaProcess.RunToExitAsync(["--urls", $"http://127.0.0.1:{FreePort.Next()}", .. settings]);
        exit.Should().Be(2, $"{what}: {output}{errors}");
        errors.Trim().Split('\n').Should().ContainSingle($"{what}: one line").Which.Should().StartWith("MockEsia cannot start: ").And.Contain(fix).And.Contain("Fix:");
        errors.Should().NotContain("   at ").And.NotContain("Unhandled exception");
    }

    [Fact]
    public async Task A_port_in_use_is_one_clear_line_naming_the_address_and_the_fix()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (exit, _, errors) = await MockEsiaProcess.RunToExitAsync("--urls", $"http://127.0.0.1:{port}");
        exit.Should().Be(2, errors);
        errors.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain($"127.0.0.1:{port}").And.Contain("address already in use").And.Contain("--urls");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
