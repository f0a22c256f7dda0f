namespace Conformance.Specs.Runtime;

/// <summary>A scenario's verdict.</summary>
public enum Outcome
{
    /// <summary>Every step passed.</summary>
    Passed,

    /// <summary>A step failed: the app did something it must not (or did not do what it must).</summary>
    Failed,

    /// <summary>The target lacks what the scenario needs.</summary>
    Skipped,
}

/// <summary>One scenario's result with its evidence.</summary>
public sealed record ScenarioResult
{
    /// <summary>Stable id, e.g. <c>ESIA-C01</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The Russian title.</summary>
    public required string Title { get; init; }

    /// <summary><c>mandatory</c> or <c>recommended</c>.</summary>
    public required string Level { get; init; }

    /// <summary>The feature it belongs to.</summary>
    public required string Feature { get; init; }

    /// <summary>The verdict.</summary>
    public Outcome Outcome { get; init; }

    /// <summary>Why it failed or was skipped.</summary>
    public string? Message { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The steps with their outcome.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>What was checked, in plain words.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];

    /// <summary>Every browser hop (method, URL with secrets shortened, status).</summary>
    public IReadOnlyList<string> Hops { get; init; } = [];

    /// <summary>The browser hops with their times, for sequence diagrams.</summary>
    public IReadOnlyList<TraceHop> Trace { get; init; } = [];

    /// <summary>MockEsia's journal entries for the app during the scenario (raw JSON).</summary>
    public IReadOnlyList<System.Text.Json.JsonElement> Journal { get; init; } = [];

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>One browser hop as evidence: when, what (secrets shortened), and the answer.</summary>
/// <param name="At">When it was sent.</param>
/// <param name="Method">GET or POST.</param>
/// <param name="Url">The URL, secrets shortened.</param>
/// <param name="Authority">host:port, to tell the app from MockEsia.</param>
/// <param name="Status">The answer's status.</param>
public sealed record TraceHop(DateTimeOffset At, string Method, string Url, string Authority, int Status);

/// <summary>A whole run.</summary>
public sealed record RunResult(string Target, DateTimeOffset Started, TimeSpan Duration, IReadOnlyList<ScenarioResult> Scenarios)
{
    /// <summary>Count of passed scenarios.</summary>
    public int Passed => Scenarios.Count(s => s.Outcome == Outcome.Passed);

    /// <summary>Count of failed scenarios.</summary>
    public int Failed => Scenarios.Count(s => s.Outcome == Outcome.Failed);

    /// <summary>Count of skipped scenarios.</summary>
    public int Skipped => Scenarios.Count(s => s.Outcome == Outcome.Skipped);

    /// <summary>True when no mandatory scenario failed.</summary>
    public bool MandatoryPassed => !Scenarios.Any(s => s.Level == "mandatory" && s.Outcome == Outcome.Failed);
}
