using Xunit;

namespace Esia.TestSupport;

/// <summary>Debian's chromium, which Playwright drives through <c>ExecutablePath</c> (test tools cannot download browsers here).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Flags for a root, offline, headless run: no sandbox and no background networking.</summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    public static bool Installed => File.Exists(ExecutablePath);
}

/// <summary>A fact that needs chromium: skipped without it, except in CI, where it runs and fails.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.Installed && !OpenSsl.RequiredByCi)
        {
            Skip = "chromium is not installed (apt-get install -y chromium)";
        }
    }
}
