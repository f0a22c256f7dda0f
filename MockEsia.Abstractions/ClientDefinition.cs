namespace MockEsia.Abstractions;

/// <summary>A client as written in <c>fixtures/clients/*.json</c> or sent to the admin API.</summary>
public sealed class ClientDefinition
{
    /// <summary>The mnemonic.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>A human name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Certificate files, relative to the fixtures folder.</summary>
    public List<string> Certificates { get; set; } = [];

    /// <summary>Certificates given inline as PEM.</summary>
    public List<string> CertificatesPem { get; set; } = [];

    /// <summary>Registered redirect URIs.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary><c>Domain</c> or <c>Exact</c>.</summary>
    public RedirectMatching RedirectMatching { get; set; } = RedirectMatching.Domain;

    /// <summary>Allowed scopes; <c>*</c> for all.</summary>
    public List<string> AllowedScopes { get; set; } = ["*"];

    /// <summary><c>GOST3410_2012_256</c> (default) or <c>RS256</c>.</summary>
    public string TokenAlgorithm { get; set; } = "GOST3410_2012_256";

    /// <summary>Allowed grant types.</summary>
    public List<string> GrantTypes { get; set; } = ["authorization_code", "refresh_token", "client_credentials"];

    /// <summary>See MockEsia's <c>ClientRegistration.AcceptV1SignatureOnV2</c>.</summary>
    public bool AcceptV1SignatureOnV2 { get; set; }

    /// <summary>Organisation API keys for the API-key token service (reference §5.4), signed for with this client's key.</summary>
    public List<ApiKeyDefinition> ApiKeys { get; set; } = [];

    /// <summary>The API ЕПГУ services (form codes) the system may use (epgu-api.md §5.2); none unless listed.</summary>
    public List<string> EpguServices { get; set; } = [];

    /// <summary>See MockEsia's <c>ClientRegistration.AllowRsaClientKeys</c>.</summary>
    public bool AllowRsaClientKeys { get; set; }

    /// <summary>See MockEsia's <c>ClientRegistration.StrictState</c>.</summary>
    public bool StrictState { get; set; }

    /// <summary>See MockEsia's <c>ClientRegistration.StrictRedirectUriAtToken</c>.</summary>
    public bool StrictRedirectUriAtToken { get; set; }

    /// <summary>See MockEsia's <c>ClientRegistration.RefreshProfile</c>.</summary>
    public RefreshSignatureProfile RefreshProfile { get; set; } = RefreshSignatureProfile.Strict;

    /// <summary>See MockEsia's <c>ClientRegistration.HeadlessPersonOid</c>.</summary>
    public long? HeadlessPersonOid { get; set; }

    /// <summary>See MockEsia's <c>ClientRegistration.AccessTokenLifetime</c>, in seconds (e.g. 60 to reach apps that refresh on their own clock).</summary>
    public int? AccessTokenLifetimeSeconds { get; set; }

    /// <summary>See MockEsia's <c>ClientRegistration.IdTokenLifetime</c>, in seconds.</summary>
    public int? IdTokenLifetimeSeconds { get; set; }

    /// <summary>See MockEsia's <c>ClientRegistration.RefreshTokenLifetime</c>, in seconds.</summary>
    public int? RefreshTokenLifetimeSeconds { get; set; }
}

/// <summary>An organisation's API key (a GUID) for <c>GET /esia-rs/api/public/v1/orgs/ext-app/{apiKey}/tkn</c>.</summary>
/// <param name="Key">The key as the organisation received it.</param>
/// <param name="OrganizationOid">The organisation's oid; the token is scoped to it.</param>
/// <param name="EmployeeOid">The employee who made the key, whom the token names (<c>urn:esia:sbj_id</c>); none for a key signed with an impersonal organisation certificate.</param>
public sealed record ApiKeyDefinition(string Key, long OrganizationOid, long? EmployeeOid = null);
