using Conformance.Specs.Harness;
using Conformance.Specs.Reports;
using Conformance.Specs.Runtime;
using Microsoft.AspNetCore.Builder;
using MockEsia;

namespace Conformance.Runner;

/// <summary>The command line: <c>run</c>, <c>list</c>, <c>--help</c>.</summary>
public static class RunnerCommand
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        ESIA conformance runner

          conformance run --target app.json [--mock URL] [--admin-token TOKEN] [--tags TAGS] [--out DIR] [--features DIR] [--approval DIR [--drift drift-report.json]] [--browser http|chromium]
                          [--repeat N] [--wait-for-mock SECONDS]
          conformance preflight --target app.json [--out DIR]
          conformance list [--features DIR] [--tags TAGS]
          conformance --help

          --target       the app under test (JSON: baseUrl, loginPath, loginSelector, signedIn, restPath, logoutPath, esiaUrl, clientId, certificates,
                         redirectUris, tokenAlgorithm and MockEsia's client switches; see the README)
          --mock         use a running MockEsia at URL (default: start one embedded at the target's esiaUrl)
          --admin-token  the MockEsia admin token, when it has one
          --tags         e.g. mandatory, ESIA-C01,ESIA-C20 or ~recommended
          --out          report folder (default ./conformance-report): junit.xml, summary.json
          --features     extra folder(s) of .feature files, run with the bundled ones (repeatable)
          --approval     also write the approval evidence pack (Russian HTML, evidence/*.json, manifest.json) into DIR and DIR.zip
          --drift        with --approval: the drift report of `MockEsia proxy` (its drift-report.json), carried and linked in the pack
          --browser      http (default: the built-in browser, no JavaScript) or chromium (Debian's /usr/bin/chromium through Playwright)
          --repeat       run the scenarios N times (reports in DIR/run-1 … DIR/run-N, DIR/repeat.json) and list every scenario whose
                         verdict changed between runs: a flaky app, or a flaky harness
          --wait-for-mock  how long to wait for a running MockEsia (--mock) to answer /health (default 60)

        preflight: the switch to production. The target's "production" block names the app started in its production
        configuration (baseUrl) and the ESIA address that configuration uses (esiaUrl, on this machine): the runner serves
        there a MockEsia acting as production ESIA (issuer http://esia.gosuslugi.ru/, signing keys of its own) and runs
        ESIA-C01, C20, C21, C22 and C50 against it, then prints what cannot be observed as a checklist.

        Verdicts: PASS; FAIL (the app did something it must not, or did not do what it must); INCONCLUSIVE (a precondition
        did not hold, e.g. the clean login failed: the app could not be judged); ERROR (the harness itself failed).
        Exit code: 0 when every mandatory scenario passed; 1 when a mandatory scenario failed; 2 on a usage or set-up
        error; 3 on a harness error; 4 when none failed but a mandatory scenario was inconclusive; 5 when, with --repeat, a
        verdict changed between runs.
        """;

    /// <summary>Runs the command line; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            await output.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var options = Parse(args[1..]);
        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, "Features") };
        folders.AddRange(options.GetValueOrDefault("features") ?? []);
        var scenarios = FeatureRunner.Discover(folders).Where(s => FeatureRunner.Matches(s, Single(options, "tags"))).ToArray();
        switch (args[0])
        {
            case "list":
                foreach (var s in scenarios)
                {
                    await output.WriteLineAsync($"{s.Id,-10} {s.Level,-12} {s.Scenario.Name}");
                }

                await output.WriteLineAsync($"{scenarios.Length} scenarios");
                return 0;
            case "run":
                return await RunScenariosAsync(options, scenarios, output);
            case "preflight":
                return await PreflightAsync(options, FeatureRunner.Discover(folders), output);
            default:
                await output.WriteLineAsync($"Unknown command '{args[0]}'.\n\n{Usage}");
                return 2;
        }
    }

    private static async Task<int> PreflightAsync(Dictionary<string, List<string>> options, IReadOnlyList<ParsedScenario> catalogue, TextWriter output)
    {
        if (await TargetAsync(options, "preflight", output) is not { } target)
        {
            return 2;
        }

        var outFolder = Single(options, "out") ?? "preflight-report";
        if (MockEsia.Configuration.WritableFolder.Problem(outFolder, "--out") is { } cannot)
        {
            await output.WriteLineAsync(cannot);
            return 2;
        }

        return await PreflightCommand.RunAsync(target, catalogue, output, outFolder);
    }

    // The --target file, or null after one line saying what is wrong with it.
    private static async Task<TargetApp?> TargetAsync(Dictionary<string, List<string>> options, string command, TextWriter output)
    {
        if (Single(options, "target") is not { } targetPath)
        {
            await output.WriteLineAsync($"{command} needs --target app.json\n\n" + Usage);
            return null;
        }

        try
        {
            return TargetApp.Load(targetPath);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"Cannot read the target file: {ex.Message}");
            return null;
        }
    }

    private static async Task<int> RunScenariosAsync(Dictionary<string, List<string>> options, IReadOnlyList<ParsedScenario> scenarios, TextWriter output)
    {
        if (await TargetAsync(options, "run", output) is not { } target)
        {
            return 2;
        }

        if (Single(options, "browser") is not { } browserName)
        {
            browserName = "http";
        }

        if (!Enum.TryParse<BrowserKind>(browserName, ignoreCase: true, out var browser))
        {
            await output.WriteLineAsync($"--browser is http or chromium, not '{browserName}'.");
            return 2;
        }

        if (browser == BrowserKind.Chromium && !File.Exists(ChromiumSession.DefaultExecutable))
        {
            await output.WriteLineAsync($"--browser chromium needs Debian's chromium at {ChromiumSession.DefaultExecutable} (apt-get install -y chromium); the Docker image has none.");
            return 2;
        }

        if (!Whole(options, "repeat", 1, 1, 100, out var repeat) || !Whole(options, "wait-for-mock", 60, 0, 3600, out var wait))
        {
            await output.WriteLineAsync("--repeat takes a whole number from 1 to 100, --wait-for-mock a number of seconds from 0 to 3600.");
            return 2;
        }

        foreach (var (option, folder) in new[] { ("--out", Single(options, "out") ?? "conformance-report"), ("--approval", Single(options, "approval")) })
        {
            if (folder is not null && MockEsia.Configuration.WritableFolder.Problem(folder, option) is { } cannot)
            {
                await output.WriteLineAsync(cannot);
                return 2;
            }
        }

        if (Single(options, "drift") is { } driftFile)
        {
            try
            {
                _ = DriftSummary.Read(driftFile);
            }
            catch (InvalidDataException ex)
            {
                await output.WriteLineAsync(ex.Message);
                return 2;
            }
        }

        WebApplication? embedded = null;
        var mockUrl = Single(options, "mock");
        if (mockUrl is null)
        {
            try
            {
                embedded = MockEsiaServer.Build(["--urls", target.EsiaUrl, "--MockEsia:StrictConfiguration=true", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning"]);
                await embedded.StartAsync();
            }
            catch (Exception ex) when (MockEsia.Configuration.StartupRefusal.Explain(ex) is { } why)
            {
                await output.WriteLineAsync($"The embedded MockEsia cannot start: {why}");
                return 2;
            }

            mockUrl = target.EsiaUrl;
            await output.WriteLineAsync($"MockEsia embedded at {mockUrl}");
        }

        try
        {
            using var driver = new MockEsiaDriver(new Uri(mockUrl), Single(options, "admin-token"));
            if (!await WaitForMockAsync(driver, wait, output))
            {
                await output.WriteLineAsync($"MockEsia does not answer at {mockUrl} (waited {wait} s for /health; start it first, or give --wait-for-mock more seconds).");
                return 2;
            }

            await output.WriteLineAsync($"Running {scenarios.Count} scenarios against {target.Name} ({target.BaseUrl}) with the {browser.ToString().ToLowerInvariant()} browser{(repeat > 1 ? $", {repeat} times" : "")}");
            await output.WriteLineAsync(RunEstimate.Describe(scenarios, target));
            var outFolder = Single(options, "out") ?? "conformance-report";
            var runs = new List<RunResult>();
            for (var k = 1; k <= repeat; k++)
            {
                var folder = repeat > 1 ? Path.Combine(outFolder, $"run-{k}") : outFolder;
                if (repeat > 1)
                {
                    await output.WriteLineAsync($"Run {k} of {repeat}");
                }

                var run = await RunOnceAsync(target, driver, browser, scenarios, folder, output);
                runs.Add(run);
            }

            var last = runs[^1];
            var approval = Single(options, "approval") is { } packFolder ? ApprovalPack.Write(last, target, packFolder, Single(options, "drift")) : null;
            if (approval is not null)
            {
                await output.WriteLineAsync(approval.Ready
                    ? $"Approval pack: {approval.Folder} and {approval.Zip} (all mandatory scenarios passed)"
                    : $"Approval pack: {approval.Folder} and {approval.Zip} — НЕ ГОТОВО К ПОДАЧЕ: {string.Join(", ", approval.Blocking.Select(b => $"{b.Id} {b.Outcome}").Concat(approval.ExpiredCertificates.Select(c => $"certificate {c.Certificate.Subject} expired")))}");
            }

            // Certificate upkeep: the app's certificate, its days left, a warning from 30 days before it expires.
            foreach (var certificate in AppCertificates.Of(target, last.Started))
            {
                await output.WriteLineAsync(certificate.English);
            }

            if (UsedProtocol.Of(last, []).RefreshProfiles is { Count: > 0 } profiles)
            {
                await output.WriteLineAsync($"Refresh signature profile the app follows: {string.Join("; ", profiles)} (ESIA's is unknown, reference §5.3; docs/readings.md)");
            }

            if (repeat == 1)
            {
                await output.WriteLineAsync(last.Counts);
                return last.ExitCode;
            }

            var changes = RepeatedRuns.Changes(runs);
            await output.WriteLineAsync($"Repeat report: {RepeatedRuns.Write(runs, changes, outFolder)}");
            await output.WriteLineAsync(changes.Count == 0
                ? $"Verdicts the same in all {repeat} runs"
                : $"Verdicts changed between runs ({changes.Count}):\n" + string.Join("\n", changes.Select(c => $"  {c.Id,-10} {string.Join(", ", c.Outcomes)}")));
            await output.WriteLineAsync(last.Counts);
            return changes.Count > 0 ? 5 : last.ExitCode;
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.StopAsync();
                await embedded.DisposeAsync();
            }
        }
    }

    internal static async Task<RunResult> RunOnceAsync(TargetApp target, MockEsiaDriver driver, BrowserKind browser, IReadOnlyList<ParsedScenario> scenarios, string outFolder, TextWriter output)
    {
        var started = DateTimeOffset.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var harness = new HarnessRun(target, driver, browser);
        var results = await FeatureRunner.RunAsync(harness, scenarios, r => output.Write(Line(r)), outFolder);
        var run = new RunResult(target.Name, started, watch.Elapsed, results);
        var written = ReportWriter.Write(run, outFolder).Concat(Directory.EnumerateFiles(outFolder, "reqnroll_report.*")).ToArray();
        await output.WriteLineAsync($"Reports: {string.Join(", ", written)}");
        await output.WriteLineAsync($"Finished in {watch.Elapsed.TotalSeconds:0.0} s");
        return run;
    }

    // A MockEsia started alongside (compose, CI) may still be starting: /health is asked every second, with a line every 10 s.
    private static async Task<bool> WaitForMockAsync(MockEsiaDriver driver, int seconds, TextWriter output)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var said = 0;
        while (!await driver.IsUpAsync())
        {
            if (watch.Elapsed.TotalSeconds >= seconds)
            {
                return false;
            }

            if ((int)watch.Elapsed.TotalSeconds / 10 > said)
            {
                said = (int)watch.Elapsed.TotalSeconds / 10;
                await output.WriteLineAsync($"Waiting for MockEsia at {driver.BaseUrl} ({said * 10} s of {seconds} s)");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return true;
    }

    /// <summary>One scenario's console lines: the verdict, and for anything but a pass the expectation, MockEsia's diagnosis and the hop that mattered.</summary>
    public static string Line(ScenarioResult r)
    {
        var verdict = r.Outcome switch
        {
            Outcome.Passed => "PASS",
            Outcome.Failed => "FAIL",
            Outcome.Inconclusive => "INCONCLUSIVE",
            _ => "ERROR",
        };
        var b = new System.Text.StringBuilder($"  {verdict} {r.Id,-10} {r.Title}\n");
        if (r.Message is not null)
        {
            b.Append($"         {(r.Outcome == Outcome.Failed ? "expected: " : "why: ")}{r.Message}\n");
        }

        if (r.Diagnosis is not null)
        {
            b.Append($"         MockEsia's diagnosis: {r.Diagnosis}\n");
        }

        if (r.Hop is not null)
        {
            b.Append($"         hop: {r.Hop}\n");
        }

        return b.ToString();
    }

    private static Dictionary<string, List<string>> Parse(string[] args)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                var key = args[i][2..];
                if (!options.TryGetValue(key, out var values))
                {
                    options[key] = values = [];
                }

                values.Add(args[++i]);
            }
        }

        return options;
    }

    private static bool Whole(Dictionary<string, List<string>> options, string key, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return Single(options, key) is not { } text || (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    private static string? Single(Dictionary<string, List<string>> options, string key) => options.TryGetValue(key, out var v) ? v[^1] : null;
}
