using System.Collections.Specialized;
using System.Diagnostics;
using System.Globalization;
using Conformance.Specs.Harness;
using Gherkin;
using Gherkin.Ast;
using Reqnroll;

namespace Conformance.Specs.Runtime;

/// <summary>A scenario as parsed from a .feature file.</summary>
/// <param name="Feature">The feature's title.</param>
/// <param name="File">The .feature file.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Background">The feature's background, if any.</param>
/// <param name="FeatureTags">The feature's tags.</param>
/// <param name="Document">The parsed document.</param>
/// <param name="Messages">The feature's Cucumber messages (source, document, pickles) for Reqnroll's formatters.</param>
/// <param name="PickleIndex">The index of this scenario's pickle.</param>
public sealed record ParsedScenario(string Feature, string File, Scenario Scenario, Background? Background, IReadOnlyList<string> FeatureTags, GherkinDocument Document,
    FeatureMessages Messages, int PickleIndex)
{
    /// <summary>All tags without '@'.</summary>
    public IReadOnlyList<string> Tags => FeatureTags.Concat(Scenario.Tags.Select(t => t.Name.TrimStart('@'))).Distinct().ToArray();

    /// <summary>The <c>ESIA-Cnn</c> id (or an integrator's own first tag).</summary>
    public string Id => Tags.FirstOrDefault(t => t.StartsWith("ESIA-", StringComparison.Ordinal) || t.StartsWith("EPGU-", StringComparison.Ordinal))
        ?? Scenario.Tags.Select(t => t.Name.TrimStart('@')).FirstOrDefault(t => t is not ("mandatory" or "recommended"))
        ?? Scenario.Name;

    /// <summary><c>mandatory</c> or <c>recommended</c>.</summary>
    public string Level => Tags.Contains("recommended") ? "recommended" : "mandatory";

    /// <summary>The readings the scenario touches (tags <c>@reading-Name</c>, docs/readings.md): it also runs under each of their other values.</summary>
    public IReadOnlyList<string> Readings => Tags.Where(t => t.StartsWith(ReadingTagPrefix, StringComparison.Ordinal)).Select(t => t[ReadingTagPrefix.Length..]).ToArray();

    /// <summary>The tag prefix that names a reading a scenario touches.</summary>
    public const string ReadingTagPrefix = "reading-";
}

/// <summary>
/// Executes .feature files at run time through Reqnroll's runtime (no code-behind generator): Gherkin parses them,
/// and each scenario goes through <see cref="ITestRunner"/> — feature start, scenario initialize/start, one call per
/// step, collect errors, scenario end, feature end — with test-run start and end around it all.
/// </summary>
public static class FeatureRunner
{
    /// <summary>Parses every .feature file of the folders given.</summary>
    public static IReadOnlyList<ParsedScenario> Discover(IEnumerable<string> folders)
    {
        var parser = new Parser();
        var result = new List<ParsedScenario>();
        foreach (var file in folders.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "*.feature", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            var document = parser.Parse(file);
            var feature = document.Feature ?? throw new InvalidDataException($"{file} has no Feature.");
            var background = feature.Children.OfType<Background>().FirstOrDefault();
            var featureTags = feature.Tags.Select(t => t.Name.TrimStart('@')).ToArray();
            var messages = FeatureMessages.Create(file, document);
            result.AddRange(feature.Children.OfType<Scenario>().Select((s, i) => new ParsedScenario(feature.Name, file, s, background, featureTags, document, messages, i)));
        }

        return result;
    }

    /// <summary>Whether a scenario matches a tag filter such as <c>mandatory</c>, <c>ESIA-C01,ESIA-C02</c> or <c>~recommended</c>.</summary>
    public static bool Matches(ParsedScenario scenario, string? tags)
    {
        if (string.IsNullOrWhiteSpace(tags))
        {
            return true;
        }

        var filters = tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.TrimStart('@')).ToArray();
        var include = filters.Where(f => !f.StartsWith('~')).ToArray();
        var exclude = filters.Where(f => f.StartsWith('~')).Select(f => f[1..]).ToArray();
        return (include.Length == 0 || include.Any(scenario.Tags.Contains)) && !exclude.Any(scenario.Tags.Contains);
    }

    /// <summary>
    /// Runs the scenarios against the run's target; reports each result as it completes. With
    /// <paramref name="reportFolder"/>, Reqnroll's own HTML and Cucumber-messages formatters write
    /// <c>reqnroll_report.html</c> and <c>reqnroll_report.ndjson</c> there (they flush at test-run end).
    /// </summary>
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(HarnessRun run, IReadOnlyList<ParsedScenario> scenarios, Action<ScenarioResult>? progress = null, string? reportFolder = null)
    {
        var assembly = typeof(FeatureRunner).Assembly;
        if (reportFolder is not null)
        {
            Directory.CreateDirectory(reportFolder);
        }

        var containerBuilder = new HarnessContainerBuilder(reportFolder);

        var passes = await PassesAsync(run, scenarios);
        var results = new List<ScenarioResult>();
        await Quietly(() => TestRunnerManager.OnTestRunStartAsync(assembly, containerBuilder));
        try
        {
            foreach (var group in passes.GroupBy(s => s.Scenario.File))
            {
                var first = group.First().Scenario;
                var featureInfo = new FeatureInfo(CultureInfo.GetCultureInfo("en-US"), Path.GetDirectoryName(first.File) ?? "", first.Feature, first.Document.Feature.Description,
                    ProgrammingLanguage.CSharp, first.FeatureTags.ToArray(), first.Messages);
                var runner = TestRunnerManager.GetTestRunnerForAssembly(assembly, containerBuilder, featureInfo);
                await runner.OnFeatureStartAsync(featureInfo);
                foreach (var (scenario, readings) in group)
                {
                    run.Readings = readings;
                    var configured = readings.Count == 0 ? null : results.LastOrDefault(r => r.Id == scenario.Id);
                    var result = (configured is null ? null : ReadingQuestions.Derive(configured, readings)) ?? await RunScenarioAsync(runner, run, scenario);
                    if (readings.Count > 0)
                    {
                        var reading = string.Join(", ", readings.Select(r => $"{r.Key}={r.Value}"));
                        result = result with
                        {
                            Id = result.Id + "." + string.Join(".", readings.Select(r => $"{r.Key}-{r.Value}")),
                            Title = $"{result.Title} (reading {reading})",
                            Reading = reading,
                        };
                    }

                    results.Add(result);
                    progress?.Invoke(result);
                }

                await runner.OnFeatureEndAsync();
                TestRunnerManager.ReleaseTestRunner(runner);
            }
        }
        finally
        {
            run.Readings = new Dictionary<string, string>();
            await TestRunnerManager.OnTestRunEndAsync(assembly, containerBuilder);
        }

        // MockEsia is left as it was configured, not under the last pass's reading.
        if (passes.Any(p => p.Readings.Count > 0))
        {
            await run.Mock.ResetAsync();
        }

        return results;
    }

    /// <summary>Scenarios with this tag run only when the target's <c>esiaUrl</c> is https (the TLS checks).</summary>
    public const string HttpsTag = "https";

    /// <summary>Scenarios with this tag run only when the target file has an <c>epgu</c> block (the app submits applications through API ЕПГУ).</summary>
    public const string EpguTag = "epgu";

    /// <summary>Whether a scenario applies to a target: the TLS ones need an https <c>esiaUrl</c>, API ЕПГУ's an <c>epgu</c> block.</summary>
    public static bool Applies(ParsedScenario scenario, TargetApp target) =>
        (!scenario.Tags.Contains(HttpsTag) || target.EsiaUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && (!scenario.Tags.Contains(EpguTag) || target.Epgu is not null);

    // Each scenario that applies to the target once under MockEsia's configured readings, then, for every reading it touches that one correct app can
    // satisfy both ways, once under each other value (docs/readings.md), right after it in the same feature.
    private static async Task<IReadOnlyList<(ParsedScenario Scenario, IReadOnlyDictionary<string, string> Readings)>> PassesAsync(HarnessRun run, IReadOnlyList<ParsedScenario> scenarios)
    {
        // The values MockEsia was started with, not those the last scenario of an earlier run left in force.
        IReadOnlyList<ReadingSummary> configured = [];
        if (scenarios.Any(s => s.Readings.Count > 0))
        {
            await run.Mock.ResetAsync();
            configured = await run.Mock.ReadingsAsync();
        }

        var passes = new List<(ParsedScenario, IReadOnlyDictionary<string, string>)>();
        foreach (var scenario in scenarios.Where(s => Applies(s, run.Target)))
        {
            passes.Add((scenario, new Dictionary<string, string>()));
            foreach (var name in scenario.Readings)
            {
                if (configured.FirstOrDefault(r => r.Name == name && !r.PerClient && r.BothSatisfiable) is { } reading)
                {
                    passes.AddRange(reading.Values.Where(v => v != reading.Current).Select(v => (scenario, (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { [name] = v })));
                }
            }
        }

        return passes;
    }

    private static async Task<ScenarioResult> RunScenarioAsync(ITestRunner runner, HarnessRun run, ParsedScenario parsed)
    {
        if (parsed.Scenario.Examples.Any())
        {
            return new ScenarioResult
            {
                Id = parsed.Id,
                Title = parsed.Scenario.Name,
                Level = parsed.Level,
                Feature = parsed.Feature,
                Outcome = Outcome.Inconclusive,
                Tags = parsed.Tags,
                Message = "Scenario Outline is not supported by the conformance runner; write one Scenario per case.",
                RussianMessage = "Структура сценария (Scenario Outline) средством проверки не поддерживается: каждый случай описывается отдельным сценарием.",
            };
        }

        var watch = Stopwatch.StartNew();
        var scenarioInfo = new ScenarioInfo(parsed.Scenario.Name, parsed.Scenario.Description, parsed.Scenario.Tags.Select(t => t.Name.TrimStart('@')).ToArray(),
            new OrderedDictionary(), parsed.FeatureTags.ToArray(), parsed.PickleIndex.ToString(CultureInfo.InvariantCulture));
        runner.OnScenarioInitialize(scenarioInfo, null);
        runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs(run, dispose: false);
        run.Scenario = null;
        var steps = new List<string>();
        Exception? error = null;
        var status = ScenarioExecutionStatus.OK;
        try
        {
            await runner.OnScenarioStartAsync();
            foreach (var step in (parsed.Background?.Steps ?? []).Concat(parsed.Scenario.Steps))
            {
                var (doc, table) = Argument(step);
                var keyword = step.Keyword.Trim();
                var before = runner.ScenarioContext.ScenarioExecutionStatus;
                var task = step.KeywordType switch
                {
                    StepKeywordType.Context => runner.GivenAsync(step.Text, doc, table, keyword),
                    StepKeywordType.Action => runner.WhenAsync(step.Text, doc, table, keyword),
                    StepKeywordType.Outcome => runner.ThenAsync(step.Text, doc, table, keyword),
                    _ => keyword is "But" ? runner.ButAsync(step.Text, doc, table, keyword) : runner.AndAsync(step.Text, doc, table, keyword),
                };
                await task;
                steps.Add($"{keyword} {step.Text} — {StepOutcome(before, runner.ScenarioContext.ScenarioExecutionStatus)}");
            }

            status = runner.ScenarioContext.ScenarioExecutionStatus;
            error = runner.ScenarioContext.TestError;
            await runner.CollectScenarioErrorsAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error ??= ex;
        }
        finally
        {
            await runner.OnScenarioEndAsync();
        }

        var harness = run.Scenario;
        var (outcome, message, russian) = Classify(status, error, run.Target);
        Wording? diagnosis = null;
        IReadOnlyList<System.Text.Json.JsonElement> journal = [];
        try
        {
            journal = harness is null ? [] : await harness.RefreshJournalAsync();
            diagnosis = outcome is Outcome.Failed or Outcome.Inconclusive && harness is not null ? ScenarioHarness.Diagnosis(journal.Select(JournalFacts.Parse)) : null;
        }
        catch (HttpRequestException ex)
        {
            (outcome, message, russian) = (Outcome.HarnessError, $"MockEsia's journal could not be read: {ex.Message}", "журнал MockEsia не удалось прочитать");
        }

        var hops = harness?.Browsers.SelectMany(b => b.Hops).OrderBy(h => h.At).ToArray() ?? [];
        var appAuthority = new Uri(run.Target.BaseUrl).Authority;
        var hop = outcome == Outcome.Passed ? null : hops.LastOrDefault(h => h.Url.Authority == appAuthority) is { } last ? $"{last.Method} {Mask(last.Url.ToString())} → {last.Status}" : null;
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }

        return new ScenarioResult
        {
            Id = parsed.Id,
            Title = parsed.Scenario.Name,
            Level = parsed.Level,
            Feature = parsed.Feature,
            Outcome = outcome,
            Message = message,
            RussianMessage = russian,
            Diagnosis = diagnosis?.English,
            RussianDiagnosis = diagnosis?.Russian,
            Hop = hop,
            Duration = watch.Elapsed,
            Waited = harness?.Waited ?? TimeSpan.Zero,
            Steps = steps,
            Checks = harness?.Checks.Select(c => c.English).ToArray() ?? [],
            RussianChecks = harness?.Checks.Select(c => c.Russian).ToArray() ?? [],
            Hops = hops.Select(h => $"{h.Method} {Mask(h.Url.ToString())} → {h.Status}").ToArray(),
            Journal = journal,
            Trace = hops.Select(h => new TraceHop(h.At, h.Method, Mask(h.Url.ToString()), h.Url.Authority, h.Status)).ToArray(),
            Tags = parsed.Tags,
            Order = harness?.Order,
        };
    }

    // A verdict on the app only for what the app did: a failed expectation, or the app not answering. A precondition
    // that did not hold is inconclusive; anything else (an exception in harness code, an undefined step, MockEsia not
    // answering) is a harness error, never blamed on the app.
    private static (Outcome Outcome, string? Message, string? Russian) Classify(ScenarioExecutionStatus status, Exception? error, TargetApp target)
    {
        var cause = Unwrap(error);
        return cause switch
        {
            null when status == ScenarioExecutionStatus.OK => (Outcome.Passed, null, null),
            null => (Outcome.HarnessError, $"The scenario ended {status} (an undefined or ambiguous step?).", $"сценарий завершился со статусом {status} (неопределённый или неоднозначный шаг?)"),
            ConformanceFailure failure => (Outcome.Failed, failure.Message, failure.Russian),
            InconclusiveException inconclusive => (Outcome.Inconclusive, inconclusive.Message, inconclusive.Russian),
            BrowserException browser when browser.Url.Authority == new Uri(target.BaseUrl).Authority => (Outcome.Failed, $"the app did not answer: {browser.Message}", "ИС не ответила на запрос браузера"),
            _ => (Outcome.HarnessError, $"{cause.GetType().Name}: {cause.Message}", $"ошибка средства проверки ({cause.GetType().Name})"),
        };
    }

    // A step's own outcome: the one that ended the scenario says how (failed, or inconclusive: a precondition that did
    // not hold); the steps after it were skipped, never run.
    private static string StepOutcome(ScenarioExecutionStatus before, ScenarioExecutionStatus after) => (before, after) switch
    {
        (not ScenarioExecutionStatus.OK, _) => "skipped",
        (_, ScenarioExecutionStatus.OK) => "ok",
        (_, ScenarioExecutionStatus.Skipped) => "inconclusive",
        (_, ScenarioExecutionStatus.TestError) => "failed",
        _ => after.ToString(),
    };

    private static Exception? Unwrap(Exception? ex) =>
        ex is System.Reflection.TargetInvocationException or AggregateException && ex.InnerException is { } inner ? Unwrap(inner) : ex;

    // Reqnroll announces its plugins and configuration on the console while it starts, before any plugin can replace its
    // trace listener; the integrator's console shows verdicts only.
    private static async Task Quietly(Func<Task> start)
    {
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            await start();
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    private static (string? DocString, Table? Table) Argument(Step step) => step.Argument switch
    {
        DocString doc => (doc.Content, null),
        Gherkin.Ast.DataTable data => (null, ToTable(data)),
        _ => (null, null),
    };

    private static Table ToTable(Gherkin.Ast.DataTable data)
    {
        var rows = data.Rows.Select(r => r.Cells.Select(c => c.Value).ToArray()).ToArray();
        var table = new Table(rows[0]);
        foreach (var row in rows.Skip(1))
        {
            table.AddRow(row);
        }

        return table;
    }

    /// <summary>Shortens codes, secrets and tokens in a URL to their first and last six characters.</summary>
    public static string Mask(string url) => Esia.Protocol.Secrets.SecretText.MaskQuery(url);
}
