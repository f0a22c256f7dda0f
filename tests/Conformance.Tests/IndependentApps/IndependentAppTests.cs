using Conformance.Specs.Harness;
using Conformance.Specs.Runtime;
using Esia.Protocol.Crypto;
using Esia.TestSupport;
using Xunit.Abstractions;

namespace Conformance.Tests.IndependentApps;

/// <summary>
/// The harness judged on apps it did not shape: ESIA integrations written without Esia.Client (seven on plain code, one on
/// ASP.NET Core's generic OAuth handler), each with a documented behaviour and the verdict every scenario must give it
/// (pass, fail or inconclusive).
/// </summary>
[Collection("conformance")]
public class IndependentAppTests : IAsyncLifetime
{
    private readonly ConformanceStack _stack;
    private readonly ITestOutputHelper _output;
    private readonly List<WebApplication> _apps = [];

    public IndependentAppTests(ConformanceStack stack, ITestOutputHelper output)
    {
        _stack = stack;
        _output = output;
    }

    public static TheoryData<string> Profiles() => new(AppProfile.All.Where(p => !p.JavaScriptLogin).Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Each_app_gets_its_documented_verdict_in_every_scenario(string name) => await AssertVerdictsAsync(name, BrowserKind.Http);

    /// <summary>
    /// The same verdicts every time on a busy machine: every app's table, run <c>STABILITY_RUNS</c> times (3 by default)
    /// while a busy loop per core keeps the machine's CPUs saturated; every verdict that differs from the table in any
    /// run is listed. The API ЕПГУ app (i) is judged under load in the first run only: its ESIA side is app (a)'s, which
    /// every run repeats, and its API ЕПГУ scenarios wait its real poll interval (a second per look), some 20 s a run
    /// under load. Setting STABILITY_RUNS repeats it in every run too.
    /// </summary>
    [Fact]
    public async Task Every_app_gets_the_same_verdicts_in_repeated_runs_on_a_busy_machine()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("STABILITY_RUNS"), out var n) && n > 0 ? n : 3;
        var everyRun = n > 0;
        var profiles = AppProfile.All.Where(p => !p.JavaScriptLogin).ToArray();
        var targets = new List<(AppProfile Profile, TargetApp Target)>();
        foreach (var profile in profiles)
        {
            targets.Add((profile, await StartAsync(profile)));
        }

        var differing = new List<string>();
        var verdicts = 0;
        using var hog = new CpuHog(TimeSpan.FromMinutes(30));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var run = 1; run <= runs; run++)
        {
            hog.Running.Should().Be(Environment.ProcessorCount, "the machine must stay busy for the whole run");
            foreach (var (profile, target) in targets.Where(t => run == 1 || everyRun || !t.Profile.Epgu))
            {
                var results = await _stack.RunAsync(target);
                results.Should().HaveCount(ConformanceStack.ResultsFor(target));
                verdicts += results.Count;
                differing.AddRange(results.Where(r => r.Outcome.ToString() != profile.Expected(r.CatalogueId))
                    .Select(r => $"run {run}, {profile.Name}, {r.Id}: expected {profile.Expected(r.CatalogueId)}, got {r.Outcome}: {r.Message}"));
            }

            _output.WriteLine($"run {run} of {runs}: {watch.Elapsed.TotalSeconds:0} s so far, {differing.Count} differing verdicts");
        }

        _output.WriteLine($"{runs} runs × {targets.Count} apps, {verdicts} verdicts under load, {differing.Count} differing, {watch.Elapsed.TotalSeconds:0} s");
        differing.Should().BeEmpty();
    }

    [Fact]
    public async Task A_pass_under_another_reading_is_taken_from_the_first_only_when_the_app_never_asked_and_the_first_had_to_wait()
    {
        var never = await _stack.RunAsync(await StartAsync(AppProfile.All.Single(p => p.GenericOAuthHandler)), "ESIA-C30");
        never.Should().HaveCount(2);
        never[0].Waited.Should().BePositive("an app that never refreshes is waited for until its access token's exp");
        never[1].Outcome.Should().Be(never[0].Outcome);
        never[1].Duration.Should().Be(TimeSpan.Zero, "the app never presented a refresh token, so the reading was never asked and the wait is not repeated");
        never[1].Checks.Should().Contain(c => c.StartsWith("Under the reading OldRefreshToken=ValidUntilExpiry: not run again", StringComparison.Ordinal));

        var resending = await _stack.RunAsync(await StartAsync(AppProfile.All.Single(p => p.CrashAfterRefresh)), "ESIA-C31");
        resending.Should().HaveCount(2).And.OnlyContain(r => r.Outcome == Outcome.Failed);
        resending[1].Checks.Should().NotContain(c => c.Contains("not run again", StringComparison.Ordinal), "the app presented a refresh token twice: the reading decides MockEsia's answer, so the pass is run");
        resending[1].Message.Should().Contain("under the reading that keeps old refresh tokens valid");
    }

    [BrowserFact]
    public async Task The_JavaScript_only_app_gets_its_verdicts_through_chromium() => await AssertVerdictsAsync("e-javascript-login", BrowserKind.Chromium);

    [Fact]
    public async Task The_built_in_browser_calls_a_JavaScript_login_inconclusive_and_names_the_remedy()
    {
        var target = await StartAsync(AppProfile.All.Single(p => p.JavaScriptLogin));
        var results = await _stack.RunAsync(target, "ESIA-C01", "ESIA-C20");
        results.Should().OnlyContain(r => r.Outcome == Outcome.Inconclusive);
        results.Should().OnlyContain(r => r.Message!.Contains("--browser chromium"));
    }

    [Fact]
    public async Task An_app_whose_login_cannot_succeed_fails_C01_with_the_diagnosis_and_the_rest_is_inconclusive_on_the_command_line()
    {
        var target = await StartAsync(AppProfile.All.Single(p => p.WrongCertificate));
        var folder = Directory.CreateTempSubdirectory("wrongcert").FullName;
        var (exit, text, _) = await _stack.RunCliAsync(target, folder, "--tags", "ESIA-C01,ESIA-C13,ESIA-C20,ESIA-C30", "--approval", Path.Combine(folder, "pack"));
        _output.WriteLine(text);
        exit.Should().Be(1, text);
        text.Should().Contain("FAIL ESIA-C01").And.Contain("MockEsia's diagnosis: v2/ac ESIA-007005").And.Contain("client_certificate_hash");
        text.Should().Contain("INCONCLUSIVE ESIA-C13").And.Contain("INCONCLUSIVE ESIA-C20").And.Contain("INCONCLUSIVE ESIA-C30");
        text.Should().Contain("INCONCLUSIVE ESIA-C30.OldRefreshToken-ValidUntilExpiry", "C30 runs again under the other reading it touches");
        text.Should().Contain("a clean login does not sign the person in").And.Contain("0 passed, 1 failed, 4 inconclusive, 0 harness errors");
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(folder, "out", "junit.xml"));
        junit.Descendants("skipped").Should().HaveCount(4).And.OnlyContain(s => s.Attribute("message")!.Value.StartsWith("Inconclusive: ", StringComparison.Ordinal));
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "pack", "index.html"));
        html.Should().Contain("Не готово к подаче").And.Contain("ESIA-C20 (результат не определён)").And.Contain("Диагноз MockEsia");
        PackProse.EnglishFragments(html).Should().BeEmpty("MockEsia's diagnosis and the inconclusive preconditions read in Russian");
    }

    [Fact]
    public async Task A_v1_apps_pack_states_only_what_it_sent_and_labels_the_token_algorithm_as_ESIAs()
    {
        var target = await StartAsync(AppProfile.All.Single(p => p.Name == "c-legacy-v1"));
        var folder = Directory.CreateTempSubdirectory("v1pack").FullName;
        var (exit, text, _) = await _stack.RunCliAsync(target, folder, "--tags", "ESIA-C01", "--approval", Path.Combine(folder, "pack"));
        exit.Should().Be(0, text);
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "pack", "index.html"));
        html.Should().Contain("client_certificate_hash (ГОСТ Р 34.11-2012, 256)</th><td>приложение его не передавало", "a v1 app never sends the hash");
        html.Should().Contain("CMS (PKCS#7, v1)").And.Contain("Алгоритм подписи маркеров (сторона ЕСИА");
        PackProse.EnglishFragments(html).Should().BeEmpty("a v1/RSA app's pack is Russian throughout");
        var testIds = System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        testIds.Should().OnlyHaveUniqueItems("every data-testid names one element").And.Contain("pack-ready").And.Contain("scenario-ESIA-C01-ready");
    }

    [Fact]
    public async Task A_run_of_only_inconclusive_mandatory_scenarios_exits_4_not_ready()
    {
        var target = await StartAsync(AppProfile.All.Single(p => p.WrongCertificate));
        var (exit, output, _) = await _stack.RunCliAsync(target, null, "--tags", "ESIA-C21");
        exit.Should().Be(4, output);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    private async Task AssertVerdictsAsync(string name, BrowserKind browser)
    {
        var profile = AppProfile.All.Single(p => p.Name == name);
        var target = await StartAsync(profile);
        var results = await _stack.RunAsync(target, browser);
        _output.WriteLine($"{profile.Name}: {profile.Behaviour}");
        foreach (var r in results)
        {
            _output.WriteLine($"  {r.Id,-9} {r.Outcome,-13} {r.Duration.TotalSeconds,5:0.0} s {r.Message}");
        }

        results.Should().HaveCount(ConformanceStack.ResultsFor(target));
        var wrong = results.Where(r => r.Outcome.ToString() != profile.Expected(r.CatalogueId)).ToArray();
        wrong.Should().BeEmpty($"{profile.Name} must get its documented verdicts; differing:\n{string.Join("\n\n", wrong.Select(r =>
            $"{r.Id}: expected {profile.Expected(r.CatalogueId)}, got {r.Outcome}: {r.Message}\n{string.Join('\n', r.Steps)}\n{string.Join('\n', r.Checks)}\n{string.Join('\n', r.Hops)}"))}");
        PackProse.InPackOf(results, target).Should().BeEmpty($"the approval pack of {profile.Name}, an app we did not shape, reads in Russian");
    }

    private async Task<TargetApp> StartAsync(AppProfile profile)
    {
        var self = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var key = profile.WrongCertificate ? TestPki.Get("clients/client-other") : TestPki.ClientGost256;
        EsiaCertificate[] trusted = profile.Rs256SingleCertificate
            ? [TestPki.EsiaRsa.Certificate]
            : [TestPki.EsiaGost.Certificate, TestPki.Get("esia/esia-gost256-next").Certificate];
        var app = profile.GenericOAuthHandler
            ? GenericOAuthApp.Build(_stack.MockBase, self, key, trusted)
            : PlainEsiaApp.Build(profile, _stack.MockBase, self, key, trusted);
        await app.StartAsync();
        _apps.Add(app);
        return new TargetApp
        {
            Name = profile.Name,
            BaseUrl = self.ToString(),
            LoginPath = "/login",
            LoginSelector = profile.JavaScriptLogin ? "#esia-login" : null,
            SignedIn = new SignedInProbe { Path = "/me" },
            RestPath = "/profile",
            LogoutPath = "/logout",
            EsiaUrl = _stack.MockBase.ToString(),
            ClientId = "MOCKSYS",
            Certificates = [Paths.Fixture("pki", "clients", "client-gost256.cer.pem")],
            RedirectUris = [$"{self}signin-esia"],
            TokenAlgorithm = profile.Rs256SingleCertificate ? "RS256" : "GOST3410_2012_256",
            ShortAccessTokenLifetimeSeconds = 3,
            Epgu = profile.Epgu
                ? new TargetEpgu { SubmitPath = "/apply", SubmitButton = "apply", OrderPath = "/applications/{orderId}", ServiceCode = PlainEpgu.ServiceCode, PollIntervalSeconds = PlainEpgu.PollInterval.TotalSeconds }
                : null,
        };
    }
}
