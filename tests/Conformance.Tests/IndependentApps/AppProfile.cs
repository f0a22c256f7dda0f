namespace Conformance.Tests.IndependentApps;

/// <summary>How an independent app refreshes its access token.</summary>
public enum RefreshMode
{
    /// <summary>When the REST API answers 401: refresh, retry once.</summary>
    On401,

    /// <summary>On its own clock, a minute before exp, as common libraries do; a 401 is shown as an error.</summary>
    OnOwnClock,
}

/// <summary>
/// One documented behaviour of <see cref="PlainEsiaApp"/>, an ESIA integration written with plain HttpClient code
/// (not Esia.Client), and the verdict the harness must give it for each scenario.
/// </summary>
/// <param name="Name">The app's name.</param>
/// <param name="Behaviour">What it does, in words.</param>
public sealed record AppProfile(string Name, string Behaviour)
{
    /// <summary>v1 (<c>ac</c>/<c>te</c>, CMS signatures) instead of v2/v3.</summary>
    public bool Legacy { get; init; }

    /// <summary>How it refreshes.</summary>
    public RefreshMode Refresh { get; init; } = RefreshMode.On401;

    /// <summary>Tokens registered as RS256, and only ESIA's current RSA certificate trusted.</summary>
    public bool Rs256SingleCertificate { get; init; }

    /// <summary>The login starts from a button whose script fetches the ESIA URL.</summary>
    public bool JavaScriptLogin { get; init; }

    /// <summary>Built on ASP.NET Core's generic OAuth handler (<see cref="GenericOAuthApp"/>) instead of plain code.</summary>
    public bool GenericOAuthHandler { get; init; }

    /// <summary>Signs with another system's key and certificate than the one registered: no login can succeed.</summary>
    public bool WrongCertificate { get; init; }

    /// <summary>After every successful refresh it fails (500) before keeping the new tokens, so its next refresh resends the rotated-out refresh token.</summary>
    public bool CrashAfterRefresh { get; init; }

    /// <summary>
    /// Also submits applications through API ЕПГУ (<see cref="PlainEpgu"/>): asks for the APIPGU consent at login, sends
    /// the archive in one <c>/push</c>, renews the token through <c>prm_chg</c> after a 401.
    /// </summary>
    public bool Epgu { get; init; }

    /// <summary>The expected verdict of every scenario not listed in <see cref="Except"/>.</summary>
    public string Otherwise { get; init; } = "Passed";

    /// <summary>Scenario verdicts that differ from <see cref="Otherwise"/>.</summary>
    public IReadOnlyDictionary<string, string> Except { get; init; } = new Dictionary<string, string>();

    /// <summary>The expected verdict of a scenario.</summary>
    public string Expected(string id) => Except.TryGetValue(id, out var verdict) ? verdict : Otherwise;

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>The apps: eight on plain code, one on ASP.NET Core's generic OAuth handler.</summary>
    public static IReadOnlyList<AppProfile> All { get; } =
    [
        new("a-access-token-identity", "v2/v3; verifies the access token (signature, iss, exp, nbf, client_id) and takes the person from its urn:esia:sbj_id; never reads the id_token; refreshes on a 401"),
        new("b-own-clock-refresh", "as (a), but refreshes a minute before exp on its own clock and never on a 401 (a 401 is shown as an error)")
        {
            Refresh = RefreshMode.OnOwnClock,
            Except = new Dictionary<string, string> { ["ESIA-C33"] = "Inconclusive" },
        },
        new("c-legacy-v1", "as (a), but the legacy v1 /aas/oauth2/ac and /aas/oauth2/te with CMS (PKCS#7) signatures, refresh included")
        {
            Legacy = true,
            Except = new Dictionary<string, string> { ["ESIA-C03"] = "Failed" },
        },
        new("d-rs256-one-certificate", "as (a), with RS256 tokens, trusting only ESIA's current RSA certificate")
        {
            Rs256SingleCertificate = true,
            Except = new Dictionary<string, string> { ["ESIA-C50"] = "Failed" },
        },
        new("e-javascript-login", "as (a), but the login page is a button whose script fetches the ESIA URL and navigates there (run with --browser chromium)")
        {
            JavaScriptLogin = true,
        },
        new("f-wrong-certificate", "as (a), but signs with another system's key and certificate (OTHERSYS) than the one registered: ESIA refuses every login")
        {
            WrongCertificate = true,
            Otherwise = "Inconclusive",
            Except = new Dictionary<string, string> { ["ESIA-C01"] = "Failed", ["ESIA-C02"] = "Passed", ["ESIA-C03"] = "Passed" },
        },
        new("g-generic-oauth-handler", "ASP.NET Core's generic AddOAuth handler adapted to ESIA (UUID state, signed URL, re-signed token request, access token checked by hand); never refreshes")
        {
            GenericOAuthHandler = true,
            Except = new Dictionary<string, string>
            {
                ["ESIA-C30"] = "Failed", ["ESIA-C31"] = "Inconclusive", ["ESIA-C32"] = "Inconclusive", ["ESIA-C33"] = "Inconclusive",
            },
        },
        new("i-plain-epgu", "as (a), and submits applications through API ЕПГУ by hand: the archive in one /push, the status from getOrdersStatus no more " +
            "often than once a second and never after a final status, a 401 met with one prm_chg renewal, a 429 or limitation_exception with two retries 0.4 s apart, " +
            "an outage shown as «try later» without a retry (a /push may have created the order); no cancelling")
        {
            Epgu = true,
            Except = new Dictionary<string, string> { ["EPGU-C08"] = "Inconclusive" },
        },
        new("h-crash-after-refresh", "as (a), but answers 500 after every successful refresh without keeping the new tokens, and so resends the rotated-out refresh token next time (refresh tokens rotate, reference §5.3)")
        {
            CrashAfterRefresh = true,
            Except = new Dictionary<string, string> { ["ESIA-C30"] = "Failed", ["ESIA-C31"] = "Failed", ["ESIA-C33"] = "Failed" },
        },
    ];
}
