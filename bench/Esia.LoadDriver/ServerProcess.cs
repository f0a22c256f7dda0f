using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Esia.LoadDriver;

/// <summary>MockEsia started as a separate process on loopback, with its start-up time, CPU and memory read from /proc.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, double startupMs)
    {
        _process = process;
        StartupMs = startupMs;
    }

    /// <summary>Milliseconds from process start to the first 200 on <c>/health</c>.</summary>
    public double StartupMs { get; }

    /// <summary>CPU seconds used so far (user + system).</summary>
    public double CpuSeconds
    {
        get
        {
            var fields = File.ReadAllText($"/proc/{_process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
    }

    /// <summary>Resident memory now, MB.</summary>
    public double RssMb => Status("VmRSS");

    /// <summary>Peak resident memory, MB.</summary>
    public double PeakRssMb => Status("VmHWM");

    /// <summary>Starts MockEsia and waits for <c>/health</c> (a benchmark prefill may need a longer <paramref name="startupLimit"/>).</summary>
    public static async Task<ServerProcess> StartAsync(string serverDll, string fixtures, string baseUrl, string? environment, TimeSpan? startupLimit = null)
    {
        using (var before = new HttpClient { BaseAddress = new Uri(baseUrl) })
        {
            if (await AnswersAsync(before))
            {
                throw new InvalidOperationException($"Something already answers at {baseUrl}: stop it (or pass --port) so that the figures are this run's.");
            }
        }

        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll, "--urls", baseUrl, "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning", $"--MockEsia:FixturesPath={fixtures}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var setting in (environment ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            start.Environment[setting.Split('=')[0]] = setting.Split('=', 2)[1];
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var probe = new HttpClient { BaseAddress = new Uri(baseUrl) };
        while (true)
        {
            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return new ServerProcess(process, watch.Elapsed.TotalMilliseconds);
                }
            }
            catch (HttpRequestException)
            {
                if (watch.Elapsed > (startupLimit ?? TimeSpan.FromSeconds(30)) || process.HasExited)
                {
                    throw new InvalidOperationException("MockEsia did not start: " + await errors);
                }

                await Task.Delay(10);
            }
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient probe)
    {
        try
        {
            await probe.GetAsync("/health");
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private double Status(string field) =>
        double.Parse(File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
}
