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
    public async Task The_dashboard_is_protected_by_the_admin_token_and_its_buttons_carry_it()
    {
        var app = MockEsiaServer.Build(["--urls", "http://127.0.0.1:0", "--environment", "Testing", "--MockEsia:AdminToken=s3cret"]);
        await app.StartAsync();
        try
        {
            var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = Chromium.Arguments });
            var page = await browser.NewPageAsync();
            (await page.GotoAsync(baseUrl + "/__admin/ui"))!.Status.Should().Be(401);
            (await page.GotoAsync(baseUrl + "/__admin/ui?token=s3cret"))!.Status.Should().Be(200);
            (await page.RunAndWaitForResponseAsync(() => page.GetByTestId("fault-unavailable").ClickAsync(), r => r.Url.EndsWith("/__admin/faults", StringComparison.Ordinal))).Status
                .Should().Be(201);
            app.Services.GetRequiredService<MockEsia.Admin.MockEsiaControl>().Faults.All.Should().ContainSingle(f => f.ErrorCode == "ESIA-007008");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [BrowserFact]
    public async Task The_dashboard_adds_and_edits_systems_arms_faults_moves_the_clock_and_draws_each_login()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_base) };
        (await http.GetAsync(AuthorizeUrl(out _).Replace("client_secret=", "client_secret=x", StringComparison.Ordinal))).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = Chromium.Arguments });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_base + "/__admin/ui");
        (await page.GetByTestId("login-diagram-0").IsVisibleAsync()).Should().BeTrue("each login is drawn");
        (await page.Locator("[data-testid^=login-refusal-]").First.InnerTextAsync()).Should().Contain("ESIA-007053").And.Contain("client_secret", "with its refusal's diagnosis");

        // A successful action reloads the page once all its calls have answered: the reload is the barrier, not a sleep.
        async Task Click(string testId)
        {
            var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnLoad(object? sender, IPage loaded) => reloaded.TrySetResult();
            page.Load += OnLoad;
            try
            {
                await page.GetByTestId(testId).ClickAsync();
                await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
            finally
            {
                page.Load -= OnLoad;
            }
        }

        await Click("fault-refuse");
        (await http.GetStringAsync("/__admin/faults")).Should().Contain("ESIA-007004").And.Contain("MOCKSYS");

        var before = DateTimeOffset.Parse(await page.GetByTestId("admin-clock").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await Click("clock-advance-3600");
        var after = DateTimeOffset.Parse(await page.GetByTestId("admin-clock").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        (after - before).Should().BeGreaterThan(TimeSpan.FromMinutes(59));

        await page.GetByTestId("add-client-id").FillAsync("DASHSYS");
        await page.GetByTestId("add-client-redirect").FillAsync("http://localhost:7000/cb");
        await page.GetByTestId("add-client-certificate").SetInputFilesAsync(TestPki.CertPath("clients/client-other").Replace(".cer.pem", ".cer", StringComparison.Ordinal));
        await Click("add-client-submit");
        (await page.GetByTestId("system-DASHSYS").InnerTextAsync()).Should().Contain(TestPki.ClientOther.Certificate.Streebog256Hex[..32]);

        var edit = page.GetByTestId("edit-DASHSYS");
        await edit.Locator("textarea").FillAsync("http://localhost:7001/cb");
        await edit.Locator("input[name=strictState]").CheckAsync();
        await Click("save-DASHSYS");
        var clients = await http.GetStringAsync("/__admin/clients");
        clients.Should().Contain("http://localhost:7001/cb");
        System.Text.Json.JsonDocument.Parse(clients).RootElement.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == "DASHSYS")
            .GetProperty("strictState").GetBoolean().Should().BeTrue();
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
