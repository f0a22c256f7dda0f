using MockEsia.Abstractions;
using MockEsia.Hosting;

namespace MyApp.Tests;

/// <summary>The app against MockEsia hosted in this test process (the MockEsia package).</summary>
public sealed class InProcessTests : IAsyncLifetime
{
    private MockEsiaHost _esia = null!;
    private AppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _esia = await MockEsiaHost.StartAsync();
        _app = new AppFactory(_esia.BaseUrl, _esia.Fixture("pki", "clients", "client-gost256.cer.pem"), _esia.Fixture("pki", "clients", "client-gost256.key.pem"),
            _esia.Fixture("pki", "esia", "esia-gost256.cer.pem"));
    }

    [Fact]
    public async Task A_person_signs_in_through_ESIA()
    {
        using var browser = new LoginBrowser(_app.Server.CreateHandler(), _esia.BaseUrl);
        Assert.Equal("Вы вошли: oid 1000000001", await browser.SignInAsync());
        var exchange = await _esia.Admin.WaitForJournalEntryAsync(new JournalQuery { Endpoint = EndpointNames.TokenV3, ClientId = "MOCKSYS" }, TimeSpan.FromSeconds(10));
        Assert.NotNull(exchange);
        Assert.Equal(200, exchange.Status);
    }

    [Fact]
    public async Task A_token_endpoint_refusal_is_shown_not_a_sign_in()
    {
        await _esia.Admin.AddFaultAsync(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011" });
        using var browser = new LoginBrowser(_app.Server.CreateHandler(), _esia.BaseUrl);
        Assert.Equal("Вход не выполнен: ESIA-007011", await browser.SignInAsync());
        var refused = await _esia.Admin.WaitForJournalEntryAsync(new JournalQuery { Endpoint = EndpointNames.TokenV3, ErrorCode = "ESIA-007011" }, TimeSpan.FromSeconds(10));
        Assert.NotNull(refused);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _esia.DisposeAsync();
    }
}
