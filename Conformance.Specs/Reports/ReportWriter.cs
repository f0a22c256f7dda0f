using System.Text.Json;
using System.Xml.Linq;
using Conformance.Specs.Harness;
using Conformance.Specs.Runtime;

namespace Conformance.Specs.Reports;

/// <summary>Writes a run's reports: JUnit XML for CI systems and a JSON summary with the evidence of every scenario.</summary>
public static class ReportWriter
{
    /// <summary>Writes <c>junit.xml</c> and <c>summary.json</c> into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(RunResult run, string folder)
    {
        Directory.CreateDirectory(folder);
        var junit = Path.Combine(folder, "junit.xml");
        JUnit(run).Save(junit);
        var summary = Path.Combine(folder, "summary.json");
        File.WriteAllText(summary, JsonSerializer.Serialize(run, HarnessJson.Report));
        return [junit, summary];
    }

    /// <summary>The JUnit XML document.</summary>
    public static XDocument JUnit(RunResult run) => new(
        new XElement("testsuites",
            new XAttribute("name", "ESIA conformance"),
            new XAttribute("tests", run.Scenarios.Count), new XAttribute("failures", run.Failed), new XAttribute("errors", run.HarnessErrors),
            new XAttribute("skipped", run.Inconclusive),
            new XAttribute("time", run.Duration.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)),
            run.Scenarios.GroupBy(s => s.Feature).Select(feature => new XElement("testsuite",
                new XAttribute("name", feature.Key),
                new XAttribute("tests", feature.Count()),
                new XAttribute("failures", feature.Count(s => s.Outcome == Outcome.Failed)),
                new XAttribute("errors", feature.Count(s => s.Outcome == Outcome.HarnessError)),
                new XAttribute("skipped", feature.Count(s => s.Outcome == Outcome.Inconclusive)),
                feature.Select(s => new XElement("testcase",
                    new XAttribute("classname", $"{s.Id} [{s.Level}]"),
                    new XAttribute("name", s.Title),
                    new XAttribute("time", s.Duration.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)),
                    s.Outcome switch
                    {
                        Outcome.Failed => new XElement("failure", new XAttribute("message", s.Message ?? "failed"), Details(s)),
                        Outcome.Inconclusive => new XElement("skipped", new XAttribute("message", "Inconclusive: " + s.Message)),
                        Outcome.HarnessError => new XElement("error", new XAttribute("message", "Harness error: " + s.Message), Details(s)),
                        _ => null,
                    },
                    new XElement("system-out", string.Join('\n', s.Steps.Concat(s.Checks).Concat(s.Hops)))))))));

    private static string Details(ScenarioResult s) =>
        string.Join('\n', new[] { s.Diagnosis is null ? null : "MockEsia's diagnosis: " + s.Diagnosis, s.Hop is null ? null : "Hop: " + s.Hop }.OfType<string>().Concat(s.Steps).Concat(s.Checks));
}
