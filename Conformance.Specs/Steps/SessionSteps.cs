using Conformance.Specs.Harness;
using Esia.Protocol;
using Reqnroll;

namespace Conformance.Specs.Steps;

/// <summary>Signing in and out as the person, the app's preconditions, and what the person then sees.</summary>
[Binding]
public sealed class SessionSteps
{
    private readonly ScenarioHarness _h;

    /// <summary>Created per scenario with its harness.</summary>
    public SessionSteps(ScenarioHarness harness) => _h = harness;

    private TargetApp Target => _h.Target;

    private MockEsiaDriver Mock => _h.Run.Mock;

    [Given("the app under test is registered with MockEsia")]
    public async Task Registered()
    {
        await Mock.ResetAndRegisterAsync(Target, _h.Run.Readings);
        _h.AccessTokenLifetimeSeconds = Target.AccessTokenLifetimeSeconds;
        _h.JournalMark = await Mock.LastJournalIdAsync();
        _h.Note($"MockEsia reset; {Target.ClientId} registered with {Target.Certificates.Count} certificate(s), redirect URIs {string.Join(", ", Target.RedirectUris)}, tokens {Target.TokenAlgorithm}.",
            $"Состояние MockEsia сброшено; {Target.ClientId} зарегистрирована с сертификатами ({Target.Certificates.Count}), адреса возврата {string.Join(", ", Target.RedirectUris)}, маркеры {Target.TokenAlgorithm}.");
        if (_h.Run.Readings.Count > 0)
        {
            var readings = string.Join(", ", _h.Run.Readings.Select(r => $"{r.Key}={r.Value}"));
            _h.Note($"Under the reading {readings} (docs/readings.md).", $"При прочтении {readings} (docs/readings.md).");
        }
    }

    [Given("the app's clean login works")]
    public async Task CleanLoginWorks()
    {
        if (_h.Run.CleanLoginFailure is null)
        {
            var browser = await _h.Run.NewBrowserAsync();
            try
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await _h.LoginAsync(browser, grant: true);
                var (signedIn, _) = await _h.ProbeAsync(browser);
                _h.Run.CleanLoginDuration = watch.Elapsed;
                _h.Run.CleanLoginFailure = signedIn ? Wording.None : await _h.WhyNotSignedInAsync(browser);
            }
            catch (BrowserException ex)
            {
                _h.Run.CleanLoginFailure = new(ex.Message, $"браузер не получил ответа ({ex.Url.GetLeftPart(UriPartial.Path)})");
            }
            finally
            {
                await browser.DisposeAsync();
            }
        }

        _h.JournalMark = await Mock.LastJournalIdAsync();
        var brief = _h.Run.CleanLoginFailure.Brief;
        Expect.Precondition(_h.Run.CleanLoginFailure == Wording.None, $"a clean login does not sign the person in ({brief.English}), so this scenario cannot judge the app (ESIA-C01 judges the login and gives the whole diagnosis)",
            $"обычный вход не выполняется ({brief.Russian}), поэтому сценарий не может оценить ИС (вход и полный диагноз — в сценарии ESIA-C01)");
        _h.Note("Precondition: a clean login signs the person in (learnt once per run).", "Предусловие: обычный вход выполняется (проверено один раз за прогон).");
    }

    [Given("the app can call the ESIA REST API")]
    public void NeedsRest() =>
        Expect.Precondition(!string.IsNullOrEmpty(Target.RestPath), "the target file gives no restPath (a page whose handling calls the ESIA REST API)",
            "в файле цели не указан restPath (страница ИС, обращающаяся к REST API ЕСИА)");

    [Given("the app can log out")]
    public void NeedsLogout() => Expect.Precondition(!string.IsNullOrEmpty(Target.LogoutPath), "the target file gives no logoutPath", "в файле цели не указан logoutPath (выход из ИС)");

    [Given("the login succeeded")]
    public async Task LoginSucceeded()
    {
        var browser = await _h.BrowserAsync();
        var (signedIn, _) = await _h.ProbeAsync(browser);
        var why = signedIn ? Wording.None : await _h.WhyNotSignedInAsync(browser);
        Expect.Precondition(signedIn, $"the login did not sign the person in ({why.English})", $"вход не выполнен ({why.Russian})");
    }

    [Given("the login reached ESIA")]
    public async Task LoginReachedEsia() =>
        Expect.Precondition((await _h.RecordsAsync()).Any(e => e.IsAuthorization()), "the app never sent the browser to ESIA's authorization endpoint",
            "ИС так и не направила браузер на точку авторизации ЕСИА");

    [Given("both logins reached ESIA")]
    public async Task BothLoginsReachedEsia() =>
        Expect.Precondition((await _h.RecordsAsync()).Count(e => e.IsAuthorization()) >= 2, "the two logins did not both reach ESIA's authorization endpoint",
            "не оба входа дошли до точки авторизации ЕСИА");

    [Given("the app made a token request")]
    public async Task MadeTokenRequest() =>
        Expect.Precondition((await _h.RecordsAsync()).Any(e => e.IsCodeExchange()), "the app never exchanged a code at te", "ИС так и не обменяла код на маркеры на точке te");

    [When("the person signs in through the app")]
    public async Task SignIn() => await _h.LoginAsync(await _h.BrowserAsync(), grant: true);

    [When("the person signs in through the app again on another device")]
    public async Task SignInAgain() => await _h.LoginAsync(await _h.NewBrowserAsync(), grant: true);

    [When("the person refuses consent")]
    public async Task Refuse() => await _h.LoginAsync(await _h.BrowserAsync(), grant: false);

    [When("the person opens the page that calls the ESIA REST API")]
    public async Task OpenRestPage()
    {
        NeedsRest();
        var browser = await _h.BrowserAsync();
        var status = await browser.GoAsync(Target.Url(Target.RestPath!));
        _h.Note($"GET {Target.RestPath} → {status}.", $"GET {Target.RestPath} → {status}.");
    }

    [When("the person opens the REST page, if the app has one")]
    public async Task OpenRestPageIfAny()
    {
        if (string.IsNullOrEmpty(Target.RestPath))
        {
            _h.Note("No restPath: judged on the login and the signed-in probe alone.", "restPath не указан: оценка только по входу и проверке входа.");
            return;
        }

        await OpenRestPage();
    }

    [When("the person's refresh tokens are revoked")]
    public Task Revoke() => Mock.RevokeRefreshTokensAsync(Target.PersonOid);

    [When("the person logs out through the app")]
    public async Task LogOut()
    {
        NeedsLogout();
        await (await _h.BrowserAsync()).GoAsync(Target.Url(Target.LogoutPath!));
    }

    [When("the callback is replayed in a fresh browser")]
    public async Task Replay()
    {
        var callback = (await _h.BrowserAsync()).Hops.LastOrDefault(h => Target.RedirectUris.Any(r => h.Url.GetLeftPart(UriPartial.Path) == new Uri(r).GetLeftPart(UriPartial.Path)));
        Expect.Precondition(callback is not null, "the login never reached the app's redirect URI, so there is no callback to replay",
            "вход не дошёл до адреса возврата ИС, повторять нечего");
        var browser = await _h.NewBrowserAsync();
        var status = await browser.GoAsync(callback!.Url);
        _h.Note($"Replayed {callback.Url.GetLeftPart(UriPartial.Path)}?… in a fresh browser → {status}.", $"Обратный вызов {callback.Url.GetLeftPart(UriPartial.Path)}?… повторён в новом браузере → {status}.");
    }

    [Then("the person is signed in")]
    public async Task SignedIn()
    {
        var browser = await _h.BrowserAsync();
        var (signedIn, _) = await _h.ProbeAsync(browser);
        var why = signedIn ? Wording.None : await _h.WhyNotSignedInAsync(browser);
        Expect.That(signedIn, $"the app should show the person as signed in, but {why.English}", $"ИС должна была впустить пользователя, но: {why.Russian}");
    }

    [Then("the person is not signed in")]
    public async Task NotSignedIn() => Expect.That(!(await _h.ProbeAsync(await _h.BrowserAsync())).SignedIn, "the app must not sign the person in", "ИС впустила пользователя, хотя не должна была");

    [Then("the app answered without a server error")]
    public void NoServerError()
    {
        var answers = _h.Browsers.SelectMany(b => b.Hops).Where(h => h.Url.Authority == new Uri(Target.BaseUrl).Authority).ToArray();
        Expect.Precondition(answers.Length > 0, "the browser never reached the app in this scenario, so there is no answer to judge", "в этом сценарии браузер не дошёл до ИС, оценивать нечего");
        var errors = answers.Where(h => h.Status >= 500).ToArray();
        Expect.That(errors.Length == 0, $"the app answered {string.Join(", ", errors.Select(e => $"{e.Status} to {e.Method} {e.Url.AbsolutePath}"))}",
            $"ИС ответила ошибкой сервера: {string.Join(", ", errors.Select(e => $"{e.Status} на {e.Method} {e.Url.AbsolutePath}"))}");
    }

    [Then("the app went through ESIA's logout with client_id and redirect_url")]
    public async Task WentThroughLogout()
    {
        var logout = (await _h.BrowserAsync()).Hops.FirstOrDefault(h => h.Url.AbsolutePath == Esia.Protocol.EsiaPaths.Logout);
        Expect.That(logout is not null, "the app should send the browser to /idp/ext/Logout", "ИС не направила браузер на выход ЕСИА /idp/ext/Logout");
        var query = System.Web.HttpUtility.ParseQueryString(logout!.Url.Query);
        Expect.That(query[EsiaParameters.ClientId] == Target.ClientId, "the logout should carry the app's client_id", "в запросе выхода нет client_id ИС");
        Expect.That(!string.IsNullOrEmpty(query[EsiaParameters.RedirectUrl]), "ESIA's logout takes redirect_url (not redirect_uri)", "в запросе выхода нет redirect_url (выход ЕСИА принимает redirect_url, а не redirect_uri)");
    }
}
