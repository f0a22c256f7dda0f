namespace Conformance.Specs.Runtime;

/// <summary>A scenario's verdict.</summary>
public enum Outcome
{
    /// <summary>Every step passed.</summary>
    Passed,

    /// <summary>A step failed: the app did something it must not (or did not do what it must).</summary>
    Failed,

    /// <summary>A precondition did not hold (the clean login failed, no REST page, …): the app could not be judged.</summary>
    Inconclusive,

    /// <summary>The harness itself failed (an exception in its code, MockEsia unreachable): no verdict on the app.</summary>
    HarnessError,
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

    /// <summary>Why it failed, was inconclusive or met a harness error: the expectation, in plain words.</summary>
    public string? Message { get; init; }

    /// <summary><see cref="Message"/> in Russian, for the approval pack.</summary>
    public string? RussianMessage { get; init; }

    /// <summary>MockEsia's diagnosis of what the app sent wrong in this scenario (refusals no injected fault caused).</summary>
    public string? Diagnosis { get; init; }

    /// <summary><see cref="Diagnosis"/> in Russian, for the approval pack.</summary>
    public string? RussianDiagnosis { get; init; }

    /// <summary>The hop that mattered: the app's last answer before the verdict.</summary>
    public string? Hop { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>How much of <see cref="Duration"/> was spent waiting, in real time, for an access token's exp.</summary>
    public TimeSpan Waited { get; init; }

    /// <summary>The steps with their outcome.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>What was checked, in plain words.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];

    /// <summary><see cref="Checks"/> in Russian, line for line, for the approval pack.</summary>
    public IReadOnlyList<string> RussianChecks { get; init; } = [];

    /// <summary>Every browser hop (method, URL with secrets shortened, status).</summary>
    public IReadOnlyList<string> Hops { get; init; } = [];

    /// <summary>The browser hops with their times, for sequence diagrams.</summary>
    public IReadOnlyList<TraceHop> Trace { get; init; } = [];

    /// <summary>MockEsia's journal entries for the app during the scenario (raw JSON).</summary>
    public IReadOnlyList<System.Text.Json.JsonElement> Journal { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The API ЕПГУ order the scenario followed, as MockEsia last described it (status history included); null outside «API ЕПГУ».</summary>
    public EpguOrderSummary? Order { get; init; }

    /// <summary>The catalogue id without the reading suffix (<c>ESIA-C31</c> for <c>ESIA-C31.OldRefreshToken-ValidUntilExpiry</c>).</summary>
    public string CatalogueId => Reading is null ? Id : Id[..Id.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The reading the scenario ran under when it is a pass under a non-default reading (<c>OldRefreshToken=ValidUntilExpiry</c>).</summary>
    public string? Reading { get; init; }
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

    /// <summary>Count of inconclusive scenarios.</summary>
    public int Inconclusive => Scenarios.Count(s => s.Outcome == Outcome.Inconclusive);

    /// <summary>Count of harness errors.</summary>
    public int HarnessErrors => Scenarios.Count(s => s.Outcome == Outcome.HarnessError);

    /// <summary>True when every mandatory scenario passed (none failed, none inconclusive, no harness error).</summary>
    public bool MandatoryPassed => Scenarios.Where(s => s.Level == "mandatory").All(s => s.Outcome == Outcome.Passed);

    /// <summary>The closing line: every count.</summary>
    public string Counts => $"{Passed} passed, {Failed} failed, {Inconclusive} inconclusive, {HarnessErrors} harness errors";

    /// <summary>
    /// The runner's exit code: 0 when every mandatory scenario passed; 3 on a harness error; 1 when a mandatory scenario
    /// failed; 4 when none failed but a mandatory one was inconclusive.
    /// </summary>
    public int ExitCode =>
        HarnessErrors > 0 ? 3
        : Scenarios.Any(s => s.Level == "mandatory" && s.Outcome == Outcome.Failed) ? 1
        : MandatoryPassed ? 0
        : 4;
}
