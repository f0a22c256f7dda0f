namespace Conformance.Specs.Harness;

/// <summary>Which browser the harness acts as.</summary>
public enum BrowserKind
{
    /// <summary>The built-in HTTP browser (no JavaScript; the default).</summary>
    Http,

    /// <summary>Chromium through Playwright, for apps whose login needs JavaScript.</summary>
    Chromium,
}

/// <summary>What a run shares with every scenario's bindings: the target, the MockEsia it is judged against, and what is learnt once per run.</summary>
public sealed class HarnessRun : IAsyncDisposable
{
    private readonly SemaphoreSlim _chromiumLock = new(1, 1);
    private ChromiumSession? _chromium;

    /// <summary>Creates the run settings.</summary>
    public HarnessRun(TargetApp target, MockEsiaDriver mock, BrowserKind browser = BrowserKind.Http)
    {
        Target = target;
        Mock = mock;
        Browser = browser;
    }

    /// <summary>The app under test.</summary>
    public TargetApp Target { get; }

    /// <summary>MockEsia.</summary>
    public MockEsiaDriver Mock { get; }

    /// <summary>The browser the scenarios act through.</summary>
    public BrowserKind Browser { get; }

    /// <summary>The harness of the scenario being run (read by the runner for evidence).</summary>
    public ScenarioHarness? Scenario { get; set; }

    /// <summary>
    /// The outcome of the clean-login precondition, learnt once per run: null while unknown, <see cref="Wording.None"/>
    /// when a clean login signs the person in, otherwise why it does not (with MockEsia's diagnosis).
    /// </summary>
    public Wording? CleanLoginFailure { get; set; }

    /// <summary>
    /// The outcome of the clean-submission precondition of the «API ЕПГУ» feature, learnt once per run: null while
    /// unknown, <see cref="Wording.None"/> when a clean submission reaches a final status the app shows, otherwise why not.
    /// </summary>
    public Wording? CleanSubmissionFailure { get; set; }

    /// <summary>How long the clean login took (learnt with <see cref="CleanLoginFailure"/>), null while unknown.</summary>
    public TimeSpan? CleanLoginDuration { get; set; }

    /// <summary>The access token lifetime of the expiry scenarios: the target's, or chosen from the clean login's duration.</summary>
    public int ShortLifetimeSeconds => Target.ShortAccessTokenLifetimeSeconds ?? TargetApp.AutomaticShortLifetime(CleanLoginDuration);

    /// <summary>
    /// The server-wide readings (docs/readings.md) applied after every reset, for a pass of the scenarios under a reading
    /// other than MockEsia's configured one; empty for the configured readings.
    /// </summary>
    public IReadOnlyDictionary<string, string> Readings { get; set; } = new Dictionary<string, string>();

    /// <summary>A fresh browser of the run's kind.</summary>
    public async Task<IAppBrowser> NewBrowserAsync()
    {
        if (Browser == BrowserKind.Http)
        {
            return new AppBrowser();
        }

        await _chromiumLock.WaitAsync();
        try
        {
            _chromium ??= await ChromiumSession.LaunchAsync();
        }
        finally
        {
            _chromiumLock.Release();
        }

        return await _chromium.NewBrowserAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        _chromiumLock.Dispose();
    }
}
