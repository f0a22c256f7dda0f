using Conformance.Specs.Harness;

namespace Conformance.Specs.Runtime;

/// <summary>The question a reading answers, and what in a journal shows the app asking it.</summary>
/// <param name="Question">What MockEsia answers differently under the reading's values.</param>
/// <param name="NotAsked">What the journal showed when the app did not ask.</param>
/// <param name="Asked">Whether a scenario's journal shows the app asking.</param>
/// <param name="Russian">The question and what the journal showed, in Russian (the approval pack).</param>
public sealed record ReadingQuestion(string Question, string NotAsked, Func<IReadOnlyList<JournalEntry>, bool> Asked, string Russian);

/// <summary>
/// For each reading a scenario touches (docs/readings.md), the question MockEsia answers differently under its values.
/// A pass under another value of a reading repeats the scenario only when the app asked the question in the pass
/// under the configured value, or when that pass was quick: until the app asks, MockEsia's answers are the same under
/// every value, and so is the verdict, which a pass that had to wait in real time for an access token's exp (an app
/// that does not refresh at once) then gives the second pass instead of waiting again. A reading with no question here
/// is always run again.
/// </summary>
public static class ReadingQuestions
{
    private static readonly Dictionary<string, ReadingQuestion> Known = new(StringComparer.Ordinal)
    {
        ["OldRefreshToken"] = new("whether a refresh token stays valid after it was used once", "no refresh token was presented twice", PresentedTwice,
            "действует ли маркер обновления после первого использования; при настроенном прочтении ни один маркер обновления не был предъявлен дважды"),
    };

    /// <summary>The pass under <paramref name="readings"/> taken from the pass under the configured readings, or null when it must be run.</summary>
    public static ScenarioResult? Derive(ScenarioResult configured, IReadOnlyDictionary<string, string> readings)
    {
        if (configured.Waited == TimeSpan.Zero || configured.Outcome == Outcome.HarnessError || readings.Keys.Any(name => !Known.ContainsKey(name)))
        {
            return null;
        }

        var journal = configured.Journal.Select(JournalFacts.Parse).ToArray();
        if (readings.Keys.Any(name => Known[name].Asked(journal)))
        {
            return null;
        }

        var why = string.Join("; ", readings.Keys.Select(name => $"{name} decides {Known[name].Question}, and under the configured reading {Known[name].NotAsked}"));
        return configured with
        {
            Duration = TimeSpan.Zero,
            Waited = TimeSpan.Zero,
            Checks = [.. configured.Checks, $"Under the reading {string.Join(", ", readings.Select(r => $"{r.Key}={r.Value}"))}: not run again, the verdict above holds — {why}; until the app asks, MockEsia answers the same under every value (docs/readings.md)."],
            RussianChecks = [.. configured.RussianChecks, $"При прочтении {string.Join(", ", readings.Select(r => $"{r.Key}={r.Value}"))} сценарий не повторялся, результат выше в силе: прочтение {string.Join("; ", readings.Keys.Select(name => $"{name} решает, {Known[name].Russian}"))}; пока ИС не задаёт этот вопрос, MockEsia отвечает одинаково при любом значении (docs/readings.md)."],
        };
    }

    // Asked when a refresh token is presented to a second refresh (or, with no record of what was presented, when the
    // app refreshed more than once: nothing can be concluded then).
    private static bool PresentedTwice(IReadOnlyList<JournalEntry> journal)
    {
        var presented = journal.Where(e => e.IsRefresh()).Select(e => e.Token("presented")).ToArray();
        return presented.Any(p => p is null)
            ? presented.Length > 1
            : presented.Distinct(StringComparer.Ordinal).Count() < presented.Length;
    }
}
