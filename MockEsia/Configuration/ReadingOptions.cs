namespace MockEsia.Configuration;

/// <summary>
/// Where the reference says ESIA's behaviour is unknown, both readings as named settings (<c>MockEsia:Readings:*</c>),
/// each defaulting to the likelier one; <c>docs/readings.md</c> and <c>GET /__admin/readings</c> list them all with the
/// reasons for each default. (<c>MockEsia:UnregisteredRedirect</c>, the timestamp window and the per-client refresh
/// profile and state switches are the others.)
/// </summary>
public sealed class ReadingOptions
{
    /// <summary>A copy (the configured options are never changed).</summary>
    public ReadingOptions Copy()
    {
        var copy = (ReadingOptions)MemberwiseClone();
        copy.Epgu = Epgu.Copy();
        return copy;
    }

    /// <summary>What te does with a <c>scope</c> wider than the one granted at ac (issue 31: ESIA's behaviour is not known).</summary>
    public WiderScopeReading WiderScopeAtToken { get; set; } = WiderScopeReading.Refuse;

    /// <summary>Whether v3 <c>client_credentials</c> needs <c>redirect_uri</c>, which the only v3 evidence signs and sends (reference §5.4).</summary>
    public ClientCredentialsRedirectReading ClientCredentialsRedirectUri { get; set; } = ClientCredentialsRedirectReading.Required;

    /// <summary>How strictly <c>permissions</c> must be base64url (reference §10 documents base64url without padding).</summary>
    public PermissionsEncodingReading PermissionsEncoding { get; set; } = PermissionsEncodingReading.Base64Url;

    /// <summary>What a <c>client_certificate_hash</c> of another system's certificate gets (reference §7.2).</summary>
    public ForeignCertificateHashReading ForeignCertificateHash { get; set; } = ForeignCertificateHashReading.UnauthorizedClient;

    /// <summary>What a <c>client_credentials</c> token may be asked for (reference §5.4).</summary>
    public ClientCredentialsScopeReading ClientCredentialsScopes { get; set; } = ClientCredentialsScopeReading.OrganisationOnly;

    /// <summary>What white space in <c>client_secret</c> gets (reference §15.7).</summary>
    public ClientSecretSpacesReading ClientSecretSpaces { get; set; } = ClientSecretSpacesReading.Refuse;

    /// <summary>What <c>person_filter=conf_acc</c> does (reference §3.1: semantics not documented).</summary>
    public PersonFilterReading PersonFilter { get; set; } = PersonFilterReading.ConfirmedOnly;

    /// <summary>The API ЕПГУ twin's readings (<c>MockEsia:Readings:Epgu:*</c>, epgu-api.md §6.2).</summary>
    public MockEpgu.EpguReadings Epgu { get; set; } = new();

    /// <summary>What an unknown <c>client_id</c> gets at <c>ac</c> (reference §3.3, §7.1: unknown).</summary>
    public UnknownClientReading UnknownClient { get; set; } = UnknownClientReading.ErrorPage;

    /// <summary>Whether a refresh token stays usable once it has been rotated (reference §5.3: unknown).</summary>
    public OldRefreshTokenReading OldRefreshToken { get; set; } = OldRefreshTokenReading.Revoked;

    /// <summary>The PKCE method ESIA applies when the request names none (reference §3.1: unknown).</summary>
    public PkceMethodReading PkceMethod { get; set; } = PkceMethodReading.S256;

    /// <summary>Whether the id_token carries the <c>nonce</c> sent at <c>ac</c> (reference §3.1, §6.3: unknown).</summary>
    public NonceEchoReading NonceEcho { get; set; } = NonceEchoReading.Omit;

    /// <summary>Which signature shapes the organisation API-key token service takes (reference §5.4: unknown).</summary>
    public ApiKeySignatureReading ApiKeySignature { get; set; } = ApiKeySignatureReading.Either;

    /// <summary>Whether te reads parameters from the query string of the POST as well as from its body (reference §5: unknown).</summary>
    public TokenQueryReading TokenParametersInQuery { get; set; } = TokenQueryReading.Refuse;
}

/// <summary>What an unknown <c>client_id</c> gets at <c>ac</c>.</summary>
public enum UnknownClientReading
{
    /// <summary>ESIA's error page; nothing goes to the unverified <c>redirect_uri</c> (default: never redirect to an address no IS registered).</summary>
    ErrorPage,

    /// <summary>A redirect to the given <c>redirect_uri</c> with ESIA-007005 <c>unauthorized_client</c>, as a mis-configured known IS gets (reference §3.3).</summary>
    Redirect,
}

/// <summary>Whether the refresh token a refresh replaced still works.</summary>
public enum OldRefreshTokenReading
{
    /// <summary>Single use: the old one is revoked when the new one is issued (default: OAuth 2.0's rotation, RFC 6819 §5.2.2.3).</summary>
    Revoked,

    /// <summary>The old one keeps working until it expires.</summary>
    ValidUntilExpiry,
}

/// <summary>The PKCE method when <c>code_challenge_method</c> is absent.</summary>
public enum PkceMethodReading
{
    /// <summary><c>code_challenge = base64url(SHA-256(code_verifier))</c> (default: the method RFC 7636 requires servers to support and clients to prefer).</summary>
    S256,

    /// <summary><c>code_challenge = code_verifier</c> (RFC 7636's default when no method is named).</summary>
    Plain,
}

/// <summary>Whether te takes parameters from the query string of the POST.</summary>
public enum TokenQueryReading
{
    /// <summary>
    /// Only the form body counts (default: the reference documents the body, §5; that ESIA also reads the query is only
    /// inferred, so accepting it by default could be laxer than ESIA, while an app that posts a body satisfies both).
    /// </summary>
    Refuse,

    /// <summary>Query and body both count, as a Java servlet's request parameters do (ESIA's login runs in a servlet container, §9; a public client sends them so, §5).</summary>
    Accept,
}

/// <summary>The signature over the API key at the organisation token service.</summary>
public enum ApiKeySignatureReading
{
    /// <summary>A detached CMS (CAdES-BES) or a raw GOST signature (default: public clients use both, and keep them).</summary>
    Either,

    /// <summary>Only a detached CMS/CAdES-BES signature, as CryptoPro's tooling makes it.</summary>
    Cms,

    /// <summary>Only a raw GOST R 34.10-2012 signature over the Streebog-256 of the key.</summary>
    Raw,
}

/// <summary>Whether the id_token echoes the authorization request's <c>nonce</c>.</summary>
public enum NonceEchoReading
{
    /// <summary>No nonce in the id_token (default: no real token shows one, and a public client removed its nonce check on the operator's advice, reference §3.1).</summary>
    Omit,

    /// <summary>The id_token carries the nonce sent at <c>ac</c>, as OpenID Connect asks.</summary>
    Echo,
}

/// <summary>A <c>scope</c> at te wider than the one granted.</summary>
public enum WiderScopeReading
{
    /// <summary>Refused with ESIA-007006 (default: nothing shows ESIA forgiving it, and a silent drop hides the app's mistake).</summary>
    Refuse,

    /// <summary>The extra scopes silently dropped; the tokens carry what was granted.</summary>
    Drop,
}

/// <summary>Whether v3 <c>client_credentials</c> needs <c>redirect_uri</c>.</summary>
public enum ClientCredentialsRedirectReading
{
    /// <summary>Required, signed in <c>client_id+scope+timestamp+state+redirect_uri</c> (default: the only v3 evidence, reference §5.4).</summary>
    Required,

    /// <summary>Optional; without it the string ends at <c>state</c>.</summary>
    Optional,
}

/// <summary>How <c>permissions</c> is encoded.</summary>
public enum PermissionsEncodingReading
{
    /// <summary>base64url without padding only (default: what the reference documents, §10).</summary>
    Base64Url,

    /// <summary>Also padded and standard base64.</summary>
    AnyBase64,
}

/// <summary>The answer to a <c>client_certificate_hash</c> of a certificate registered for another system.</summary>
public enum ForeignCertificateHashReading
{
    /// <summary>ESIA-007005 <c>unauthorized_client</c> (default: the one real report of this case, §7.2, ekapusta #7).</summary>
    UnauthorizedClient,

    /// <summary>ESIA-007053, as for any certificate the system did not register.</summary>
    ClientSecretWrong,
}

/// <summary>What a <c>client_credentials</c> token may be asked for.</summary>
public enum ClientCredentialsScopeReading
{
    /// <summary>Organisation scopes of organisations ESIA knows (and <c>prm_chg</c>); person scopes and unknown <c>org_oid</c>s refused with ESIA-007006 (default).</summary>
    OrganisationOnly,

    /// <summary>Any scope the client may use, as before: a token with no subject for person scopes.</summary>
    Any,
}

/// <summary>White space in <c>client_secret</c>.</summary>
public enum ClientSecretSpacesReading
{
    /// <summary>ESIA-007053 with the diagnosis (default: §15.7 asks for <c>%2B</c>; nothing shows ESIA repairing it).</summary>
    Refuse,

    /// <summary>Spaces read as <c>+</c>, surrounding white space trimmed, as MockEsia did before.</summary>
    Repair,
}

/// <summary>What <c>person_filter=conf_acc</c> does.</summary>
public enum PersonFilterReading
{
    /// <summary>Only confirmed accounts may sign in; an unconfirmed one gets ESIA-007055 (default: the likelier meaning of "conf_acc", and ESIA has that code).</summary>
    ConfirmedOnly,

    /// <summary>Accepted and ignored.</summary>
    Ignore,
}
