using System.Text.Json;
using Conformance.Specs.Harness;
using Reqnroll;

namespace Conformance.Specs.Steps;

/// <summary>The steps of the conformance catalogue: they act as a browser and as ESIA's operator, and judge the app by what it does.</summary>
[Binding]
public sealed class ConformanceSteps
{
    private readonly ScenarioHarness _h;

    /// <summary>Created per scenario with its harness.</summary>
    public ConformanceSteps(ScenarioHarness harness) => _h = harness;

    private TargetApp Target => _h.Target;

    private MockEsiaDriver Mock => _h.Run.Mock;

    [Given("the app under test is registered with MockEsia")]
    public async Task Registered()
    {
        await Mock.ResetAndRegisterAsync(Target);
        _h.JournalMark = await Mock.LastJournalIdAsync();
        _h.Checks.Add($"MockEsia reset; {Target.ClientId} registered with {Target.Certificates.Count} certificate(s) and redirect URIs {string.Join(", ", Target.RedirectUris)}.");
    }

    [Given("the app can call the ESIA REST API")]
    public void NeedsRest()
    {
        if (string.IsNullOrEmpty(Target.RestPath))
        {
            throw new ScenarioSkippedException("The target file gives no restPath (a page whose handling calls the ESIA REST API).");
        }
    }

    [Given("the app can log out")]
    public void NeedsLogout()
    {
        if (string.IsNullOrEmpty(Target.LogoutPath))
        {
            throw new ScenarioSkippedException("The target file gives no logoutPath.");
        }
    }

    [Given("ESIA answers the next authorization with {string}")]
    public Task AuthorizeError(string code) => Mock.AddFaultAsync(new { endpoint = "Authorize", kind = "Error", errorCode = code, clientId = Target.ClientId });

    [Given("ESIA sends the app back a {word} state")]
    public Task ForeignState(string which) => Mock.AddFaultAsync(new { endpoint = "Authorize", kind = which == "missing" ? "NoState" : "WrongState", clientId = Target.ClientId });

    [Given("ESIA answers the next token request with {string}")]
    public Task TokenError(string code) => Mock.AddFaultAsync(new { endpoint = "Token", kind = "Error", errorCode = code, clientId = Target.ClientId });

    [Given("ESIA answers the next token request with an HTML server error")]
    public Task TokenHtml500() => Mock.AddFaultAsync(new { endpoint = "Token", kind = "Html500", clientId = Target.ClientId });

    [Given("ESIA issues tokens with the defect {word} in the {word} token(s)")]
    public Task TokenDefect(string kind, string target) =>
        Mock.AddFaultAsync(new { endpoint = "Token", kind, target = target switch { "access" => "Access", "id" => "Id", _ => "Both" }, clientId = Target.ClientId, times = (int?)null });

    [Given("ESIA's REST API answers 401 once")]
    public Task Rest401() => Mock.AddFaultAsync(new { endpoint = "Rest", kind = "Unauthorized", clientId = Target.ClientId });

    [Given("ESIA rotates its signing certificate")]
    public Task Rotate() => Mock.RotateSigningCertificateAsync();

    [When("the person signs in through the app")]
    public Task SignIn() => LoginAsync(grant: true);

    [When("the person signs in through the app again on another device")]
    public Task SignInAgain()
    {
        _h.NewBrowser();
        return LoginAsync(grant: true);
    }

    [When("the person refuses consent")]
    public Task Refuse() => LoginAsync(grant: false);

    [When("the person opens the page that calls the ESIA REST API")]
    public async Task OpenRestPage()
    {
        NeedsRest();
        var status = await _h.Browser.GoAsync(Target.Url(Target.RestPath!));
        _h.Checks.Add($"GET {Target.RestPath} → {status} (after {_h.Browser.Hops.Count} hops).");
    }

    [When("the access token expires")]
    public async Task Expire()
    {
        await Mock.ExpireAccessTokensAsync(Target.ClientId);
        _h.Checks.Add("MockEsia now treats the app's access tokens issued so far as expired (REST answers 401).");
    }

    [When("the person's refresh tokens are revoked")]
    public Task Revoke() => Mock.RevokeRefreshTokensAsync(Target.PersonOid);

    [When("the person logs out through the app")]
    public async Task LogOut()
    {
        NeedsLogout();
        await _h.Browser.GoAsync(Target.Url(Target.LogoutPath!));
    }

    [When("the callback is replayed in a fresh browser")]
    public async Task Replay()
    {
        var callback = _h.Browser.Hops.LastOrDefault(h => Target.RedirectUris.Any(r => h.Url.GetLeftPart(UriPartial.Path) == new Uri(r).GetLeftPart(UriPartial.Path)))
            ?? throw new InvalidOperationException("No callback to replay: the login never reached the app's redirect URI.");
        _h.NewBrowser();
        var status = await _h.Browser.GoAsync(callback.Url);
        _h.Checks.Add($"Replayed {callback.Url.GetLeftPart(UriPartial.Path)}?… in a fresh browser → {status}.");
    }

    [Then("the person is signed in")]
    public async Task SignedIn()
    {
        Expect.That(await IsSignedInAsync(), "the app should show the person as signed in");
    }

    [Then("the person is not signed in")]
    public async Task NotSignedIn()
    {
        Expect.That(!await IsSignedInAsync(), "the app must not sign the person in");
    }

    [Then("the app answered without a server error")]
    public void NoServerError()
    {
        var errors = _h.Browsers.SelectMany(b => b.Hops).Where(h => h.Url.Authority == new Uri(Target.BaseUrl).Authority && h.Status >= 500).ToArray();
        Expect.That(errors.Length == 0, $"the app answered {string.Join(", ", errors.Select(e => $"{e.Status} to {e.Method} {e.Url.AbsolutePath}"))}");
    }

    [Then("the app made no token request")]
    public async Task NoTokenRequest() => Expect.That((await _h.EntriesAsync("v3/te", "te")).Count == 0, "the app called te although it must not after this");

    [Then("the app made no REST call")]
    public async Task NoRestCall() => Expect.That((await _h.EntriesAsync("rs")).Count == 0, "the app called the REST API although it must not with these tokens");

    [Then("the app's {string} request passed every check")]
    public async Task PassedChecks(string endpoint)
    {
        var entries = await _h.EntriesAsync(endpoint);
        Expect.That(entries.Count > 0, $"the app never called {endpoint}");
        var failed = entries.Where(e => e.GetProperty("errorCode").ValueKind != JsonValueKind.Null).ToArray();
        Expect.That(failed.Length == 0, $"MockEsia refused {endpoint}: {string.Join("; ", failed.Select(f => f.GetProperty("diagnostic").GetString()))}");
        _h.Checks.Add($"{endpoint}: " + string.Join(", ", entries[0].GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString() + " ✓")));
    }

    [Then("the REST API was called with a Bearer token")]
    public async Task RestCalled()
    {
        var rest = await _h.EntriesAsync("rs");
        Expect.That(rest.Any(e => e.GetProperty("status").GetInt32() == 200), "the app should read the person through /rs with its access token");
    }

    [Then("every login used a fresh UUID state")]
    public async Task FreshStates()
    {
        var states = (await _h.EntriesAsync("v2/ac", "ac")).Select(e => e.GetProperty("parameters").TryGetProperty("state", out var s) ? s.GetString() : null).ToArray();
        Expect.That(states.Length >= 2, "two logins should have reached ESIA");
        Expect.That(states.Distinct().Count() == states.Length, $"a state was reused ({string.Join(", ", states)}): a CSRF hole");
        Expect.That(states.All(s => Guid.TryParseExact(s, "D", out _)), "state must be a UUID");
    }

    [Then("the app used only the current endpoints")]
    public async Task CurrentEndpoints()
    {
        Expect.That((await _h.EntriesAsync("ac", "te")).Count == 0, "the retired /aas/oauth2/ac and /aas/oauth2/te must not be used");
        Expect.That((await _h.EntriesAsync("v2/ac")).Count > 0, "the app should call /aas/oauth2/v2/ac");
        Expect.That((await _h.EntriesAsync("v3/te")).Count > 0, "the app should call /aas/oauth2/v3/te");
    }

    [Then("the token request used a new state")]
    public async Task NewStateAtTe()
    {
        var ac = (await _h.EntriesAsync("v2/ac")).Last().GetProperty("parameters").GetProperty("state").GetString();
        var te = (await _h.EntriesAsync("v3/te")).Last().GetProperty("parameters").GetProperty("state").GetString();
        Expect.That(te != ac, "the token request reused the authorization state; the methodological recommendations require a new one");
    }

    [Then("the app refreshed with a valid signed refresh_token grant")]
    public async Task Refreshed()
    {
        var refreshes = (await _h.EntriesAsync("v3/te")).Where(e => e.GetProperty("parameters").GetProperty("grant_type").GetString() == "refresh_token").ToArray();
        Expect.That(refreshes.Length > 0, "the app should refresh its token");
        Expect.That(refreshes.All(e => e.GetProperty("errorCode").ValueKind == JsonValueKind.Null), "every refresh should pass ESIA's checks");
    }

    [Then("the app refreshed exactly once and retried the REST call")]
    public async Task RefreshedOnceAndRetried()
    {
        Expect.That((await _h.EntriesAsync("v3/te")).Count(e => e.GetProperty("parameters").GetProperty("grant_type").GetString() == "refresh_token") == 1, "the app should refresh exactly once after the 401");
        Expect.That((await _h.EntriesAsync("rs")).Select(e => e.GetProperty("status").GetInt32()).TakeLast(2).SequenceEqual([401, 200]), "the app should retry the REST call once after refreshing");
    }

    [Then("every refresh used the newest refresh token")]
    public async Task RotatedTokensUsed()
    {
        var refreshes = (await _h.EntriesAsync("v3/te")).Where(e => e.GetProperty("parameters").GetProperty("grant_type").GetString() == "refresh_token").ToArray();
        Expect.That(refreshes.Length >= 2, "two refreshes should have happened");
        Expect.That(refreshes.All(e => e.GetProperty("errorCode").ValueKind == JsonValueKind.Null), "a refresh was refused: a reused (rotated-out) refresh token gets ESIA-007011");
    }

    [Then("the app went through ESIA's logout with client_id and redirect_url")]
    public void WentThroughLogout()
    {
        var logout = _h.Browser.Hops.FirstOrDefault(h => h.Url.AbsolutePath == "/idp/ext/Logout");
        Expect.That(logout is not null, "the app should send the browser to /idp/ext/Logout");
        var query = System.Web.HttpUtility.ParseQueryString(logout!.Url.Query);
        Expect.That(query["client_id"] == Target.ClientId, "the logout should carry the app's client_id");
        Expect.That(!string.IsNullOrEmpty(query["redirect_url"]), "ESIA's logout takes redirect_url (not redirect_uri)");
    }

    private async Task LoginAsync(bool grant)
    {
        var browser = _h.Browser;
        await browser.GoAsync(Target.Url(Target.LoginPath));
        if (browser.Current!.AbsolutePath == "/aas/oauth2/login")
        {
            await browser.SubmitAsync($"person-{Target.PersonOid}");
        }

        if (browser.Current!.AbsolutePath == "/aas/oauth2/consent")
        {
            await browser.SubmitAsync(grant ? "consent-grant" : "consent-deny");
        }

        _h.Checks.Add($"Login ({(grant ? "granted" : "refused")}): {browser.Hops.Count} hops, final {browser.LastStatus} at {browser.Current!.GetLeftPart(UriPartial.Path)}.");
    }

    private async Task<bool> IsSignedInAsync()
    {
        var browser = _h.Browser;
        var status = await browser.GoAsync(Target.Url(Target.SignedIn.Path));
        var signedIn = status == 200 && (Target.SignedIn.Marker is null || browser.LastBody.Contains(Target.SignedIn.Marker, StringComparison.Ordinal));
        _h.Checks.Add($"Signed-in probe GET {Target.SignedIn.Path} → {status}: {(signedIn ? "signed in" : "not signed in")}.");
        return signedIn;
    }
}
