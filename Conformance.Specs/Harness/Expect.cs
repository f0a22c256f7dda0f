namespace Conformance.Specs.Harness;

/// <summary>
/// A line of evidence in two languages: English for the developer (console, JUnit, HTML report, JSON evidence) and
/// Russian for the approval pack a reviewer reads.
/// </summary>
/// <param name="English">The runner's wording.</param>
/// <param name="Russian">The approval pack's wording (identifiers, URLs and values stay as they are).</param>
public sealed record Wording(string English, string Russian)
{
    /// <summary>Nothing to say: a precondition learnt once per run that holds.</summary>
    public static Wording None { get; } = new("", "");

    /// <summary>The first sentence of each wording (up to ". "), for a brief mention.</summary>
    public Wording Brief => new(FirstSentence(English), FirstSentence(Russian));

    private static string FirstSentence(string text) => text.IndexOf(". ", StringComparison.Ordinal) is > 0 and var end ? text[..end] : text;
}

/// <summary>A conformance check that failed: what the app did, in plain words (English; <see cref="Russian"/> for the pack).</summary>
public sealed class ConformanceFailure(string message, string russian) : Exception(message)
{
    /// <summary>The same, in Russian.</summary>
    public string Russian { get; } = russian;
}

/// <summary>
/// A scenario's precondition did not hold (the clean login failed, the target has no REST page, the app never reached
/// the step the scenario judges): the scenario is inconclusive, never passed and never blamed on a later step.
/// </summary>
public sealed class InconclusiveException(string message, string russian) : Exception(message)
{
    /// <summary>The same, in Russian.</summary>
    public string Russian { get; } = russian;
}

/// <summary>The harness's own assertions (the specs judge apps at run time, outside any test framework).</summary>
public static class Expect
{
    /// <summary>Fails the scenario with <paramref name="because"/> (and its Russian wording) unless <paramref name="condition"/> holds.</summary>
    public static void That(bool condition, string because, string russian)
    {
        if (!condition)
        {
            throw new ConformanceFailure(because, russian);
        }
    }

    /// <summary>Makes the scenario inconclusive with <paramref name="because"/> (and its Russian wording) unless the precondition holds.</summary>
    public static void Precondition(bool condition, string because, string russian)
    {
        if (!condition)
        {
            throw new InconclusiveException(because, russian);
        }
    }
}
