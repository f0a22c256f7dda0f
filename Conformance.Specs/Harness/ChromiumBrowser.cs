using Microsoft.Playwright;

namespace Conformance.Specs.Harness;

/// <summary>Chromium driven through Playwright, for apps whose login runs in JavaScript: one process per run, one context per browser.</summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    /// <summary>Debian's chromium (Playwright's own browser download is not needed).</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChromiumSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Starts chromium headless.</summary>
    public static async Task<ChromiumSession> LaunchAsync(string executable = DefaultExecutable)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"--browser chromium needs chromium at {executable} (Debian: apt-get install -y chromium).", executable);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = Arguments });
        return new ChromiumSession(playwright, browser);
    }

    /// <summary>A fresh browser: its own cookies and storage.</summary>
    public async Task<IAppBrowser> NewBrowserAsync() => new ChromiumBrowser(await _browser.NewContextAsync(new() { IgnoreHTTPSErrors = true }));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>
/// One person's Chromium: pages load, scripts run, and every document, fetch and XHR answer is recorded as a hop, so the
/// same scenarios judge an app whose login starts from JavaScript.
/// </summary>
public sealed class ChromiumBrowser : IAppBrowser
{
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);
    private readonly IBrowserContext _context;
    private readonly Lock _lock = new();
    private IPage? _page;
    private int _inFlight;
    private int _documentStatus;

    internal ChromiumBrowser(IBrowserContext context) => _context = context;

    /// <inheritdoc />
    public List<Hop> Hops { get; } = [];

    /// <inheritdoc />
    public Uri? Current => _page is null ? null : new Uri(_page.Url);

    /// <inheritdoc />
    public string LastBody { get; private set; } = "";

    /// <inheritdoc />
    public int LastStatus { get; private set; }

    /// <inheritdoc />
    public async Task<int> GoAsync(Uri url)
    {
        var page = await PageAsync();
        try
        {
            await page.GotoAsync(url.ToString(), new() { WaitUntil = WaitUntilState.Load, Timeout = (float)SettleLimit.TotalMilliseconds });
        }
        catch (PlaywrightException ex)
        {
            throw new BrowserException(url, $"GET {url.GetLeftPart(UriPartial.Path)} got no answer: {ex.Message.Split('\n')[0]}", ex);
        }

        return await SettleAsync(page);
    }

    /// <inheritdoc />
    public async Task<int> StartLoginAsync(Uri loginPage, string? loginSelector)
    {
        var status = await GoAsync(loginPage);
        if (loginSelector is null)
        {
            return status;
        }

        return await ClickAsync(loginSelector);
    }

    /// <inheritdoc />
    public Task<int> SubmitAsync(string testId) => ClickAsync($"[data-testid='{testId}']");

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private async Task<int> ClickAsync(string selector)
    {
        var page = await PageAsync();
        try
        {
            await page.Locator(selector).First.ClickAsync(new() { Timeout = 5000 });
        }
        catch (PlaywrightException ex)
        {
            throw new BrowserException(new Uri(page.Url), $"The page at {page.Url} has no clickable '{selector}': {ex.Message.Split('\n')[0]}", ex);
        }

        return await SettleAsync(page);
    }

    private async Task<IPage> PageAsync()
    {
        if (_page is not null)
        {
            return _page;
        }

        var page = await _context.NewPageAsync();
        page.Request += (_, request) =>
        {
            lock (_lock)
            {
                _inFlight++;
            }
        };
        page.RequestFinished += (_, _) => Done();
        page.RequestFailed += (_, request) =>
        {
            Done();
            lock (_lock)
            {
                Hops.Add(new Hop(request.Method, new Uri(request.Url), 0, null, DateTimeOffset.UtcNow));
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType is not ("document" or "fetch" or "xhr"))
            {
                return;
            }

            lock (_lock)
            {
                Hops.Add(new Hop(response.Request.Method, new Uri(response.Url), response.Status, response.Headers.GetValueOrDefault("location"), DateTimeOffset.UtcNow));
                if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame && response.Status is < 300 or >= 400)
                {
                    _documentStatus = response.Status;
                }
            }
        };
        return _page = page;
    }

    private void Done()
    {
        lock (_lock)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
        }
    }

    // Scripts may navigate after a fetch: settled once nothing has been in flight and the URL has not changed for 120 ms.
    private async Task<int> SettleAsync(IPage page)
    {
        var deadline = DateTimeOffset.UtcNow + SettleLimit;
        var url = page.Url;
        var quiet = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(20);
        while (quiet < TimeSpan.FromMilliseconds(120) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(step);
            bool idle;
            lock (_lock)
            {
                idle = _inFlight == 0;
            }

            quiet = idle && page.Url == url ? quiet + step : TimeSpan.Zero;
            url = page.Url;
        }

        try
        {
            LastBody = await page.ContentAsync();
        }
        catch (PlaywrightException)
        {
            LastBody = "";
        }

        lock (_lock)
        {
            LastStatus = _documentStatus;
        }

        return LastStatus;
    }
}
