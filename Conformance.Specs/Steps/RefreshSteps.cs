using Conformance.Specs.Harness;
using Reqnroll;

namespace Conformance.Specs.Steps;

/// <summary>
/// Expiry and refresh as a real app meets them. The app's clock is its own: its access tokens are issued with a short
/// real lifetime, so that an app refreshing before exp (a minute ahead, as common libraries do) refreshes at its next
/// request, and MockEsia also answers 401 to the tokens issued so far, so that an app refreshing on a 401 does too.
/// Both are accepted, as ESIA accepts both. Only when the app did neither does the harness wait, in real time, until the
/// token's exp has passed, and look again.
/// </summary>
[Binding]
public sealed class RefreshSteps
{
    private readonly ScenarioHarness _h;

    /// <summary>Created per scenario with its harness.</summary>
    public RefreshSteps(ScenarioHarness harness) => _h = harness;

    private TargetApp Target => _h.Target;

    [Given("the app's access tokens live a short time")]
    public async Task ShortLifetime()
    {
        var lifetime = _h.Run.ShortLifetimeSeconds;
        await _h.Run.Mock.RegisterAsync(Target, lifetime);
        _h.AccessTokenLifetimeSeconds = lifetime;
        _h.Checks.Add(Target.ShortAccessTokenLifetimeSeconds is null
            ? $"The app's access tokens are issued for {lifetime} s of real time (four times its clean login, {_h.Run.CleanLoginDuration?.TotalSeconds:0.0} s; 5–{TargetApp.MaxAutomaticShortLifetime} s)."
            : $"The app's access tokens are issued for {lifetime} s of real time (shortAccessTokenLifetimeSeconds).");
    }

    [Given("the app read the person through the REST API")]
    public async Task ReadThroughRest() =>
        Expect.Precondition((await _h.EntriesAsync(EndpointNames.Rest)).Any(e => e.Status == 200), "the app's REST page never read the person through the REST API with a fresh token");

    [Given("the app holds a refresh token")]
    public async Task HoldsRefreshToken() =>
        Expect.Precondition((await _h.RecordsAsync()).Any(e => e.IsToken() && e.Succeeded && e.Token("refresh") is not null), "ESIA issued the app no refresh token (it did not ask for access_type=offline)");

    [Given("the app refreshed at least twice")]
    public async Task RefreshedTwice() =>
        Expect.Precondition((await Refreshes()).Length >= 2, "the app did not refresh twice (ESIA-C30 judges whether it refreshes at all)");

    [Given("the app tried to refresh")]
    public async Task TriedToRefresh() =>
        Expect.Precondition((await Refreshes()).Length > 0, "the app never tried to refresh, so a failed refresh was never met (ESIA-C30 judges refreshing)");

    [Given("the app refreshes on a 401")]
    public async Task RefreshesOn401() =>
        Expect.Precondition((await Refreshes()).Length > 0,
            "the app did not refresh after the REST API answered 401; it may refresh on its own clock instead, which ESIA equally accepts (ESIA-C30 judges refreshing)");

    [When("the person opens the REST page once the access token has expired")]
    public async Task OpenAfterExpiry()
    {
        var mark = (await _h.RecordsAsync()).Select(e => e.Id).DefaultIfEmpty(_h.JournalMark).Max();
        await _h.Run.Mock.ExpireAccessTokensAsync(Target.ClientId);
        var browser = await _h.BrowserAsync();
        await browser.GoAsync(Target.Url(Target.RestPath!));
        var records = await _h.RecordsAsync();
        var after = records.Where(e => e.Id > mark).ToList();
        var refresh = after.FirstOrDefault(e => e.IsRefresh());
        if (refresh is not null)
        {
            var rejected = after.Any(e => e.Endpoint == EndpointNames.Rest && e.Status == 401 && e.Id < refresh.Id);
            _h.Checks.Add(rejected ? "The app refreshed after the REST API answered 401." : "The app refreshed before using the token (on its own clock).");
            return;
        }

        var issued = records.LastOrDefault(e => e.IsToken() && e.Succeeded && e.Token("access") is not null);
        var lifetime = TimeSpan.FromSeconds(_h.AccessTokenLifetimeSeconds ?? 3600);
        var wait = issued is null ? TimeSpan.Zero : issued.RealTime + lifetime + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        var longest = Math.Max(_h.Run.ShortLifetimeSeconds, TargetApp.MaxAutomaticShortLifetime);
        Expect.Precondition(wait <= TimeSpan.FromSeconds(longest + 1),
            $"the app neither refreshed nor can be waited for: its access token lives {lifetime.TotalSeconds:0} s (give accessTokenLifetimeSeconds no longer than {longest})");
        if (wait > TimeSpan.Zero)
        {
            _h.Checks.Add($"The app did not refresh at once: waited {wait.TotalSeconds:0} s of real time until its access token's exp had passed.");
            await Task.Delay(wait);
            _h.Waited += wait;
        }

        await browser.GoAsync(Target.Url(Target.RestPath!));
        var late = (await _h.RecordsAsync()).Any(e => e.Id > mark && e.IsRefresh());
        _h.Checks.Add(late ? "The app refreshed once its access token's exp had passed (on its own clock)." : "The app did not refresh, even after its access token's exp had passed.");
    }

    [Then("the app refreshed with a valid signed refresh_token grant")]
    public async Task Refreshed()
    {
        var refreshes = await Refreshes();
        Expect.That(refreshes.Length > 0, "the app should refresh its access token: it neither refreshed on a 401 nor once the token's exp had passed");
        Expect.That(refreshes.All(e => e.Succeeded), $"every refresh should pass ESIA's checks: {string.Join("; ", refreshes.Where(e => !e.Succeeded).Select(e => e.Refusal()))}");
    }

    [Then("the REST API was called with the refreshed access token")]
    public async Task CalledWithRefreshed()
    {
        var refreshes = (await Refreshes()).Where(e => e.Succeeded && e.Token("access") is not null).ToArray();
        Expect.That(refreshes.Length > 0, "the app should refresh its access token and receive a new one");
        var calls = new List<JournalEntry>();
        foreach (var refresh in refreshes)
        {
            calls.AddRange((await _h.Run.Mock.JournalOfTokenAsync(refresh.Token("access")!, refresh.Id)).Where(e => e.Endpoint == EndpointNames.Rest && e.Status == 200));
        }

        Expect.That(calls.Count > 0, $"after refreshing, the app should read the person through the REST API with the new access token; none of the {refreshes.Length} access token(s) it received by refreshing was ever presented to the REST API");
        _h.Checks.Add($"The REST API read the person with a refreshed access token (journal entry {calls[0].Id}).");
    }

    // Judged on what the app presented, whatever the OldRefreshToken reading: under Revoked a resent token is refused
    // with ESIA-007011, under ValidUntilExpiry it is accepted, and either way the app did not keep the rotated token
    // (reference §5.3: refresh tokens rotate).
    [Then("every refresh used the newest refresh token")]
    public async Task RotatedTokensUsed()
    {
        var records = await _h.RecordsAsync();
        var refreshes = records.Where(e => e.IsRefresh()).ToArray();
        Expect.That(refreshes.Length > 0, "the app should refresh its access token");
        foreach (var refresh in refreshes)
        {
            var presented = refresh.Token("presented");
            Expect.Precondition(presented is not null, $"MockEsia did not record which refresh token the refresh at journal entry {refresh.Id} presented (a MockEsia older than this harness?)");
            var newest = records.LastOrDefault(e => e.Id < refresh.Id && e.IsToken() && e.Succeeded && e.Token("refresh") is not null);
            var issuedAt = records.LastOrDefault(e => e.Id < refresh.Id && e.IsToken() && e.Succeeded && e.Token("refresh") == presented);
            var which = issuedAt is null ? "a refresh token ESIA never issued in this scenario" : $"the refresh token issued at journal entry {issuedAt.Id}";
            Expect.That(newest is not null && presented == newest.Token("refresh"),
                $"the refresh at journal entry {refresh.Id} presented {which}, not the newest one (issued at entry {newest?.Id}): the app did not keep the rotated refresh token " +
                $"(ESIA answered {(refresh.Succeeded ? "with tokens, under the reading that keeps old refresh tokens valid" : refresh.Refusal())})");
        }

        Expect.That(refreshes.All(e => e.Succeeded), $"a refresh was refused: {string.Join("; ", refreshes.Where(e => !e.Succeeded).Select(e => e.Refusal()))}");
        _h.Checks.Add($"Each of the {refreshes.Length} refreshes presented the refresh token issued by the exchange before it.");
    }

    [Then("the app refreshed exactly once and retried the REST call")]
    public async Task RefreshedOnceAndRetried()
    {
        var refreshes = await Refreshes();
        Expect.That(refreshes.Length == 1, $"the app should refresh exactly once after the 401, not {refreshes.Length} times");
        var rest = (await _h.EntriesAsync(EndpointNames.Rest)).Select(e => e.Status).ToArray();
        Expect.That(rest.TakeLast(2).SequenceEqual([401, 200]), $"the app should retry the REST call once after refreshing (REST answers: {string.Join(", ", rest)})");
    }

    private async Task<JournalEntry[]> Refreshes() => (await _h.RecordsAsync()).Where(e => e.IsRefresh()).ToArray();
}
