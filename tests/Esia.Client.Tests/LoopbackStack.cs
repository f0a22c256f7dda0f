using Esia.Client.AspNetCore;
using Esia.TestSupport;
using MockEsia;
using MockEsia.Admin;
using ReferenceApp;

namespace Esia.Client.Tests;

/// <summary>MockEsia and the reference app on loopback ports; the app reads time from MockEsia's virtual clock.</summary>
public sealed class LoopbackStack : IAsyncLifetime
{
    private WebApplication _mock = null!;
    private WebApplication _app = null!;

    public Uri MockBase { get; private set; } = null!;

    public Uri AppBase { get; private set; } = null!;

    public MockEsiaControl Control { get; private set; } = null!;

    public Uri App(string path) => new(AppBase, path);

    public async Task InitializeAsync()
    {
        var mockPort = FreePort.Next();
        _mock = MockEsiaServer.Build(["--urls", $"http://127.0.0.1:{mockPort}", "--environment", "Testing", "--Logging:LogLevel:Default=Warning"]);
        await _mock.StartAsync();
        MockBase = new Uri($"http://127.0.0.1:{mockPort}");
        Control = _mock.Services.GetRequiredService<MockEsiaControl>();

        var appPort = FreePort.Next();
        AppBase = new Uri($"http://127.0.0.1:{appPort}");
        _app = ReferenceAppHost.Build(ReferenceAppArgs.For(AppBase, MockBase), b =>
        {
            b.Services.PostConfigure<EsiaOptions>(EsiaDefaults.AuthenticationScheme, o => o.Client.Clock = Control.Clock);
            b.Services.PostConfigure<Epgu.EpguClientOptions>(o => o.Clock = Control.Clock);
        });
        await _app.StartAsync();
    }

    public async Task ResetAsync() => await Control.ResetAsync();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _mock.DisposeAsync();
    }
}
