using System.Diagnostics;
using Esia.TestSupport;

namespace MockEsia.Tests.Support;

/// <summary>MockEsia as a separate process on Kestrel (the build output's MockEsia.dll), to be killed and restarted.</summary>
public sealed class MockEsiaProcess : IAsyncDisposable
{
    private readonly Process _process;

    private MockEsiaProcess(Process process, Uri baseUrl)
    {
        _process = process;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUrl };
    }

    public HttpClient Client { get; }

    public static async Task<MockEsiaProcess> StartAsync(int port, params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "MockEsia.dll"), "--urls", $"http://127.0.0.1:{port}", "--environment", "Testing", $"--MockEsia:FixturesPath={Paths.Fixture()}", "--Logging:LogLevel:Default=Warning" }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var started = new MockEsiaProcess(process, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if ((await started.Client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return started;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException("MockEsia exited: " + await errors);
            }
        }
    }

    /// <summary>Kills the process at once (SIGKILL): nothing is flushed, nothing is said goodbye to.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        Client.Dispose();
    }
}
