using System.Text.Json;
using Conformance.Specs.Harness;
using Conformance.Specs.Runtime;

namespace Conformance.Specs.Reports;

/// <summary>A scenario whose verdict was not the same in every run.</summary>
/// <param name="Id">The scenario's id (with its reading suffix, if any).</param>
/// <param name="Outcomes">Its verdict in each run, first to last.</param>
/// <param name="Messages">Why, in each run that did not pass.</param>
public sealed record VerdictChange(string Id, IReadOnlyList<Outcome> Outcomes, IReadOnlyList<string?> Messages);

/// <summary>The same scenarios run several times (<c>conformance run --repeat N</c>): which verdicts changed.</summary>
public static class RepeatedRuns
{
    /// <summary>Every scenario whose verdict differs between runs, or that is missing from one, in the first run's order.</summary>
    public static IReadOnlyList<VerdictChange> Changes(IReadOnlyList<RunResult> runs)
    {
        var ids = runs.SelectMany(r => r.Scenarios.Select(s => s.Id)).Distinct(StringComparer.Ordinal).ToArray();
        var changes = new List<VerdictChange>();
        foreach (var id in ids)
        {
            var each = runs.Select(r => r.Scenarios.FirstOrDefault(s => s.Id == id)).ToArray();
            if (each.Any(s => s is null) || each.Select(s => s!.Outcome).Distinct().Count() > 1)
            {
                changes.Add(new VerdictChange(id, each.Select(s => s?.Outcome ?? Outcome.HarnessError).ToArray(), each.Select(s => s is null ? "not run" : s.Message).ToArray()));
            }
        }

        return changes;
    }

    /// <summary>Writes <c>repeat.json</c> (each run's counts and duration, and the changes) into <paramref name="folder"/>; returns its path.</summary>
    public static string Write(IReadOnlyList<RunResult> runs, IReadOnlyList<VerdictChange> changes, string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "repeat.json");
        var report = new
        {
            Runs = runs.Select((r, i) => new { Run = i + 1, r.Started, Seconds = Math.Round(r.Duration.TotalSeconds, 1), r.Passed, r.Failed, r.Inconclusive, r.HarnessErrors }),
            Stable = changes.Count == 0,
            Changes = changes,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(report, HarnessJson.Report));
        return path;
    }
}
