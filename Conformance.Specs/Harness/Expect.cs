namespace Conformance.Specs.Harness;

/// <summary>A conformance check that failed: what the app did, in plain words.</summary>
public sealed class ConformanceFailure(string message) : Exception(message);

/// <summary>
/// A scenario's precondition did not hold (the clean login failed, the target has no REST page, the app never reached
/// the step the scenario judges): the scenario is inconclusive, never passed and never blamed on a later step.
/// </summary>
public sealed class InconclusiveException(string message) : Exception(message);

/// <summary>The harness's own assertions (the specs judge apps at run time, outside any test framework).</summary>
public static class Expect
{
    /// <summary>Fails the scenario with <paramref name="because"/> unless <paramref name="condition"/> holds.</summary>
    public static void That(bool condition, string because)
    {
        if (!condition)
        {
            throw new ConformanceFailure(because);
        }
    }

    /// <summary>Makes the scenario inconclusive with <paramref name="because"/> unless the precondition holds.</summary>
    public static void Precondition(bool condition, string because)
    {
        if (!condition)
        {
            throw new InconclusiveException(because);
        }
    }
}
