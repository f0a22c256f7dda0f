namespace MockEsia.Abstractions;

/// <summary>
/// A configuration file MockEsia could not use (a client file, the scenario file): which file, what is wrong, and the
/// fix. MockEsia starts without it (or, with <c>MockEsia:StrictConfiguration=true</c>, refuses to start).
/// </summary>
/// <param name="File">The file, as configured (relative to the working directory or the fixtures folder).</param>
/// <param name="ClientId">The client it defines, when that could be read.</param>
/// <param name="Problem">What is wrong, in one sentence.</param>
/// <param name="Fix">How to put it right, in one sentence.</param>
public sealed record ConfigurationProblem(string File, string? ClientId, string Problem, string Fix)
{
    /// <summary>The problem in one line: the file, the problem and the fix.</summary>
    public string Line => $"{File}: {Problem} Fix: {Fix}";
}
