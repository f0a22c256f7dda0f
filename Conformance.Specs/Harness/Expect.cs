namespace Conformance.Specs.Harness;

/// <summary>A conformance check that failed: what the app did, in plain words.</summary>
public sealed class ConformanceFailure(string message) : Exception(message);

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
}
