using Conformance.Runner;
using Conformance.Specs.Harness;
using Conformance.Specs.Reports;
using Conformance.Specs.Runtime;

namespace Conformance.Tests;

/// <summary>The whole catalogue against the reference app: every scenario passes.</summary>
[Collection("conformance")]
public class CatalogueTests
{
    private readonly ConformanceStack _stack;
    private static TargetApp? _target;

    public CatalogueTests(ConformanceStack stack) => _stack = stack;

    public static TheoryData<string> Scenarios() => new(ConformanceStack.ReferenceOverHttp.Select(s => s.Id));

    private async Task<TargetApp> TargetAsync() => _target ??= await _stack.StartAppAsync();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_reference_app_passes(string id)
    {
        var results = await _stack.RunAsync(await TargetAsync(), id);
        results.Should().HaveCount(1 + ConformanceStack.Catalogue.Single(s => s.Id == id).Readings.Count, "a scenario runs again under each other reading it touches");
        foreach (var result in results)
        {
            result.Outcome.Should().Be(Outcome.Passed, $"{result.Id}: {result.Message}\n{string.Join('\n', result.Steps)}\n{string.Join('\n', result.Checks)}\n{string.Join('\n', result.Hops)}");
            result.Journal.Should().NotBeEmpty("the evidence holds MockEsia's journal");
        }

        PackProse.InPackOf(results, await TargetAsync()).Should().BeEmpty("the scenario's section of the approval pack reads in Russian");

        foreach (var pass in results.Skip(1))
        {
            pass.Reading.Should().NotBeNull();
            pass.Checks.Should().Contain(c => c.StartsWith("Under the reading ", StringComparison.Ordinal), "the evidence says which reading MockEsia followed");
        }
    }

    /// <summary>
    /// Every reading one correct app can satisfy both ways is either re-run on the scenarios that touch it or named in
    /// <see cref="ReadingCoverage.NotRerun"/> with the reason a correct app meets the same answers under every value.
    /// </summary>
    [Fact]
    public async Task Every_reading_a_correct_app_must_survive_is_rerun_and_the_rest_say_why_not()
    {
        var readings = await new MockEsiaAdminClient(new HttpClient { BaseAddress = _stack.MockBase }).ReadingsAsync();
        var satisfiable = readings.Where(r => !r.PerClient && r.BothSatisfiable).Select(r => r.Name).ToArray();
        var tagged = ConformanceStack.Catalogue.SelectMany(s => s.Readings).Distinct().ToArray();
        satisfiable.Except(tagged).Should().BeEquivalentTo(ReadingCoverage.NotRerun.Keys, "a reading is re-run or says why not, never neither");
        tagged.Intersect(ReadingCoverage.NotRerun.Keys).Should().BeEmpty("a reading is not both re-run and excused");
        tagged.Should().OnlyContain(name => satisfiable.Contains(name), "a tag names a reading MockEsia has");
        tagged.Should().Contain(["OldRefreshToken", "EpguMessageIdKey", "EpguChunkMeta"]);
    }

    [Fact]
    public void The_catalogue_has_stable_ids_levels_and_Russian_titles()
    {
        var ids = ConformanceStack.Catalogue.Select(s => s.Id).ToArray();
        ids.Should().OnlyHaveUniqueItems();
        ids.Should().Contain(["ESIA-C01", "ESIA-C02", "ESIA-C03", "ESIA-C04", "ESIA-C10", "ESIA-C11", "ESIA-C12", "ESIA-C13", "ESIA-C14",
            "ESIA-C20", "ESIA-C21", "ESIA-C22", "ESIA-C23", "ESIA-C24", "ESIA-C25", "ESIA-C26", "ESIA-C27", "ESIA-C28",
            "ESIA-C30", "ESIA-C31", "ESIA-C32", "ESIA-C33", "ESIA-C40", "ESIA-C50", "ESIA-C60", "ESIA-C70", "ESIA-C71"]);
        ConformanceStack.Catalogue.Should().OnlyContain(s => s.Level == "mandatory" || s.Level == "recommended");
        ConformanceStack.Catalogue.Single(s => s.Id == "ESIA-C04").Level.Should().Be("recommended");
        ConformanceStack.Catalogue.Should().OnlyContain(s => s.Scenario.Name.Any(c => c >= 'А' && c <= 'я'));
    }

    [Fact]
    public async Task A_target_without_a_REST_path_gets_those_scenarios_inconclusive()
    {
        var target = await TargetAsync();
        var withoutRest = new TargetApp
        {
            Name = target.Name,
            BaseUrl = target.BaseUrl,
            SignedIn = target.SignedIn,
            EsiaUrl = target.EsiaUrl,
            ClientId = target.ClientId,
            Certificates = target.Certificates,
            RedirectUris = target.RedirectUris,
            LogoutPath = null,
            RestPath = null,
        };
        var results = await _stack.RunAsync(withoutRest, "ESIA-C30", "ESIA-C40");
        results.Should().OnlyContain(r => r.Outcome == Outcome.Inconclusive);
        results.Select(r => r.Message).Should().Contain(m => m!.Contains("restPath")).And.Contain(m => m!.Contains("logoutPath"));
    }

    [Fact]
    public async Task The_runner_CLI_runs_the_catalogue_writes_reports_and_prints_the_closing_line()
    {
        var target = await TargetAsync();
        var folder = Directory.CreateTempSubdirectory("conformance").FullName;
        var targetFile = Path.Combine(folder, "app.json");
        await File.WriteAllTextAsync(targetFile, System.Text.Json.JsonSerializer.Serialize(target, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));
        var output = new StringWriter();
        var started = System.Diagnostics.Stopwatch.StartNew();
        // Every ESIA scenario and one order's life: The_reference_app_passes runs each API ЕПГУ scenario on its own.
        var scenarios = ConformanceStack.ReferenceWithOneOrder;
        var results = scenarios.Sum(s => 1 + s.Readings.Count);
        var exit = await RunnerCommand.RunAsync(["run", "--target", targetFile, "--mock", _stack.MockBase.ToString(), "--out", Path.Combine(folder, "out"), .. ConformanceStack.OneOrderTags], output);
        var text = output.ToString();
        exit.Should().Be(0, text);
        text.Should().Contain($"{results} passed, 0 failed, 0 inconclusive, 0 harness errors");
        text.Should().Contain("ESIA-C31.OldRefreshToken-ValidUntilExpiry", "the scenarios a reading touches run again under its other value");
        text.Should().Contain("Refresh signature profile the app follows: Strict", "the refresh readings exclude each other, so the runner says which one the app follows");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(1), "the catalogue uses the virtual clock; only API ЕПГУ's scenarios wait the app's stated poll interval of 1 s");
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(folder, "out", "junit.xml"));
        junit.Descendants("testcase").Should().HaveCount(results);
        var summary = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "out", "summary.json"))).RootElement;
        summary.GetProperty("scenarios").GetArrayLength().Should().Be(results);
        var ndjson = await File.ReadAllLinesAsync(Path.Combine(folder, "out", "reqnroll_report.ndjson"));
        ndjson.Count(l => l.StartsWith("{\"testCaseStarted\":", StringComparison.Ordinal)).Should().Be(results, "Reqnroll's message formatter reports every scenario run");
        ndjson.Count(l => l.Contains("\"willBeRetried\":true", StringComparison.Ordinal)).Should().Be(results - scenarios.Count,
            "in Reqnroll's own model a run under another reading is a second attempt of the same pickle");
        ndjson.Count(l => l.Contains("\"pickle\"", StringComparison.Ordinal)).Should().Be(ConformanceStack.ReferenceOverHttp.Count,
            "the messages carry every pickle of the features that ran, those left out by --tags too; the TLS feature does not run over http");
        (await File.ReadAllTextAsync(Path.Combine(folder, "out", "reqnroll_report.html"))).Should().Contain("ESIA-C01", "Reqnroll's HTML formatter embeds the run");

        var list = new StringWriter();
        (await RunnerCommand.RunAsync(["list", "--tags", "recommended"], list)).Should().Be(0);
        list.ToString().Should().Contain("ESIA-C04").And.Contain("EPGU-C08").And.Contain("2 scenarios");
        (await RunnerCommand.RunAsync(["--help"], new StringWriter())).Should().Be(0);
        (await RunnerCommand.RunAsync(["run"], new StringWriter())).Should().Be(2);
    }

    [Fact]
    public async Task The_runner_repeats_a_run_and_reports_verdicts_that_changed()
    {
        var (exit, text, folder) = await _stack.RunCliAsync(await TargetAsync(), null, "--tags", "ESIA-C01,ESIA-C31", "--repeat", "2");
        exit.Should().Be(0, text);
        text.Should().Contain("Expected duration: up to 3 s for 2 scenarios and 1 reading passes").And.Contain("Run 1 of 2").And.Contain("Run 2 of 2");
        text.Should().Contain("Verdicts the same in all 2 runs");
        File.Exists(Path.Combine(folder, "out", "run-1", "junit.xml")).Should().BeTrue();
        File.Exists(Path.Combine(folder, "out", "run-2", "summary.json")).Should().BeTrue();
        var repeat = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "out", "repeat.json"))).RootElement;
        repeat.GetProperty("stable").GetBoolean().Should().BeTrue();
        repeat.GetProperty("runs").GetArrayLength().Should().Be(2);

        (await _stack.RunCliAsync(await TargetAsync(), null, "--repeat", "0")).Exit.Should().Be(2, "--repeat takes 1 to 100");
        var (unwritable, said, _) = await _stack.RunCliAsync(await TargetAsync(), null, "--out", "/proc/version/report");
        unwritable.Should().Be(2, said);
        said.Should().Contain("Cannot write into /proc/version/report (--out)").And.Contain("Fix:").And.NotContain("Running", "nothing runs before the folder is known to be writable");
    }

    [Fact]
    public void A_verdict_that_differs_between_runs_is_listed_with_each_runs_verdict()
    {
        static ScenarioResult R(string id, Outcome outcome) => new() { Id = id, Title = id, Level = "mandatory", Feature = "f", Outcome = outcome, Message = outcome == Outcome.Passed ? null : "why" };
        var first = new RunResult("app", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), [R("ESIA-C01", Outcome.Passed), R("ESIA-C13", Outcome.Passed)]);
        var second = new RunResult("app", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), [R("ESIA-C01", Outcome.Passed), R("ESIA-C13", Outcome.Inconclusive)]);
        var third = new RunResult("app", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), [R("ESIA-C01", Outcome.Passed)]);

        RepeatedRuns.Changes([first, first]).Should().BeEmpty();
        var changes = RepeatedRuns.Changes([first, second, third]);
        changes.Should().ContainSingle().Which.Id.Should().Be("ESIA-C13");
        changes[0].Outcomes.Should().Equal(Outcome.Passed, Outcome.Inconclusive, Outcome.HarnessError);
        changes[0].Messages.Should().Equal(null, "why", "not run");
    }

    [Fact]
    public async Task Integrators_can_add_their_own_features_without_recompiling()
    {
        var target = await TargetAsync();
        var folder = Directory.CreateTempSubdirectory("features").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "mine.feature"), """
            Feature: Мои проверки
              @MY-01 @mandatory
              Scenario: Мой вход
                Given the app under test is registered with MockEsia
                When the person signs in through the app
                Then the person is signed in
            """);
        var scenarios = FeatureRunner.Discover([folder]);
        scenarios.Should().ContainSingle().Which.Id.Should().Be("MY-01");
        await File.WriteAllTextAsync(Path.Combine(folder, "outline.feature"), "Feature: F\n  @MY-02\n  Scenario Outline: O\n    Given the app under test is registered with MockEsia\n    Examples:\n      | a |\n      | 1 |\n");
        await using var run = new HarnessRun(target, new MockEsiaDriver(_stack.MockBase, null));
        var outline = (await FeatureRunner.RunAsync(run, FeatureRunner.Discover([folder]).Where(s => s.Id == "MY-02").ToArray())).Single();
        outline.Outcome.Should().Be(Outcome.Inconclusive);
        outline.Message.Should().Contain("Scenario Outline");
        var reports = Path.Combine(folder, "reports");
        var result = (await FeatureRunner.RunAsync(run, scenarios, reportFolder: reports)).Single();
        result.Outcome.Should().Be(Outcome.Passed, result.Message);
        var messages = await File.ReadAllLinesAsync(Path.Combine(reports, "reqnroll_report.ndjson"));
        messages.Count(l => l.Contains("\"testCaseFinished\"", StringComparison.Ordinal)).Should().Be(1, "each run's formatters write into that run's own folder");
        Environment.GetEnvironmentVariables().Keys.Cast<string>().Should().NotContain(k => k.StartsWith("REQNROLL_FORMATTERS", StringComparison.Ordinal),
            "the runner configures Reqnroll through its container, not through the process environment");
        ReportWriter.JUnit(new RunResult("x", DateTimeOffset.UtcNow, TimeSpan.Zero, [result])).Descendants("testcase").Should().ContainSingle();
    }
}
