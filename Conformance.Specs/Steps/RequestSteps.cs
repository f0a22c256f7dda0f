using Conformance.Specs.Harness;
using Esia.Protocol;
using Reqnroll;

namespace Conformance.Specs.Steps;

/// <summary>What the app sent ESIA, judged from MockEsia's journal (v2/v3 and the legacy v1 alike).</summary>
[Binding]
public sealed class RequestSteps
{
    private readonly ScenarioHarness _h;

    /// <summary>Created per scenario with its harness.</summary>
    public RequestSteps(ScenarioHarness harness) => _h = harness;

    [Then("the app's authorization request passed every check")]
    public async Task AuthorizationPassed() => Passed((await _h.RecordsAsync()).Where(e => e.IsAuthorization()).ToArray(), new("authorization request (v2/ac or ac)", "запрос авторизации (v2/ac или ac)"));

    [Then("the app's token request passed every check")]
    public async Task TokenPassed() => Passed((await _h.RecordsAsync()).Where(e => e.IsCodeExchange()).ToArray(), new("token request (v3/te or te)", "запрос маркера (v3/te или te)"));

    [Then("the REST API was called with a Bearer token")]
    public async Task RestCalled() =>
        Expect.That((await _h.EntriesAsync(EndpointNames.Rest)).Any(e => e.Status == 200), "the app should read the person through /rs with its access token",
            "ИС не прочитала данные пользователя через /rs со своим маркером доступа");

    [Then("every login used a fresh UUID state")]
    public async Task FreshStates()
    {
        var states = (await _h.RecordsAsync()).Where(e => e.IsAuthorization()).Select(e => e.Parameter(EsiaParameters.State)).ToArray();
        Expect.That(states.Distinct().Count() == states.Length, $"a state was reused ({string.Join(", ", states)}): a CSRF hole",
            $"state использован повторно ({string.Join(", ", states)}): уязвимость к подделке межсайтовых запросов (CSRF)");
        var got = string.Join(", ", states.Select(s => s ?? "—"));
        Expect.That(states.All(s => Guid.TryParseExact(s, "D", out _)), $"state must be a UUID (got {got})", $"state должен быть UUID (получено: {got})");
    }

    [Then("the app used only the current endpoints")]
    public async Task CurrentEndpoints()
    {
        var records = await _h.RecordsAsync();
        Expect.That(!records.Any(e => EndpointNames.IsRetired(e.Endpoint)), "the retired /aas/oauth2/ac and /aas/oauth2/te must not be used; use /aas/oauth2/v2/ac and /aas/oauth2/v3/te",
            "ИС использовала выведенные из эксплуатации /aas/oauth2/ac и /aas/oauth2/te; нужны /aas/oauth2/v2/ac и /aas/oauth2/v3/te");
        if (records.Any(e => e.Endpoint == EndpointNames.TokenV3))
        {
            _h.Note("Used v2/ac and v3/te.", "Использованы v2/ac и v3/te.");
        }
        else
        {
            _h.Note("Used v2/ac; the app made no token request in this scenario, so only the authorization endpoint was judged.",
                "Использована v2/ac; запроса маркера в этом сценарии не было, оценена только точка авторизации.");
        }
    }

    [Then("the token request used a new state")]
    public async Task NewStateAtTe()
    {
        var records = await _h.RecordsAsync();
        var ac = records.Last(e => e.IsAuthorization()).Parameter(EsiaParameters.State);
        var te = records.Last(e => e.IsCodeExchange()).Parameter(EsiaParameters.State);
        Expect.That(te != ac, "the token request reused the authorization state; the methodological recommendations require a new one",
            "запрос маркера повторил state запроса авторизации; методические рекомендации требуют нового");
    }

    [Then("the app made no token request")]
    public async Task NoTokenRequest() =>
        Expect.That(!(await _h.RecordsAsync()).Any(e => e.IsToken()), "the app called te although it must not after this",
            "ИС обратилась к te, хотя после этого не должна была");

    [Then("the app made no REST call")]
    public async Task NoRestCall() =>
        Expect.That((await _h.EntriesAsync(EndpointNames.Rest)).Count == 0, "the app called the REST API although it holds no valid token from this login",
            "ИС обратилась к REST API, не имея действительного маркера от этого входа");

    private void Passed(IReadOnlyList<JournalEntry> entries, Wording what)
    {
        Expect.That(entries.Count > 0, $"the app never sent its {what.English}", $"ИС так и не отправила {what.Russian}");
        var refused = entries.Where(e => e.ErrorCode is not null).ToArray();
        var diagnosis = string.Join("; ", refused.Select(f => f.Refusal()));
        Expect.That(refused.Length == 0, $"MockEsia refused the app's {what.English}: {diagnosis}", $"MockEsia отклонил {what.Russian} ИС: {Reports.RussianDiagnoses.Refusals(refused)}");
        var passed = $"{entries[0].Endpoint}: " + string.Join(", ", entries[0].Checks.Select(c => c.Name + " ✓"));
        _h.Note(passed, passed);
    }
}
