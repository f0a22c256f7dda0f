using Esia.Protocol.Crypto;

namespace MockEsia.Configuration;

/// <summary>MockEsia's settings (configuration section <c>MockEsia</c>).</summary>
public sealed class MockEsiaOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "MockEsia";

    /// <summary>The folder holding <c>clients/</c>, <c>users/</c> and <c>pki/</c>; relative paths are resolved against the content root.</summary>
    public string FixturesPath { get; set; } = "fixtures";

    /// <summary>
    /// The <c>iss</c> of issued tokens. Defaults to ESIA's test environment issuer, so clients configured for test ESIA
    /// accept MockEsia's tokens unchanged (apart from the trusted certificate).
    /// </summary>
    public string Issuer { get; set; } = "http://esia-portal1.test.gosuslugi.ru/";

    /// <summary>
    /// Allow the production issuer <c>http://esia.gosuslugi.ru/</c>. Off by default: tokens from a mock that look like
    /// production ESIA's could mislead a system configured for production.
    /// </summary>
    public bool AllowProductionIssuer { get; set; }

    /// <summary>Escape <c>/</c> as <c>\/</c> in token JSON as ESIA does.</summary>
    public bool EscapeSlashesInTokens { get; set; } = true;

    /// <summary>How far a request's <c>timestamp</c> may be from now, either way. ESIA's real window is unknown (reference §4.2).</summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of authorization codes (ESIA: 240 s).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromSeconds(240);

    /// <summary>Lifetime of access tokens (ESIA: 3600 s).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Lifetime of id_tokens (ESIA: 10800 s).</summary>
    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromSeconds(10800);

    /// <summary>Lifetime of refresh tokens (unknown for ESIA; reference §5.5).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Lifetime of client_credentials access tokens (ESIA sample: 86400 s).</summary>
    public TimeSpan ClientCredentialsTokenLifetime { get; set; } = TimeSpan.FromSeconds(86400);

    /// <summary>Lifetime of the SSO session cookie (ESIA: 3 h).</summary>
    public TimeSpan SsoLifetime { get; set; } = TimeSpan.FromHours(3);

    /// <summary>How many people to generate beyond those in <c>users/</c>.</summary>
    public int GeneratedPeople { get; set; } = 20;

    /// <summary>Seed of the people generator: the same seed gives the same people.</summary>
    public int GeneratorSeed { get; set; } = 20261129;

    /// <summary>What an unknown <c>client_id</c> or unregistered <c>redirect_uri</c> gets (ESIA's behaviour is unknown, reference §3.3).</summary>
    public UnregisteredRedirectBehaviour UnregisteredRedirect { get; set; } = UnregisteredRedirectBehaviour.ErrorPage;

    /// <summary>
    /// The integrator's own systems, loaded on top of the bundled fixtures' clients: <c>*.json</c> client files with their
    /// certificates beside them, as <c>MockEsia clients add</c> writes them (relative to the content root; in Docker
    /// <c>/data/clients</c>, a volume). A reset returns to what the files say; the files are never deleted.
    /// </summary>
    public string ClientsPath { get; set; } = "clients";

    /// <summary>HTTPS with a local test CA.</summary>
    public HttpsOptions Https { get; set; } = new();

    /// <summary>Both readings of each behaviour the reference calls unknown (see <see cref="ReadingOptions"/>).</summary>
    public ReadingOptions Readings { get; set; } = new();

    /// <summary>
    /// The most live refresh tokens the in-memory store holds; beyond it the oldest are evicted, with a warning in the
    /// log and the journal (a long offline-access load test would otherwise grow without bound). Redis keeps them by TTL.
    /// </summary>
    public int MaxRefreshTokens { get; set; } = 2_000_000;

    /// <summary>
    /// The most authorization requests one client may have pending (asked at v2/ac, not yet answered by a login); beyond
    /// it the oldest are forgotten, so replaying one signed URL cannot fill the memory. Each also expires by MockEsia's clock.
    /// </summary>
    public int MaxPendingAuthorizationsPerClient { get; set; } = 1000;

    /// <summary>The most memory the journal's entries may take, in bytes (about); beyond it the oldest are dropped, whatever <c>JournalCapacity</c> says.</summary>
    public long JournalMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How many journal entries are kept in memory (oldest dropped first).</summary>
    public int JournalCapacity { get; set; } = 5000;

    /// <summary>When set, every journal entry is also appended to this JSON-lines file.</summary>
    public string? JournalFile { get; set; }

    /// <summary>When set, the admin API (<c>/__admin</c>) requires <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// Refuse to start when a client file or the scenario file cannot be used (exit code 2, one line per file), instead
    /// of starting without it and listing it (<c>GET /__admin/configuration/problems</c>). On in <c>conformance run</c>'s
    /// embedded MockEsia and in the CI examples.
    /// </summary>
    public bool StrictConfiguration { get; set; }

    /// <summary>
    /// Host names (separated by <c>;</c> or <c>,</c>; <c>*</c> for any) the admin API and dashboard answer to besides the
    /// loopback names, the hosts of <c>--urls</c> and the HTTPS hosts: e.g. <c>mockesia</c> when other containers call it
    /// by its compose service name. A request to <c>/__admin</c> with any other <c>Host</c> is refused (DNS rebinding).
    /// </summary>
    public string? AllowedHosts { get; set; }

    /// <summary>A scenario file (clock, faults, extra clients and people) applied at start-up and on reset.</summary>
    public string? ScenarioFile { get; set; }

    /// <summary>
    /// A Redis connection (StackExchange.Redis syntax, e.g. <c>localhost:6379</c>) to keep the state in: codes, tokens,
    /// sessions, the virtual clock, faults, access-token cutoffs and the journal, shared by every replica using the same
    /// Redis and <see cref="RedisPrefix"/>, and kept across restarts. Null: in memory, lost on restart.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The prefix of MockEsia's Redis keys and channel (one per independent MockEsia "installation").</summary>
    public string RedisPrefix { get; set; } = "mockesia";

    /// <summary>The token-signing keys (relative to <see cref="FixturesPath"/>).</summary>
    public SigningKeyOptions SigningKeys { get; set; } = new();

    /// <summary>
    /// The GOST R 34.10-2012 code MockEsia signs its own tokens and verifies every signature with: <c>Fast</c> (the
    /// default: its own code for the sets over p = 2^256 − 617, BouncyCastle for the rest) or <c>Generic</c>
    /// (BouncyCastle for everything). Both answer the same; each server chooses its own, and the choice exists for benchmarks.
    /// </summary>
    public GostImplementation Gost { get; set; } = GostImplementation.Fast;
}

/// <summary>What a request that cannot be redirected safely gets.</summary>
public enum UnregisteredRedirectBehaviour
{
    /// <summary>MockEsia's error page (the default: never redirect to an unverified address).</summary>
    ErrorPage,

    /// <summary>A redirect to the given <c>redirect_uri</c> with ESIA-007023 (only for a known client).</summary>
    Redirect,
}

/// <summary>Files of the mock ESIA's token-signing keys.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>GOST R 34.10-2012-256 certificate.</summary>
    public string GostCertificate { get; set; } = "pki/esia/esia-gost256.cer.pem";

    /// <summary>GOST private key.</summary>
    public string GostKey { get; set; } = "pki/esia/esia-gost256.key.pem";

    /// <summary>The "next" GOST certificate for rotation drills.</summary>
    public string NextGostCertificate { get; set; } = "pki/esia/esia-gost256-next.cer.pem";

    /// <summary>The "next" GOST private key.</summary>
    public string NextGostKey { get; set; } = "pki/esia/esia-gost256-next.key.pem";

    /// <summary>RSA certificate (RS256 tokens).</summary>
    public string RsaCertificate { get; set; } = "pki/esia/esia-rsa.cer.pem";

    /// <summary>RSA private key.</summary>
    public string RsaKey { get; set; } = "pki/esia/esia-rsa.key.pem";

    /// <summary>The "next" RSA certificate for rotation drills.</summary>
    public string NextRsaCertificate { get; set; } = "pki/esia/esia-rsa-next.cer.pem";

    /// <summary>The "next" RSA private key.</summary>
    public string NextRsaKey { get; set; } = "pki/esia/esia-rsa-next.key.pem";
}
