using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using Esia.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace MockEsia.BrowserTests;

/// <summary>A person logs in, refuses once, grants once, in a real chromium against MockEsia on a loopback port.</summary>
public class LoginPagesInBrowserTests : IAsyncLifetime
{
    private const string Callback = "http://localhost:8080/signin-esia";
    private WebApplication _app = null!;
    private string _base = "";

    public async Task InitializeAsync()
    {
        _app = MockEsiaServer.Build(["--urls", "http://127.0.0.1:0", "--environment", "Testing"]);
        await _app.StartAsync();
        _base = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string AuthorizeUrl(out string state)
    {
        state = Guid.NewGuid().ToString();
        var p = new Dictionary<string, string?>
        {
            ["client_id"] = "MOCKSYS",
            ["scope"] = "openid fullname email",
            ["response_type"] = "code",
            ["redirect_uri"] = Callback,
            ["state"] = state,
            ["timestamp"] = EsiaTimestamp.Format(DateTimeOffset.UtcNow),
            ["access_type"] = "offline",
            ["client_certificate_hash"] = TestPki.ClientGost256.Certificate.Streebog256Hex,
        };
        var fields = new SignedStringFields { ClientId = "MOCKSYS", Scope = p["scope"]!, Timestamp = p["timestamp"]!, State = state, RedirectUri = Callback };
        p["client_secret"] = ClientSecretCodec.Encode(TestPki.ClientGost256.Sign(SignedString.Bytes(SignedStringKind.V2Authorize, fields)));
        return QueryHelpers.AddQueryString(_base + "/aas/oauth2/v2/ac", p);
    }

    [BrowserFact]
    public async Task The_start_page_shows_MOCKSYS_with_its_hash_and_leads_to_the_dashboard()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = Chromium.Arguments });
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(_base + "/");
        response!.Status.Should().Be(200);
        (await page.GetByTestId("start-title").InnerTextAsync()).Should().StartWith("MockEsia — имитатор ЕСИА");
        (await page.GetByTestId("hash-MOCKSYS").InnerTextAsync()).Should().Be(TestPki.ClientGost256.Certificate.Streebog256Hex);
        (await page.GetByTestId("person-1000000001").InnerTextAsync()).Should().Contain("EsiaTest001@yandex.ru").And.Contain("11111111");
        (await page.GetByTestId("key-GOST_MOCK").IsVisibleAsync()).Should().BeTrue();
        (await page.GetByTestId("start-config-client").InnerTextAsync()).Should().Contain("\"ClientId\": \"MOCKSYS\"");
        await page.GetByTestId("start-dashboard").ClickAsync();
        await page.WaitForURLAsync("**/__admin/ui");
        (await page.ContentAsync()).Should().Contain("Журнал запросов / Request journal");
    }

    [BrowserFact]
    public async Task A_person_refuses_then_grants_and_the_app_gets_the_redirects()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = Chromium.Arguments });
        var page = await browser.NewPageAsync();
        await page.RouteAsync(Callback + "**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<p id=app>callback</p>" }));

        await page.GotoAsync(AuthorizeUrl(out var firstState));
        (await page.GetByTestId("login-title").InnerTextAsync()).Should().Be("Вход в Госуслуги");
        await page.GetByTestId("person-1000000001").ClickAsync();
        await page.GetByTestId("consent-title").WaitForAsync();
        (await page.GetByTestId("consent-person").InnerTextAsync()).Should().Contain("Фамилия001");
        (await page.GetByTestId("scope-email").InnerTextAsync()).Should().Contain("Адрес электронной почты");
        Directory.CreateDirectory("artifacts");
        await page.ScreenshotAsync(new() { Path = Path.Combine("artifacts", "consent.png"), FullPage = true });
        await page.GetByTestId("consent-deny").ClickAsync();
        await page.WaitForURLAsync(Callback + "**");
        var refused = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        refused["error"].ToString().Should().Be("access_denied");
        refused["error_description"].ToString().Should().StartWith("ESIA-007004");
        refused["state"].ToString().Should().Be(firstState);

        await page.GotoAsync(AuthorizeUrl(out var secondState));
        await page.GetByTestId("consent-title").WaitForAsync();
        await page.GetByTestId("consent-grant").ClickAsync();
        await page.WaitForURLAsync(Callback + "**");
        var granted = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        granted["state"].ToString().Should().Be(secondState);
        granted["code"].ToString().Split('.').Should().HaveCount(3);
    }

    [BrowserFact]
    public async Task The_login_form_and_the_error_page_work_in_the_browser()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = Chromium.Arguments });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(AuthorizeUrl(out _));
        await page.GetByTestId("login-input").FillAsync("EsiaTest002");
        await page.GetByTestId("password-input").FillAsync("wrong");
        await page.GetByTestId("login-submit").ClickAsync();
        (await page.GetByTestId("login-error").InnerTextAsync()).Should().Be("Неверные логин или пароль");
        await page.GetByTestId("login-input").FillAsync("EsiaTest002");
        await page.GetByTestId("password-input").FillAsync("11111111");
        await page.GetByTestId("login-submit").ClickAsync();
        (await page.GetByTestId("consent-person").InnerTextAsync()).Should().Contain("Фамилия002");

        await page.GotoAsync(_base + "/aas/oauth2/v2/ac?client_id=NOSUCHSYS&redirect_uri=" + Uri.EscapeDataString(Callback));
        (await page.GetByTestId("error-code").InnerTextAsync()).Should().Be("ESIA-007005");
        (await page.GetByTestId("diagnostic-why").InnerTextAsync()).Should().Contain("NOSUCHSYS");
        await page.ScreenshotAsync(new() { Path = Path.Combine("artifacts", "error.png"), FullPage = true });
    }
}
