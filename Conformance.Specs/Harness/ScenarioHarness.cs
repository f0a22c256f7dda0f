using System.Text.Json;
using Esia.Protocol;

namespace Conformance.Specs.Harness;

/// <summary>The forged tokens a scenario asked ESIA for: which defect, in which tokens, and the other person they name, if any.</summary>
/// <param name="Defect">The fault kind, e.g. <c>BadSignature</c>.</param>
/// <param name="InAccessToken">The access token is forged.</param>
/// <param name="InIdToken">The id_token is forged.</param>
/// <param name="Decoy">The person the forged tokens name instead of the one who signs in (null: the same person).</param>
public sealed record ForgedTokens(string Defect, bool InAccessToken, bool InIdToken, long? Decoy)
{
    /// <summary>The forged tokens in words.</summary>
    public string Which => InAccessToken && InIdToken ? "access token and id_token" : InAccessToken ? "access token" : EsiaParameters.IdToken;

    /// <summary>The forged tokens in Russian words.</summary>
    public string WhichInRussian => InAccessToken && InIdToken ? "маркер доступа и id_token" : InAccessToken ? "маркер доступа" : EsiaParameters.IdToken;
}

/// <summary>One scenario's state: its browsers, the journal mark it started at, and the evidence it gathers.</summary>
public sealed class ScenarioHarness : IAsyncDisposable
{
    private IAppBrowser? _browser;

    /// <summary>Created by Reqnroll's context injection for each scenario, with the run the feature runner registered in the scenario's container.</summary>
    public ScenarioHarness(HarnessRun run)
    {
        Run = run;
        Run.Scenario = this;
    }

    public HarnessRun Run { get; }

    /// <summary>Every browser used, first to last.</summary>
    public List<IAppBrowser> Browsers { get; } = [];

    /// <summary>The journal id before the scenario acted.</summary>
    public long JournalMark { get; set; }

    /// <summary>Plain-words notes on what was checked, in English and Russian.</summary>
    public List<Wording> Checks { get; } = [];

    /// <summary>Notes what was checked: <paramref name="english"/> for the runner's reports, <paramref name="russian"/> for the approval pack.</summary>
    public void Note(string english, string russian) => Checks.Add(new Wording(english, russian));

    /// <summary>The journal entries of this scenario (filled when asked).</summary>
    public IReadOnlyList<JsonElement> Journal { get; private set; } = [];

    /// <summary>The forged tokens asked for, if any.</summary>
    public ForgedTokens? Forged { get; set; }

    /// <summary>How many faults the scenario has added so far.</summary>
    public int FaultsAdded { get; set; }

    /// <summary>How long the scenario has waited, in real time, for an access token's exp.</summary>
    public TimeSpan Waited { get; set; }

    /// <summary>The API ЕПГУ order the scenario followed, as MockEsia last described it.</summary>
    public EpguOrderSummary? Order { get; set; }

    /// <summary>The access token lifetime the app is registered with now (null: MockEsia's default).</summary>
    public int? AccessTokenLifetimeSeconds { get; set; }

    public TargetApp Target => Run.Target;

    /// <summary>The current browser (the first one is started on first use).</summary>
    public async Task<IAppBrowser> BrowserAsync() => _browser ?? await NewBrowserAsync();

    /// <summary>Starts a fresh browser (a new person's device, no cookies).</summary>
    public async Task<IAppBrowser> NewBrowserAsync()
    {
        _browser = await Run.NewBrowserAsync();
        Browsers.Add(_browser);
        return _browser;
    }

    /// <summary>Reloads this scenario's journal entries for the app's client (raw, for the evidence).</summary>
    public async Task<IReadOnlyList<JsonElement>> RefreshJournalAsync()
    {
        Journal = await Run.Mock.JournalAsync(Target.ClientId, JournalMark);
        return Journal;
    }

    /// <summary>This scenario's journal entries for the app's client, oldest first.</summary>
    public async Task<IReadOnlyList<JournalEntry>> RecordsAsync() => (await RefreshJournalAsync()).Select(JournalFacts.Parse).ToArray();

    /// <summary>Entries of some endpoints.</summary>
    public async Task<IReadOnlyList<JournalEntry>> EntriesAsync(params string[] endpoints) =>
        (await RecordsAsync()).Where(e => endpoints.Contains(e.Endpoint)).ToArray();

    /// <summary>
    /// MockEsia's refusals among <paramref name="records"/> that no injected fault caused — the diagnosis of what the app
    /// sent wrong, in English and in Russian — or null when there were none.
    /// </summary>
    public static Wording? Diagnosis(IEnumerable<JournalEntry> records)
    {
        var refused = records.Where(e => e.Fault is null && e.ErrorCode is not null && e.Endpoint is not EndpointNames.Rest).ToArray();
        return refused.Length == 0 ? null : new(string.Join("; ", refused.Select(e => e.Refusal()).Distinct()), Reports.RussianDiagnoses.Refusals(refused));
    }

    /// <summary>Starts the app's login in a browser and answers MockEsia's pages as the target's person: signs in, then grants or refuses.</summary>
    public async Task LoginAsync(IAppBrowser browser, bool grant, long? person = null)
    {
        await browser.StartLoginAsync(Target.Url(Target.LoginPath), Target.LoginSelector);
        if (browser.Current!.AbsolutePath == EsiaPaths.LoginPage)
        {
            await browser.SubmitAsync($"person-{person ?? Target.PersonOid}");
        }

        if (browser.Current!.AbsolutePath == EsiaPaths.ConsentPage)
        {
            await browser.SubmitAsync(grant ? "consent-grant" : "consent-deny");
        }

        Note($"Login ({(grant ? "granted" : "refused")}): {browser.Hops.Count} hops, final {browser.LastStatus} at {browser.Current!.GetLeftPart(UriPartial.Path)}.",
            $"Вход ({(grant ? "доступ предоставлен" : "в доступе отказано")}): переходов {browser.Hops.Count}, последний ответ {browser.LastStatus} на {browser.Current!.GetLeftPart(UriPartial.Path)}.");
    }

    /// <summary>Asks the app's signed-in probe in a browser: whether the person is signed in, and the page it showed.</summary>
    public async Task<(bool SignedIn, string Page)> ProbeAsync(IAppBrowser browser)
    {
        var status = await browser.GoAsync(Target.Url(Target.SignedIn.Path));
        var signedIn = status == 200 && (Target.SignedIn.Marker is null || browser.LastBody.Contains(Target.SignedIn.Marker, StringComparison.Ordinal));
        Note($"Signed-in probe GET {Target.SignedIn.Path} → {status}: {(signedIn ? "signed in" : "not signed in")}.",
            $"Проверка входа GET {Target.SignedIn.Path} → {status}: {(signedIn ? "пользователь вошёл" : "пользователь не вошёл")}.");
        return (signedIn, browser.LastBody);
    }

    /// <summary>Why a login in this scenario did not sign the person in, from MockEsia's journal and the browser's hops.</summary>
    public async Task<Wording> WhyNotSignedInAsync(IAppBrowser browser)
    {
        var records = await RecordsAsync();
        if (Diagnosis(records) is { } diagnosis)
        {
            return new($"MockEsia refused the app's request: {diagnosis.English}", $"MockEsia отклонил запрос ИС: {diagnosis.Russian}");
        }

        if (!records.Any(e => e.IsAuthorization()))
        {
            var last = browser.Hops.LastOrDefault();
            return new($"the app never sent the browser to ESIA's authorization endpoint (v2/ac or ac){(last is null ? "" : $"; last hop {last.Method} {last.Url.GetLeftPart(UriPartial.Path)} → {last.Status}")}",
                $"ИС так и не направила браузер на точку авторизации ЕСИА (v2/ac или ac){(last is null ? "" : $"; последний переход {last.Method} {last.Url.GetLeftPart(UriPartial.Path)} → {last.Status}")}");
        }

        if (!records.Any(e => e.IsCodeExchange()))
        {
            var callback = browser.Hops.LastOrDefault(h => Target.RedirectUris.Any(r => h.Url.GetLeftPart(UriPartial.Path) == new Uri(r).GetLeftPart(UriPartial.Path)));
            return new($"ESIA sent the browser back with a code, but the app never exchanged it at te{(callback is null ? "" : $" (its callback {callback.Url.AbsolutePath} answered {callback.Status}; a Secure or SameSite=None cookie over plain http is a common cause)")}",
                $"ЕСИА вернула браузер с кодом, но ИС не обменяла его на маркеры на точке te{(callback is null ? "" : $" (её адрес возврата {callback.Url.AbsolutePath} ответил {callback.Status}; частая причина — cookie с атрибутом Secure или SameSite=None по http)")}");
        }

        return new($"ESIA issued tokens, but the app's signed-in probe GET {Target.SignedIn.Path} does not show the person signed in (status {browser.LastStatus}{(Target.SignedIn.Marker is null ? "" : $", marker '{Target.SignedIn.Marker}'")})",
            $"ЕСИА выдала маркеры, но проверка входа ИС GET {Target.SignedIn.Path} не показывает вошедшего пользователя (ответ {browser.LastStatus}{(Target.SignedIn.Marker is null ? "" : $", признак «{Target.SignedIn.Marker}»")})");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var browser in Browsers)
        {
            await browser.DisposeAsync();
        }
    }
}
