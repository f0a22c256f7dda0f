using Microsoft.AspNetCore.TestHost;
using MockEsia.Time;

namespace MockEsia.Tests.Support;

/// <summary>The whole MockEsia in memory (TestServer) with its clock frozen at a fixed instant.</summary>
public sealed class MockEsiaHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private MockEsiaHost(WebApplication app)
    {
        _app = app;
        Clock = app.Services.GetRequiredService<VirtualClock>();
        Clock.Set(Start);
        Clock.Freeze();
    }

    public VirtualClock Clock { get; }

    public IServiceProvider Services => _app.Services;

    public HttpClient Client() => _app.GetTestClient();

    /// <summary>The in-memory server's handler, for clients that spread requests over several hosts.</summary>
    public HttpMessageHandler Handler() => _app.GetTestServer().CreateHandler();

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public static Task<MockEsiaHost> StartAsync(params string[] args) => StartAsync(_ => { }, args);

    /// <summary>Starts MockEsia with a hook on its builder (the seam tests and benchmarks add their own parts through).</summary>
    public static async Task<MockEsiaHost> StartAsync(Action<WebApplicationBuilder> configure, params string[] args)
    {
        var app = MockEsiaServer.Build(["--environment", "Testing", .. args], b =>
        {
            b.WebHost.UseTestServer();
            configure(b);
        });
        await app.StartAsync();
        return new MockEsiaHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
