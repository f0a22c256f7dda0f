using System.Net;
using System.Text;
using System.Text.Json;
using Esia.Protocol.Time;
using Esia.TestSupport;
using MockEsia.Commands;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary><c>MockEsia clients add</c>: an integrator's system registered from its certificate in one step, kept across restarts.</summary>
public sealed class ClientsCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = MockEsiaHost.Start;
    private readonly string _folder = Directory.CreateTempSubdirectory("clients").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var exit = await ClientsCommand.RunAsync([.. args, $"--MockEsia:ClientsPath={_folder}"], output, Now);
        return (exit, output.ToString());
    }

    private static string Cert(string name, string extension = ".cer") => TestPki.CertPath(name).Replace(".cer.pem", extension, StringComparison.Ordinal);

    private static string OpenSslSecret(string message) =>
        Convert.ToBase64String(OpenSslSigner.Sign(message, "clients/client-other")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // A login of MYSYS whose every signature OpenSSL makes with the key of the certificate registered by the command.
    private static async Task OpenSslLoginAsync(MockEsiaHost host)
    {
        var client = host.Client();
        var hash = TestPki.ClientOther.Certificate.Streebog256Hex;
        const string redirect = "http://localhost:7000/cb";
        const string scope = "openid fullname";
        var (timestamp, state) = (EsiaTimestamp.Format(host.Clock.GetUtcNow()), Guid.NewGuid().ToString());
        var ac = new Dictionary<string, string?>
        {
            ["client_id"] = "MYSYS", ["client_secret"] = OpenSslSecret($"MYSYS{scope}{timestamp}{state}{redirect}"), ["client_certificate_hash"] = hash,
            ["redirect_uri"] = redirect, ["scope"] = scope, ["response_type"] = "code", ["state"] = state, ["timestamp"] = timestamp,
        };
        var query = EsiaRequests.Query(await new Browser(client).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", ac)));
        var code = query["code"];
        var teState = Guid.NewGuid().ToString();
        var te = new Dictionary<string, string?>
        {
            ["client_id"] = "MYSYS", ["code"] = code, ["grant_type"] = "authorization_code", ["client_certificate_hash"] = hash, ["redirect_uri"] = redirect,
            ["client_secret"] = OpenSslSecret($"MYSYS{scope}{timestamp}{teState}{redirect}{code}"), ["scope"] = scope, ["state"] = teState,
            ["timestamp"] = timestamp, ["token_type"] = "Bearer",
        };
        var response = await client.PostAsync("/aas/oauth2/v3/te", EsiaRequests.Form(te));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_relative_certificate_path_is_read_from_the_directory_the_command_was_typed_in()
    {
        // `dotnet run --project MockEsia -- clients add --cert my-system.cer` runs in MockEsia/; the shell's PWD is where the file is.
        var typedIn = Directory.CreateTempSubdirectory("typed-in").FullName;
        File.Copy(Cert("clients/client-other"), Path.Combine(typedIn, "my-system.cer"));
        var output = new StringWriter();
        var exit = await ClientsCommand.RunAsync(["add", "--id", "MYSYS", "--cert", "my-system.cer", "--redirect", "http://localhost:7000/cb", $"--MockEsia:ClientsPath={_folder}"],
            output, Now, callerDirectory: typedIn);
        exit.Should().Be(0, output.ToString());
        output.ToString().Should().Contain(TestPki.ClientOther.Certificate.Streebog256Hex, "the certificate read is the one in the directory the command was typed in");
        Directory.Delete(typedIn, recursive: true);
    }

    [OpenSslFact]
    public async Task A_system_added_from_its_certificate_survives_a_restart_and_an_OpenSSL_signed_login_with_it_succeeds()
    {
        var (exit, output) = await Run("add", "--id", "MYSYS", "--cert", Cert("clients/client-other"), "--redirect", "http://localhost:7000/cb");
        exit.Should().Be(0, output);
        output.Should().Contain($"client_certificate_hash: {TestPki.ClientOther.Certificate.Streebog256Hex}").And.Contain("Restart MockEsia");
        File.Exists(Path.Combine(_folder, "MYSYS.json")).Should().BeTrue();

        await using (var host = await MockEsiaHost.StartAsync($"--MockEsia:ClientsPath={_folder}"))
        {
            await OpenSslLoginAsync(host);
            (await host.Client().PostAsync("/__admin/reset", null)).EnsureSuccessStatusCode();
            (await host.Client().GetFromJsonAsync<JsonElement>("/__admin/clients")).EnumerateArray().Should()
                .Contain(c => c.GetProperty("clientId").GetString() == "MYSYS", "a reset returns to what the files say");
        }

        await using (var restarted = await MockEsiaHost.StartAsync($"--MockEsia:ClientsPath={_folder}"))
        {
            await OpenSslLoginAsync(restarted);
            (await restarted.Client().GetStringAsync("/")).Should().Contain("data-testid=\"client-MYSYS\"");
        }

        File.Exists(Path.Combine(_folder, "MYSYS.json")).Should().BeTrue("the files are never deleted");
        (await Run("list")).Output.Should().Contain("MYSYS").And.Contain(TestPki.ClientOther.Certificate.Streebog256Hex);
    }

    [OpenSslFact]
    public async Task Certificates_are_taken_as_integrators_have_them_DER_PEM_unarmoured_base64_and_a_PKCS7_chain()
    {
        var pem = await File.ReadAllTextAsync(TestPki.CertPath("clients/client-other"));
        var bare = Path.Combine(_folder, "bare.txt");
        await File.WriteAllTextAsync(bare, string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        var p7b = Path.Combine(_folder, "chain.p7b");
        await File.WriteAllBytesAsync(p7b, OpenSsl.Ok("crl2pkcs7", "-nocrl", "-certfile", TestPki.CertPath("clients/client-other"), "-certfile", TestPki.CertPath("esia/esia-gost256"), "-outform", "DER"));
        foreach (var (file, id) in new[] { (Cert("clients/client-other"), "DERSYS"), (TestPki.CertPath("clients/client-other"), "PEMSYS"), (bare, "B64SYS"), (p7b, "P7BSYS") })
        {
            var (exit, output) = await Run("add", "--id", id, "--cert", file, "--redirect", "http://localhost:7000/cb");
            exit.Should().Be(0, output);
            output.Should().Contain(TestPki.ClientOther.Certificate.Streebog256Hex, $"{id} registers the same certificate");
        }
    }

    [Fact]
    public async Task An_RSA_certificate_needs_the_legacy_switch_and_upkeep_is_warned_about()
    {
        var (refused, why) = await Run("add", "--id", "RSASYS", "--cert", Cert("clients/client-rsa"), "--redirect", "http://localhost:7000/cb");
        refused.Should().Be(2);
        why.Should().Contain("RSA").And.Contain("allowRsaClientKeys").And.Contain("--allow-rsa");
        File.Exists(Path.Combine(_folder, "RSASYS.json")).Should().BeFalse();

        var (allowed, warned) = await Run("add", "--id", "RSASYS", "--cert", Cert("clients/client-rsa"), "--redirect", "http://localhost:7000/cb", "--allow-rsa");
        allowed.Should().Be(0, warned);
        warned.Should().Contain("allowRsaClientKeys is on");

        var (expired, old) = await Run("add", "--id", "OLDSYS", "--cert", Cert("clients/client-expired"), "--redirect", "http://localhost:7000/cb");
        expired.Should().Be(0, old);
        old.Should().Contain("warning: the certificate").And.Contain("expired on");
        (await Run("add", "--id", "NOTYET", "--cert", Cert("clients/client-notyet"), "--redirect", "http://localhost:7000/cb")).Output.Should().Contain("is not valid until");

        (await Run("add", "--id", "X")).Exit.Should().Be(2, "--cert and --redirect are required");
        (await Run("add", "--id", "bad id!", "--cert", Cert("clients/client-other"), "--redirect", "http://x/")).Exit.Should().Be(2);
        var garbage = Path.Combine(_folder, "garbage.cer");
        await File.WriteAllTextAsync(garbage, "not a certificate", Encoding.ASCII);
        (await Run("add", "--id", "GARBAGE", "--cert", garbage, "--redirect", "http://x/")).Exit.Should().Be(2);
    }

    [Fact]
    public async Task Check_exits_1_for_a_certificate_due_within_the_horizon_for_a_scheduled_job()
    {
        (await Run("add", "--id", "MYSYS", "--cert", Cert("clients/client-other"), "--redirect", "http://localhost:7000/cb")).Exit.Should().Be(0);
        var (good, said) = await Run("check");
        good.Should().Be(0, said);
        said.Should().Contain("ok   MYSYS").And.Contain("until 2036-01-01").And.Contain("All certificates are good beyond the horizon");

        var (soon, warned) = await Run("check", "--days", "3650");
        soon.Should().Be(1, "the certificate expires within ten years");
        warned.Should().Contain("DUE  MYSYS").And.Contain("expires on 2036-01-01, in ").And.Contain("days: register its successor").And.Contain("1 certificate(s) due");
        (await Run("check", "--days", "tomorrow")).Exit.Should().Be(2);

        (await Run("add", "--id", "OLDSYS", "--cert", Cert("clients/client-expired"), "--redirect", "http://localhost:7000/cb")).Exit.Should().Be(0);
        var (expired, why) = await Run("check");
        expired.Should().Be(1, why);
        why.Should().Contain("DUE  OLDSYS").And.Contain("expired on 2021-01-01").And.Contain("ok   MYSYS");
    }

    [Fact]
    public async Task Adding_an_id_that_is_registered_needs_force_and_says_what_it_would_replace()
    {
        (await Run("add", "--id", "MYSYS", "--cert", Cert("clients/client-other"), "--redirect", "http://localhost:7000/cb")).Exit.Should().Be(0);

        var (again, said) = await Run("add", "--id", "MYSYS", "--cert", Cert("clients/client-gost256"), "--redirect", "http://localhost:7000/cb");
        again.Should().Be(2);
        said.Should().Contain("MYSYS is already registered").And.Contain("MYSYS.json").And.Contain(TestPki.ClientOther.Certificate.Streebog256Hex).And.Contain("--force");
        File.ReadAllText(Path.Combine(_folder, "MYSYS.cer.pem")).Should().Be(File.ReadAllText(TestPki.CertPath("clients/client-other")).ReplaceLineEndings("\n"), "nothing was overwritten");

        var (forced, replaced) = await Run("add", "--id", "MYSYS", "--cert", Cert("clients/client-gost256"), "--redirect", "http://localhost:7000/cb", "--force");
        forced.Should().Be(0, replaced);
        replaced.Should().Contain("Replaced MYSYS").And.Contain(TestPki.ClientGost256.Certificate.Streebog256Hex);

        var (bundled, why) = await Run("add", "--id", "MOCKSYS", "--cert", Cert("clients/client-other"), "--redirect", "http://localhost:7000/cb");
        bundled.Should().Be(2);
        why.Should().Contain("MOCKSYS is already registered: bundled with MockEsia").And.Contain("mocksys.json").And.Contain("--force");
        File.Exists(Path.Combine(_folder, "MOCKSYS.json")).Should().BeFalse();
    }

    [Fact]
    public async Task A_system_is_removed_again_and_a_bundled_one_cannot_be()
    {
        (await Run("add", "--id", "MYSYS", "--cert", Cert("clients/client-other"), "--redirect", "http://localhost:7000/cb")).Exit.Should().Be(0);

        var (removed, said) = await Run("remove", "--id", "MYSYS");
        removed.Should().Be(0, said);
        Directory.EnumerateFiles(_folder).Should().BeEmpty("the client file and its certificate are gone");
        (await Run("remove", "--id", "MYSYS")).Output.Should().Contain("there is no MYSYS");
        var (bundled, why) = await Run("remove", "--id", "MOCKSYS");
        bundled.Should().Be(2);
        why.Should().Contain("bundled with MockEsia");
    }

    [Fact]
    public async Task The_switches_a_client_file_holds_are_options_of_add()
    {
        var (exit, output) = await Run("add", "--id", "MYSYS", "--cert", Cert("clients/client-other"), "--redirect", "http://localhost:7000/cb", "--token-algorithm", "RS256",
            "--refresh-profile", "Either", "--redirect-matching", "Exact", "--accept-v1-signature-on-v2", "--strict-state", "--strict-redirect-uri-at-token",
            "--scope", "openid", "--scope", "fullname", "--grant-type", "authorization_code", "--access-token-lifetime", "60", "--headless-person", "1000000002");
        exit.Should().Be(0, output);
        var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "MYSYS.json"))).RootElement;
        file.GetProperty("tokenAlgorithm").GetString().Should().Be("RS256");
        file.GetProperty("refreshProfile").GetString().Should().Be("Either");
        file.GetProperty("redirectMatching").GetString().Should().Be("Exact");
        file.GetProperty("acceptV1SignatureOnV2").GetBoolean().Should().BeTrue();
        file.GetProperty("strictState").GetBoolean().Should().BeTrue();
        file.GetProperty("strictRedirectUriAtToken").GetBoolean().Should().BeTrue();
        file.GetProperty("allowedScopes").EnumerateArray().Select(e => e.GetString()).Should().Equal("openid", "fullname");
        file.GetProperty("grantTypes").EnumerateArray().Select(e => e.GetString()).Should().Equal("authorization_code");
        file.GetProperty("accessTokenLifetimeSeconds").GetInt32().Should().Be(60);
        file.GetProperty("headlessPersonOid").GetInt64().Should().Be(1000000002);

        (await Run("add", "--id", "OTHER", "--cert", Cert("clients/client-other"), "--redirect", "http://x/", "--refresh-profile", "Sometimes")).Output.Should().Contain("Strict, Alternative, Either");
        (await Run("add", "--id", "OTHER", "--cert", Cert("clients/client-other"), "--redirect", "http://x/", "--tokenalgorithm", "RS256")).Output.Should().Contain("Unknown option '--tokenalgorithm'");
        (await Run("add", "--id", "lower", "--cert", Cert("clients/client-other"), "--redirect", "http://x/")).Output.Should().Contain("not an ESIA mnemonic");
    }

    [Fact]
    public async Task The_list_shows_the_good_files_and_marks_the_bad_ones_with_exit_code_1()
    {
        (await Run("add", "--id", "MYSYS", "--cert", Cert("clients/client-other"), "--redirect", "http://localhost:7000/cb")).Exit.Should().Be(0);
        await File.WriteAllTextAsync(Path.Combine(_folder, "BROKEN.json"), "{ nope");

        var (exit, output) = await Run("list");

        exit.Should().Be(1);
        output.Should().Contain("1 system(s)").And.Contain("1 file(s) that cannot be loaded").And.Contain("MYSYS").And.Contain("NOT LOADED").And.Contain("BROKEN.json").And.Contain("Fix:");
    }
}
