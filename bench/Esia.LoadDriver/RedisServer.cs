using System.Diagnostics;
using System.Globalization;

namespace Esia.LoadDriver;

/// <summary>A private redis-server for the full-store benchmark: a spare port, no persistence, stopped on dispose.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;
    private readonly int _port;

    private RedisServer(Process process, int port)
    {
        _process = process;
        _port = port;
    }

    /// <summary>Starts redis-server on <paramref name="port"/>; null when it is not installed.</summary>
    public static RedisServer? TryStart(int port)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("redis-server")
            {
                ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1" },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        _ = process.StandardOutput.ReadToEndAsync();
        var server = new RedisServer(process, port);
        for (var i = 0; i < 100 && server.Cli("ping") != "PONG"; i++)
        {
            Thread.Sleep(50);
        }

        return server;
    }

    /// <summary>Redis's own count of the memory it holds, MB.</summary>
    public double UsedMemoryMb()
    {
        var line = Cli("info", "memory").Split('\n').First(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return double.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture) / (1024 * 1024);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private string Cli(params string[] args)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(_port.ToString(CultureInfo.InvariantCulture));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var cli = Process.Start(start)!;
        var text = cli.StandardOutput.ReadToEnd();
        cli.WaitForExit();
        return text.Trim();
    }
}
