namespace Esia.Protocol;

/// <summary>The parameters of ESIA's OAuth requests and redirects (reference §3–§5, §9).</summary>
public static class EsiaParameters
{
    /// <summary><c>client_id</c>: the system's mnemonic.</summary>
    public const string ClientId = "client_id";

    /// <summary><c>client_secret</c>: the signature over the request's string.</summary>
    public const string ClientSecret = "client_secret";

    /// <summary><c>client_certificate_hash</c>: the Streebog-256 of the system's certificate (v2/v3).</summary>
    public const string ClientCertificateHash = "client_certificate_hash";

    /// <summary><c>scope</c>.</summary>
    public const string Scope = "scope";

    /// <summary><c>scope_org</c>: organisation scopes.</summary>
    public const string ScopeOrg = "scope_org";

    /// <summary><c>state</c>: a UUID per request.</summary>
    public const string State = "state";

    /// <summary><c>timestamp</c>: <c>yyyy.MM.dd HH:mm:ss ±hhmm</c>.</summary>
    public const string Timestamp = "timestamp";

    /// <summary><c>redirect_uri</c>.</summary>
    public const string RedirectUri = "redirect_uri";

    /// <summary><c>response_type</c> (always <c>code</c>).</summary>
    public const string ResponseType = "response_type";

    /// <summary><c>access_type</c>: <c>online</c> or <c>offline</c> (a refresh token).</summary>
    public const string AccessType = "access_type";

    /// <summary><c>code</c>: the authorization code.</summary>
    public const string Code = "code";

    /// <summary><c>grant_type</c>.</summary>
    public const string GrantType = "grant_type";

    /// <summary><c>refresh_token</c>.</summary>
    public const string RefreshToken = "refresh_token";

    /// <summary><c>token_type</c> (always <c>Bearer</c>).</summary>
    public const string TokenType = "token_type";

    /// <summary><c>access_token</c>.</summary>
    public const string AccessToken = "access_token";

    /// <summary><c>id_token</c>.</summary>
    public const string IdToken = "id_token";

    /// <summary><c>expires_in</c>.</summary>
    public const string ExpiresIn = "expires_in";

    /// <summary><c>error</c>.</summary>
    public const string Error = "error";

    /// <summary><c>error_description</c>.</summary>
    public const string ErrorDescription = "error_description";

    /// <summary><c>redirect_url</c>: where logout returns (not <c>redirect_uri</c>).</summary>
    public const string RedirectUrl = "redirect_url";

    /// <summary>OIDC's nonce: tolerated at <c>ac</c>; whether ESIA echoes it in the id_token is unknown (reference §3.1, §6.3).</summary>
    public const string Nonce = "nonce";

    /// <summary>Consents for the ЕПГУ API and Цифровой профиль: base64url JSON array (reference §10).</summary>
    public const string Permissions = "permissions";

    /// <summary>PKCE's challenge at <c>v2/ac</c> (reference §3.1: optional; ESIA-007039/007040).</summary>
    public const string CodeChallenge = "code_challenge";

    /// <summary>PKCE's method at <c>v2/ac</c> (RFC 7636's name; ESIA's is unknown, reference §3.1).</summary>
    public const string CodeChallengeMethod = "code_challenge_method";

    /// <summary>PKCE's verifier at <c>te</c> (RFC 7636's name; ESIA's is unknown, reference §5.1).</summary>
    public const string CodeVerifier = "code_verifier";
}

/// <summary>The grant types of te (reference §5).</summary>
public static class EsiaGrantTypes
{
    /// <summary>A code for tokens.</summary>
    public const string AuthorizationCode = "authorization_code";

    /// <summary>A refresh token for new tokens.</summary>
    public const string RefreshToken = "refresh_token";

    /// <summary>A system's own token.</summary>
    public const string ClientCredentials = "client_credentials";
}

/// <summary>The claims of ESIA's tokens that code reads or writes by name (reference §6).</summary>
public static class EsiaClaims
{
    /// <summary><c>iss</c>.</summary>
    public const string Issuer = "iss";

    /// <summary><c>aud</c> (id_token).</summary>
    public const string Audience = "aud";

    /// <summary><c>sub</c> (id_token): the person.</summary>
    public const string Subject = "sub";

    /// <summary><c>exp</c>.</summary>
    public const string Expires = "exp";

    /// <summary><c>nbf</c>.</summary>
    public const string NotBefore = "nbf";

    /// <summary><c>iat</c>.</summary>
    public const string IssuedAt = "iat";

    /// <summary><c>client_id</c> (access token): the system it was issued to.</summary>
    public const string ClientId = "client_id";

    /// <summary><c>scope</c>.</summary>
    public const string Scope = "scope";

    /// <summary><c>urn:esia:sbj_id</c> (access token): the person.</summary>
    public const string SubjectId = "urn:esia:sbj_id";

    /// <summary><c>urn:esia:sid</c>: the ESIA session.</summary>
    public const string SessionId = "urn:esia:sid";
}
