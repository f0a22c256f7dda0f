namespace Esia.Protocol;

/// <summary>ESIA's paths, relative to its base URL (reference §1).</summary>
public static class EsiaPaths
{
    /// <summary>The authorization request, v2 (raw GOST <c>client_secret</c>).</summary>
    public const string AuthorizeV2 = "/aas/oauth2/v2/ac";

    /// <summary>The legacy v1 authorization request (CMS <c>client_secret</c>).</summary>
    public const string AuthorizeV1 = "/aas/oauth2/ac";

    /// <summary>The token request, v3.</summary>
    public const string TokenV3 = "/aas/oauth2/v3/te";

    /// <summary>The token request, v2: superseded by v3 but really used, with <c>scope_org</c> (reference §1.2).</summary>
    public const string TokenV2 = "/aas/oauth2/v2/te";

    /// <summary>The legacy v1 token request.</summary>
    public const string TokenV1 = "/aas/oauth2/te";

    /// <summary>
    /// The organisation API-key token service, before <c>/{api_key}/tkn?signature=…</c> (reference §5.4, as public ЕПГУ API
    /// clients call it); answers <c>{"accessTkn": …}</c>.
    /// </summary>
    public const string OrganisationApiKeyTokens = "/esia-rs/api/public/v1/orgs/ext-app";

    /// <summary>ESIA's login page (MockEsia's pages live here too).</summary>
    public const string LoginPage = "/aas/oauth2/login";

    /// <summary>ESIA's consent page.</summary>
    public const string ConsentPage = "/aas/oauth2/consent";

    /// <summary>Single logout (takes <c>client_id</c> and <c>redirect_url</c>).</summary>
    public const string Logout = "/idp/ext/Logout";

    /// <summary>MockEsia's signing certificates as one PEM bundle (ESIA itself ships only <see cref="Certificates"/>).</summary>
    public const string CertificatesPem = "/public/esia.pem";

    /// <summary>Each signing certificate (<c>{name}.cer.pem</c>) and public key (<c>{name}.pub.pem</c>) as PEM, MockEsia's own.</summary>
    public const string PemFolder = "/public/pem";

    /// <summary>ESIA's signing certificates.</summary>
    public const string Certificates = "/public/esia.zip";

    /// <summary>The REST API's root: every path under it is the REST API.</summary>
    public const string Rest = "/rs/";

    /// <summary>The REST API's person resource: <c>/rs/prns/{oid}</c>.</summary>
    public const string Persons = "/rs/prns";

    /// <summary>The REST API's organisation resource: <c>/rs/orgs/{oid}</c>.</summary>
    public const string Organizations = "/rs/orgs";
}
