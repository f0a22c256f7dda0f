using System.Net;
using System.Net.Sockets;
using System.Text;
using Esia.TestSupport;

namespace MockEsia.Tests;

/// <summary>Clients that stall or vanish mid-request: the server keeps serving and logs no unhandled exception.</summary>
public class ConnectionFaultTests
{
    private sealed class Errors : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add($"{logLevel} {formatter(state, exception)} {exception}");
            }
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Dropped_and_stalled_connections_leave_the_server_serving()
    {
        var errors = new Errors();
        var port = FreePort.Next();
        await using var app = MockEsiaServer.Build(["--urls", $"http://127.0.0.1:{port}", "--environment", "Testing"], b => b.Logging.AddProvider(errors));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        for (var i = 0; i < 20; i++)
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, port);
            var stream = socket.GetStream();
            var head = i % 2 == 0
                ? "POST /aas/oauth2/v3/te HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\nclient_id=MOCK"
                : "GET /aas/oauth2/v2/ac?client_id=MOCKSYS&redirect_uri=http%3A%2F%2Flocalhost%2Fcb HTTP/1.1\r\nHost: x\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.FlushAsync();
            socket.Client.Close(0);
        }

        using var stalled = new TcpClient();
        await stalled.ConnectAsync(IPAddress.Loopback, port);
        await stalled.GetStream().WriteAsync(Encoding.ASCII.GetBytes("POST /aas/oauth2/v3/te HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.GetAsync("/health")));
        answers.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK, "a stalled upload does not block other requests");
        (await http.GetAsync("/public/esia.zip")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(200);
        lock (errors.Lines)
        {
            errors.Lines.Where(l => l.Contains("Unhandled", StringComparison.OrdinalIgnoreCase) || l.Contains("unhandled", StringComparison.Ordinal)).Should().BeEmpty();
        }
    }
}
