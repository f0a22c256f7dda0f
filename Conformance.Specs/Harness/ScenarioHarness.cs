using System.Text.Json;

namespace Conformance.Specs.Harness;

/// <summary>One scenario's state: its browsers, the journal mark it started at, and the evidence it gathers.</summary>
public sealed class ScenarioHarness : IDisposable
{
    /// <summary>Created by Reqnroll's context injection for each scenario.</summary>
    public ScenarioHarness()
    {
        Run = HarnessRun.Current ?? throw new InvalidOperationException("No conformance run is in progress.");
        Run.Scenario = this;
        Browser = new AppBrowser();
        Browsers.Add(Browser);
    }

    /// <summary>The run.</summary>
    public HarnessRun Run { get; }

    /// <summary>The current browser.</summary>
    public AppBrowser Browser { get; private set; }

    /// <summary>Every browser used, first to last.</summary>
    public List<AppBrowser> Browsers { get; } = [];

    /// <summary>The journal id before the scenario acted.</summary>
    public long JournalMark { get; set; }

    /// <summary>Plain-words notes on what was checked.</summary>
    public List<string> Checks { get; } = [];

    /// <summary>The journal entries of this scenario (filled when asked).</summary>
    public IReadOnlyList<JsonElement> Journal { get; private set; } = [];

    /// <summary>The target.</summary>
    public TargetApp Target => Run.Target;

    /// <summary>Starts a fresh browser (a new person's device, no cookies).</summary>
    public AppBrowser NewBrowser()
    {
        Browser = new AppBrowser();
        Browsers.Add(Browser);
        return Browser;
    }

    /// <summary>Reloads this scenario's journal entries for the app's client.</summary>
    public async Task<IReadOnlyList<JsonElement>> RefreshJournalAsync()
    {
        Journal = await Run.Mock.JournalAsync(Target.ClientId, JournalMark);
        return Journal;
    }

    /// <summary>Entries of one endpoint.</summary>
    public async Task<IReadOnlyList<JsonElement>> EntriesAsync(params string[] endpoints) =>
        (await RefreshJournalAsync()).Where(e => endpoints.Contains(e.GetProperty("endpoint").GetString())).ToArray();

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var browser in Browsers)
        {
            browser.Dispose();
        }
    }
}
