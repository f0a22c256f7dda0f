using System.Globalization;
using Conformance.Specs.Harness;

namespace Conformance.Specs.Runtime;

/// <summary>How long a run should take, said before it starts: most scenarios take about a second, and each expiry wait at most the short lifetime.</summary>
public static class RunEstimate
{
    /// <summary>The step after which a scenario may wait for an access token's real exp.</summary>
    public const string ExpiryStep = "the person opens the REST page once the access token has expired";

    /// <summary>One line: the passes, the scenarios that may wait, and the expected and longest duration.</summary>
    public static string Describe(IReadOnlyList<ParsedScenario> scenarios, TargetApp target)
    {
        scenarios = scenarios.Where(s => FeatureRunner.Applies(s, target)).ToArray();
        var readingPasses = scenarios.Sum(s => s.Readings.Count);
        var waiting = scenarios.Count(s => s.Scenario.Steps.Any(step => step.Text == ExpiryStep));
        var lifetime = target.ShortAccessTokenLifetimeSeconds;
        var longest = lifetime ?? TargetApp.MaxAutomaticShortLifetime;
        var usual = scenarios.Count + readingPasses;
        var words = lifetime is null ? "5 s, or four times the app's clean login" : $"{lifetime} s (shortAccessTokenLifetimeSeconds)";
        return string.Create(CultureInfo.InvariantCulture,
            $"Expected duration: up to {usual} s for {scenarios.Count} scenarios and {readingPasses} reading passes; an app that does not refresh at once adds one wait per expiry scenario ({waiting}), each as long as the short access token lifetime: {words}, at most {waiting * (longest + 1) + usual} s in all.");
    }
}
