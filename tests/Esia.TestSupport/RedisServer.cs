using System.Diagnostics;
using System.Net.Sockets;
using Xunit;

namespace Esia.TestSupport;

/// <summary>A throwaway Debian <c>redis-server</c> on a free loopback port, without persistence; killed on dispose.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;
    private int _disposed;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public static bool Installed => File.Exists("/usr/bin/redis-server");

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("/usr/bin/redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient("127.0.0.1", port);
                return new RedisServer(process, port);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                Thread.Sleep(20);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}

/// <summary>A fact that needs Debian's redis-server: skipped without it, except in CI, where it runs and fails.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!RedisServer.Installed && !OpenSsl.RequiredByCi)
        {
            Skip = "redis-server is not installed (apt-get install -y redis-server)";
        }
    }
}
