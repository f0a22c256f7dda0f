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
        if (Target.ShortAccessTokenLifetimeSeconds is null)
        {
            _h.Note($"The app's access tokens are issued for {lifetime} s of real time (four times its clean login, {_h.Run.CleanLoginDuration?.TotalSeconds:0.0} s; 5–{TargetApp.MaxAutomaticShortLifetime} s).",
                $"Маркеры доступа ИС выдаются на {lifetime} с реального времени (вчетверо дольше её обычного входа, {_h.Run.CleanLoginDuration?.TotalSeconds:0.0} с; от 5 до {TargetApp.MaxAutomaticShortLifetime} с).");
        }
        else
        {
            _h.Note($"The app's access tokens are issued for {lifetime} s of real time (shortAccessTokenLifetimeSeconds).",
                $"Маркеры доступа ИС выдаются на {lifetime} с реального времени (shortAccessTokenLifetimeSeconds).");
        }
    }

    [Given("the app read the person through the REST API")]
    public async Task ReadThroughRest() =>
        Expect.Precondition((await _h.EntriesAsync(EndpointNames.Rest)).Any(e => e.Status == 200), "the app's REST page never read the person through the REST API with a fresh token",
            "страница ИС с данными так и не прочитала данные пользователя через REST API со свежим маркером");

    [Given("the app holds a refresh token")]
    public async Task HoldsRefreshToken() =>
        Expect.Precondition((await _h.RecordsAsync()).Any(e => e.IsToken() && e.Succeeded && e.Token("refresh") is not null), "ESIA issued the app no refresh token (it did not ask for access_type=offline)",
            "ЕСИА не выдала ИС маркер обновления (ИС не запросила access_type=offline)");

    [Given("the app refreshed at least twice")]
    public async Task RefreshedTwice() =>
        Expect.Precondition((await Refreshes()).Length >= 2, "the app did not refresh twice (ESIA-C30 judges whether it refreshes at all)",
            "ИС не обновила маркер дважды (обновляет ли она его вообще, оценивает ESIA-C30)");

    [Given("the app tried to refresh")]
    public async Task TriedToRefresh() =>
        Expect.Precondition((await Refreshes()).Length > 0, "the app never tried to refresh, so a failed refresh was never met (ESIA-C30 judges refreshing)",
            "ИС ни разу не пыталась обновить маркер, поэтому до неудачного обновления дело не дошло (обновление оценивает ESIA-C30)");

    [Given("the app refreshes on a 401")]
    public async Task RefreshesOn401() =>
        Expect.Precondition((await Refreshes()).Length > 0,
            "the app did not refresh after the REST API answered 401; it may refresh on its own clock instead, which ESIA equally accepts (ESIA-C30 judges refreshing)",
            "ИС не обновила маркер после ответа REST API 401; возможно, она обновляет его по своим часам, что ЕСИА равно допускает (обновление оценивает ESIA-C30)");

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
            if (rejected)
            {
                _h.Note("The app refreshed after the REST API answered 401.", "ИС обновила маркер после ответа REST API 401.");
            }
            else
            {
                _h.Note("The app refreshed before using the token (on its own clock).", "ИС обновила маркер до его использования (по своим часам).");
            }

            return;
        }

        var issued = records.LastOrDefault(e => e.IsToken() && e.Succeeded && e.Token("access") is not null);
        var lifetime = TimeSpan.FromSeconds(_h.AccessTokenLifetimeSeconds ?? 3600);
        var wait = issued is null ? TimeSpan.Zero : issued.RealTime + lifetime + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        var longest = Math.Max(_h.Run.ShortLifetimeSeconds, TargetApp.MaxAutomaticShortLifetime);
        Expect.Precondition(wait <= TimeSpan.FromSeconds(longest + 1),
            $"the app neither refreshed nor can be waited for: its access token lives {lifetime.TotalSeconds:0} s (give accessTokenLifetimeSeconds no longer than {longest})",
            $"ИС не обновила маркер, а дождаться его истечения нельзя: маркер доступа живёт {lifetime.TotalSeconds:0} с (укажите accessTokenLifetimeSeconds не более {longest})");
        if (wait > TimeSpan.Zero)
        {
            _h.Note($"The app did not refresh at once: waited {wait.TotalSeconds:0} s of real time until its access token's exp had passed.",
                $"ИС не обновила маркер сразу: ожидание {wait.TotalSeconds:0} с реального времени, пока не истёк срок (exp) её маркера доступа.");
            await Task.Delay(wait);
            _h.Waited += wait;
        }

        await browser.GoAsync(Target.Url(Target.RestPath!));
        var late = (await _h.RecordsAsync()).Any(e => e.Id > mark && e.IsRefresh());
        if (late)
        {
            _h.Note("The app refreshed once its access token's exp had passed (on its own clock).", "ИС обновила маркер после истечения срока (exp) маркера доступа (по своим часам).");
        }
        else
        {
            _h.Note("The app did not refresh, even after its access token's exp had passed.", "ИС не обновила маркер даже после истечения срока (exp) маркера доступа.");
        }
    }

    [Then("the app refreshed with a valid signed refresh_token grant")]
    public async Task Refreshed()
    {
        var refreshes = await Refreshes();
        Expect.That(refreshes.Length > 0, "the app should refresh its access token: it neither refreshed on a 401 nor once the token's exp had passed",
            "ИС не обновила маркер доступа: ни после ответа 401, ни после истечения его срока (exp)");
        var refused = refreshes.Where(e => !e.Succeeded).ToArray();
        Expect.That(refused.Length == 0, $"every refresh should pass ESIA's checks: {string.Join("; ", refused.Select(e => e.Refusal()))}",
            $"не каждое обновление прошло проверки ЕСИА: {Reports.RussianDiagnoses.Refusals(refused)}");
    }

    [Then("the REST API was called with the refreshed access token")]
    public async Task CalledWithRefreshed()
    {
        var refreshes = (await Refreshes()).Where(e => e.Succeeded && e.Token("access") is not null).ToArray();
        Expect.That(refreshes.Length > 0, "the app should refresh its access token and receive a new one", "ИС не обновила маркер доступа и не получила новый");
        var calls = new List<JournalEntry>();
        foreach (var refresh in refreshes)
        {
            calls.AddRange((await _h.Run.Mock.JournalOfTokenAsync(refresh.Token("access")!, refresh.Id)).Where(e => e.Endpoint == EndpointNames.Rest && e.Status == 200));
        }

        Expect.That(calls.Count > 0, $"after refreshing, the app should read the person through the REST API with the new access token; none of the {refreshes.Length} access token(s) it received by refreshing was ever presented to the REST API",
            $"после обновления ИС не прочитала данные пользователя через REST API с новым маркером доступа: ни один из полученных при обновлении маркеров ({refreshes.Length}) не был предъявлен REST API");
        _h.Note($"The REST API read the person with a refreshed access token (journal entry {calls[0].Id}).", $"REST API выдал данные пользователя по обновлённому маркеру доступа (запись журнала {calls[0].Id}).");
    }

    // Judged on what the app presented, whatever the OldRefreshToken reading: under Revoked a resent token is refused
    // with ESIA-007011, under ValidUntilExpiry it is accepted, and either way the app did not keep the rotated token
    // (reference §5.3: refresh tokens rotate).
    [Then("every refresh used the newest refresh token")]
    public async Task RotatedTokensUsed()
    {
        var records = await _h.RecordsAsync();
        var refreshes = records.Where(e => e.IsRefresh()).ToArray();
        Expect.That(refreshes.Length > 0, "the app should refresh its access token", "ИС не обновила маркер доступа");
        foreach (var refresh in refreshes)
        {
            var presented = refresh.Token("presented");
            Expect.Precondition(presented is not null, $"MockEsia did not record which refresh token the refresh at journal entry {refresh.Id} presented (a MockEsia older than this harness?)",
                $"MockEsia не записал, какой маркер обновления предъявлен при обновлении в записи журнала {refresh.Id} (MockEsia старее средства проверки?)");
            var newest = records.LastOrDefault(e => e.Id < refresh.Id && e.IsToken() && e.Succeeded && e.Token("refresh") is not null);
            var issuedAt = records.LastOrDefault(e => e.Id < refresh.Id && e.IsToken() && e.Succeeded && e.Token("refresh") == presented);
            var which = issuedAt is null ? "a refresh token ESIA never issued in this scenario" : $"the refresh token issued at journal entry {issuedAt.Id}";
            var whichInRussian = issuedAt is null ? "маркер обновления, который ЕСИА в этом сценарии не выдавала" : $"маркер обновления, выданный в записи журнала {issuedAt.Id}";
            Expect.That(newest is not null && presented == newest.Token("refresh"),
                $"the refresh at journal entry {refresh.Id} presented {which}, not the newest one (issued at entry {newest?.Id}): the app did not keep the rotated refresh token " +
                $"(ESIA answered {(refresh.Succeeded ? "with tokens, under the reading that keeps old refresh tokens valid" : refresh.Refusal())})",
                $"при обновлении в записи журнала {refresh.Id} предъявлен {whichInRussian}, а не новейший (выданный в записи {newest?.Id}): ИС не сохранила новый маркер обновления " +
                $"(ЕСИА {(refresh.Succeeded ? "выдала маркеры, так как при этом прочтении прежние маркеры обновления действуют" : "отказала: " + Reports.RussianDiagnoses.Of(refresh))})");
        }

        var refusals = refreshes.Where(e => !e.Succeeded).ToArray();
        Expect.That(refusals.Length == 0, $"a refresh was refused: {string.Join("; ", refusals.Select(e => e.Refusal()))}", $"обновление маркера отклонено: {Reports.RussianDiagnoses.Refusals(refusals)}");
        _h.Note($"Each of the {refreshes.Length} refreshes presented the refresh token issued by the exchange before it.",
            $"Каждое из обновлений ({refreshes.Length}) предъявило маркер обновления, выданный предыдущим обменом.");
    }

    [Then("the app refreshed exactly once and retried the REST call")]
    public async Task RefreshedOnceAndRetried()
    {
        var refreshes = await Refreshes();
        Expect.That(refreshes.Length == 1, $"the app should refresh exactly once after the 401, not {refreshes.Length} times",
            $"после ответа 401 ИС должна обновить маркер ровно один раз, а обновила {refreshes.Length} раз(а)");
        var rest = (await _h.EntriesAsync(EndpointNames.Rest)).Select(e => e.Status).ToArray();
        Expect.That(rest.TakeLast(2).SequenceEqual([401, 200]), $"the app should retry the REST call once after refreshing (REST answers: {string.Join(", ", rest)})",
            $"после обновления ИС должна один раз повторить обращение к REST API (ответы REST: {string.Join(", ", rest)})");
    }

    private async Task<JournalEntry[]> Refreshes() => (await _h.RecordsAsync()).Where(e => e.IsRefresh()).ToArray();
}
