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

    /// <summary>
    /// Runs MockEsia.dll with these arguments (after the defaults, which they may override) until it exits by itself —
    /// a refused start-up — or 30 s pass (then it is killed, and the exit code is -1).
    /// </summary>
    public static async Task<(int Exit, string Output, string Errors)> RunToExitAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "MockEsia.dll"), "--environment", "Testing", $"--MockEsia:FixturesPath={Paths.Fixture()}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, await output, await errors);
        }

        return (process.ExitCode, await output, await errors);
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
