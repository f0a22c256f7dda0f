using System.Text.Json;
using System.Text.Json.Serialization;
using Esia.Protocol;

namespace Conformance.Specs.Harness;

/// <summary>How to tell that a person is signed in to the app.</summary>
public sealed class SignedInProbe
{
    /// <summary>A path of the app.</summary>
    public string Path { get; set; } = "/";

    /// <summary>When set, the page must contain this text; otherwise a 200 answer means signed in.</summary>
    public string? Marker { get; set; }
}

/// <summary>What ESIA's connection applications ask about the system's operator (optional; pre-fills the approval pack).</summary>
public sealed class TargetOperator
{
    /// <summary>Full name of the operator.</summary>
    public string? Name { get; set; }

    /// <summary>ОГРН.</summary>
    public string? Ogrn { get; set; }

    /// <summary>ИНН.</summary>
    public string? Inn { get; set; }

    /// <summary>Organisation type (federal body, regional body, bank, …).</summary>
    public string? Type { get; set; }

    /// <summary>The registered domains.</summary>
    public List<string> Domains { get; set; } = [];
}

/// <summary>
/// How the runner makes the app submit an application through API ЕПГУ (the «API ЕПГУ» feature runs only when the
/// target file has this block): a page and its button, like the login, the order page, and the service.
/// </summary>
public sealed class TargetEpgu
{
    /// <summary>The path that submits an application: opened, then <see cref="SubmitButton"/> pressed; or, without a button, opening it submits.</summary>
    public string SubmitPath { get; set; } = "";

    /// <summary>The <c>data-testid</c> of the button (inside a form) on the submit page that submits.</summary>
    public string? SubmitButton { get; set; }

    /// <summary>The path of an application's page, with <c>{orderId}</c> for its number, e.g. <c>/orders/{orderId}</c>.</summary>
    public string OrderPath { get; set; } = "";

    /// <summary>The <c>data-testid</c> of the cancel button (inside a form) on the order page, when the app offers cancelling.</summary>
    public string? CancelButton { get; set; }

    /// <summary>The service's form code the app applies for (it must be one of MockEsia's services, fixtures/epgu/services.json).</summary>
    public string ServiceCode { get; set; } = "";

    /// <summary>The least time, in seconds, the app says it leaves between two status requests about one order.</summary>
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>The order page of an order.</summary>
    public string OrderPathOf(long orderId) => OrderPath.Replace("{orderId}", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>What the block lacks or misstates.</summary>
    public IEnumerable<string> Problems()
    {
        if (!SubmitPath.StartsWith('/'))
        {
            yield return "epgu.submitPath";
        }

        if (!OrderPath.StartsWith('/') || !OrderPath.Contains("{orderId}", StringComparison.Ordinal))
        {
            yield return "epgu.orderPath with {orderId}";
        }

        if (string.IsNullOrWhiteSpace(ServiceCode))
        {
            yield return "epgu.serviceCode";
        }

        if (PollIntervalSeconds is < 0 or > 600)
        {
            yield return "epgu.pollIntervalSeconds between 0 and 600";
        }
    }
}

/// <summary>
/// The app started in its production configuration, for <c>conformance preflight</c>: where it listens, and the address
/// its production configuration names for ESIA, at which the runner serves a MockEsia acting as production ESIA
/// (issuer <c>http://esia.gosuslugi.ru/</c>, signing keys of its own).
/// </summary>
public sealed class TargetProduction
{
    /// <summary>The app's base URL in its production configuration.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The ESIA base URL the app's production configuration uses: the runner listens there (loopback).</summary>
    public string EsiaUrl { get; set; } = "";

    /// <summary>The app's production certificate files, relative to the target file (default: the test ones).</summary>
    public List<string> Certificates { get; set; } = [];

    /// <summary>The redirect URIs registered for production (default: the test ones).</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>What is missing or wrong.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
        {
            yield return "production.baseUrl";
        }

        if (!Uri.TryCreate(EsiaUrl, UriKind.Absolute, out var esia) || esia.Scheme != Uri.UriSchemeHttp)
        {
            yield return "production.esiaUrl (an http:// address on this machine where the runner serves production ESIA)";
        }
    }
}

/// <summary>The app under test, as described by a target file (JSON).</summary>
public sealed class TargetApp
{
    /// <summary>A name for reports.</summary>
    public string Name { get; set; } = "App under test";

    /// <summary>The app's base URL.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The path that starts a login («Войти через Госуслуги»).</summary>
    public string LoginPath { get; set; } = "/login";

    /// <summary>A CSS selector to click on the login page when the login starts from JavaScript (needs <c>--browser chromium</c>).</summary>
    public string? LoginSelector { get; set; }

    /// <summary>How to tell a signed-in person.</summary>
    public SignedInProbe SignedIn { get; set; } = new();

    /// <summary>A path whose handling calls the ESIA REST API (optional).</summary>
    public string? RestPath { get; set; }

    /// <summary>The app's logout path (optional).</summary>
    public string? LogoutPath { get; set; }

    /// <summary>Where the app expects ESIA: MockEsia is started there (embedded) unless the runner is given --mock.</summary>
    public string EsiaUrl { get; set; } = "http://127.0.0.1:5000";

    /// <summary>The app's mnemonic.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The app's certificate files (PEM or DER), relative to the target file.</summary>
    public List<string> Certificates { get; set; } = [];

    /// <summary>The app's registered redirect URIs.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>The token algorithm registered for the app: <c>GOST3410_2012_256</c> or <c>RS256</c>.</summary>
    public string TokenAlgorithm { get; set; } = "GOST3410_2012_256";

    /// <summary>MockEsia's client switch: <c>Domain</c> (ESIA's matching) or <c>Exact</c>.</summary>
    public RedirectMatching RedirectMatching { get; set; } = RedirectMatching.Domain;

    /// <summary>MockEsia's client switch: allowed scopes (<c>*</c> for all).</summary>
    public List<string> AllowedScopes { get; set; } = ["*"];

    /// <summary>MockEsia's client switch: allowed grant types.</summary>
    public List<string> GrantTypes { get; set; } = [EsiaGrantTypes.AuthorizationCode, EsiaGrantTypes.RefreshToken, EsiaGrantTypes.ClientCredentials];

    /// <summary>MockEsia's client switch: accept a v1 (CMS) client_secret on v2/v3.</summary>
    public bool AcceptV1SignatureOnV2 { get; set; }

    /// <summary>MockEsia's client switch: accept an RSA client key (legacy testing; ESIA no longer takes them).</summary>
    public bool AllowRsaClientKeys { get; set; }

    /// <summary>MockEsia's client switch: refuse a token request that reuses the authorization state.</summary>
    public bool StrictState { get; set; }

    /// <summary>MockEsia's client switch: redirect_uri at te must equal the one at ac exactly.</summary>
    public bool StrictRedirectUriAtToken { get; set; }

    /// <summary>MockEsia's client switch: <c>Strict</c>, <c>Alternative</c> or <c>Either</c> refresh signature.</summary>
    public RefreshSignatureProfile RefreshProfile { get; set; } = RefreshSignatureProfile.Strict;

    /// <summary>The app's access token lifetime in seconds (null: MockEsia's, 3600 like ESIA).</summary>
    public int? AccessTokenLifetimeSeconds { get; set; }

    /// <summary>The app's id_token lifetime in seconds (null: MockEsia's).</summary>
    public int? IdTokenLifetimeSeconds { get; set; }

    /// <summary>The app's refresh token lifetime in seconds (null: MockEsia's).</summary>
    public int? RefreshTokenLifetimeSeconds { get; set; }

    /// <summary>
    /// The access token lifetime of the expiry scenarios (C30–C32), in real seconds: short enough that an app refreshing
    /// ahead of exp (a minute, as common libraries do) refreshes at its next request. Where an app refreshes later than
    /// that, the runner waits until the token's exp has really passed. Null (the default): chosen by the runner from
    /// how long the app's clean login took (<see cref="AutomaticShortLifetime"/>).
    /// </summary>
    public int? ShortAccessTokenLifetimeSeconds { get; set; }

    /// <summary>The longest automatic short lifetime, in seconds.</summary>
    public const int MaxAutomaticShortLifetime = 60;

    /// <summary>
    /// The automatic short lifetime for an app whose clean login (sign-in to signed-in page) took <paramref name="cleanLogin"/>:
    /// four logins' time, so that the app receives and checks its token (and reads the person once) well inside it even
    /// on a busy machine, and never less than 5 s nor more than <see cref="MaxAutomaticShortLifetime"/>.
    /// </summary>
    public static int AutomaticShortLifetime(TimeSpan? cleanLogin) =>
        Math.Clamp((int)Math.Ceiling(4 * (cleanLogin ?? TimeSpan.FromSeconds(MaxAutomaticShortLifetime)).TotalSeconds), 5, MaxAutomaticShortLifetime);

    /// <summary>How the app submits applications through API ЕПГУ; null when it does not (the «API ЕПГУ» feature is then not run).</summary>
    public TargetEpgu? Epgu { get; set; }

    /// <summary>The app in its production configuration, for <c>conformance preflight</c>; null when not given.</summary>
    public TargetProduction? Production { get; set; }

    /// <summary>
    /// The target as the app runs in its production configuration: its production URL, ESIA at the production address,
    /// its production certificates and redirect URIs; no API ЕПГУ part.
    /// </summary>
    public TargetApp AsProduction()
    {
        var production = Production ?? throw new InvalidOperationException("The target file has no production block.");
        var copy = JsonSerializer.Deserialize<TargetApp>(JsonSerializer.Serialize(this, HarnessJson.Read), HarnessJson.Read)!;
        copy.Folder = Folder;
        copy.Name = Name + " (production configuration)";
        copy.BaseUrl = production.BaseUrl;
        copy.EsiaUrl = production.EsiaUrl;
        copy.Certificates = production.Certificates.Count > 0 ? [.. production.Certificates] : [.. Certificates];
        copy.RedirectUris = production.RedirectUris.Count > 0 ? [.. production.RedirectUris] : [.. RedirectUris];
        copy.Epgu = null;
        copy.Production = null;
        return copy;
    }

    /// <summary>The system's operator, for the approval pack.</summary>
    public TargetOperator? Operator { get; set; }

    /// <summary>The test person who signs in.</summary>
    public long PersonOid { get; set; } = 1000000001;

    /// <summary>The folder certificate paths are relative to.</summary>
    [JsonIgnore]
    public string Folder { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>An absolute URL of the app.</summary>
    public Uri Url(string path) => new(new Uri(BaseUrl), path);

    /// <summary>Reads a target file.</summary>
    public static TargetApp Load(string path)
    {
        var target = JsonSerializer.Deserialize<TargetApp>(File.ReadAllText(path), HarnessJson.Read) ?? throw new InvalidDataException($"{path} is empty.");
        target.Folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        target.Validate();
        return target;
    }

    /// <summary>Throws with a clear message when the target lacks what every scenario needs.</summary>
    public void Validate()
    {
        var missing = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
        {
            missing.Add("baseUrl");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            missing.Add("clientId");
        }

        if (Certificates.Count == 0)
        {
            missing.Add("certificates");
        }

        if (RedirectUris.Count == 0)
        {
            missing.Add("redirectUris");
        }

        if (ShortAccessTokenLifetimeSeconds is { } lifetime && lifetime is < 2 or > 3600)
        {
            missing.Add("shortAccessTokenLifetimeSeconds between 2 and 3600");
        }

        if (Epgu is not null)
        {
            missing.AddRange(Epgu.Problems());
        }

        if (Production is not null)
        {
            missing.AddRange(Production.Problems());
        }

        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The target file lacks or misstates: {string.Join(", ", missing)}.");
        }
    }

    /// <summary>The certificates as PEM text, for registering the app with MockEsia.</summary>
    public IReadOnlyList<string> CertificatesPem() => Certificates.Select(c =>
        string.Concat(Esia.Protocol.Crypto.KeyMaterial.ReadCertificates(File.ReadAllBytes(CertificatePath(c))).Select(Esia.Protocol.Crypto.KeyMaterial.WriteCertificatePem))).ToArray();

    /// <summary>The certificates the target file names, read from their files.</summary>
    public IReadOnlyList<Esia.Protocol.Crypto.EsiaCertificate> ReadCertificates() =>
        [.. Certificates.SelectMany(c => Esia.Protocol.Crypto.KeyMaterial.ReadCertificates(File.ReadAllBytes(CertificatePath(c))))];

    private string CertificatePath(string file) => Path.IsPathRooted(file) ? file : Path.Combine(Folder, file);
}
