namespace Esia.Protocol.Secrets;

/// <summary>The request kinds whose <c>client_secret</c> signs a different concatenation (reference §4.1).</summary>
public enum SignedStringKind
{
    /// <summary>v1 <c>ac</c> and <c>te</c> (any grant): <c>scope + timestamp + client_id + state</c>.</summary>
    V1,

    /// <summary><c>v2/ac</c>: <c>client_id + scope + scope_org + timestamp + state + redirect_uri</c>.</summary>
    V2Authorize,

    /// <summary><c>v3/te</c> authorization_code: <c>client_id + scope + scope_org + timestamp + state + redirect_uri + code</c>.</summary>
    V3AuthorizationCode,

    /// <summary><c>v3/te</c> refresh_token, the strict profile (ilimurzin/esia 4.x): <c>client_id + scope + scope_org + timestamp + state + redirect_uri</c>.</summary>
    V3RefreshStrict,

    /// <summary><c>v3/te</c> refresh_token, the alternative profile (AISGorod): <c>client_id + scope + timestamp + state + refresh_token</c>.</summary>
    V3RefreshAlternative,

    /// <summary><c>v3/te</c> client_credentials: <c>client_id + scope + timestamp + state + redirect_uri</c>.</summary>
    V3ClientCredentials,
}

/// <summary>The values that enter a signed string, exactly as transmitted (before URL encoding).</summary>
public sealed record SignedStringFields
{
    /// <summary><c>client_id</c> (the mnemonic).</summary>
    public string ClientId { get; init; } = "";

    /// <summary><c>scope</c>, space-separated, exactly as sent.</summary>
    public string Scope { get; init; } = "";

    /// <summary><c>scope_org</c>; empty when not used.</summary>
    public string ScopeOrg { get; init; } = "";

    /// <summary><c>timestamp</c> in ESIA's format.</summary>
    public string Timestamp { get; init; } = "";

    /// <summary><c>state</c>.</summary>
    public string State { get; init; } = "";

    /// <summary><c>redirect_uri</c>.</summary>
    public string RedirectUri { get; init; } = "";

    /// <summary><c>code</c> (token request with authorization_code).</summary>
    public string Code { get; init; } = "";

    /// <summary><c>refresh_token</c> (token request with refresh_token).</summary>
    public string RefreshToken { get; init; } = "";
}

/// <summary>Builds the strings a <c>client_secret</c> signs: concatenated without separators, UTF-8.</summary>
public static class SignedString
{
    /// <summary>The concatenation for a request kind.</summary>
    public static string Build(SignedStringKind kind, SignedStringFields f) => kind switch
    {
        SignedStringKind.V1 => string.Concat(f.Scope, f.Timestamp, f.ClientId, f.State),
        SignedStringKind.V2Authorize => string.Concat(f.ClientId, f.Scope, f.ScopeOrg, f.Timestamp, f.State, f.RedirectUri),
        SignedStringKind.V3AuthorizationCode => string.Concat(f.ClientId, f.Scope, f.ScopeOrg, f.Timestamp, f.State, f.RedirectUri) + f.Code,
        SignedStringKind.V3RefreshStrict => string.Concat(f.ClientId, f.Scope, f.ScopeOrg, f.Timestamp, f.State, f.RedirectUri),
        SignedStringKind.V3RefreshAlternative => string.Concat(f.ClientId, f.Scope, f.Timestamp, f.State, f.RefreshToken),
        SignedStringKind.V3ClientCredentials => string.Concat(f.ClientId, f.Scope, f.Timestamp, f.State, f.RedirectUri),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The UTF-8 bytes of <see cref="Build"/>.</summary>
    public static byte[] Bytes(SignedStringKind kind, SignedStringFields fields) => System.Text.Encoding.UTF8.GetBytes(Build(kind, fields));

    /// <summary>A readable formula for messages and documentation.</summary>
    public static string Formula(SignedStringKind kind) => kind switch
    {
        SignedStringKind.V1 => "scope + timestamp + client_id + state",
        SignedStringKind.V2Authorize => "client_id + scope + scope_org + timestamp + state + redirect_uri",
        SignedStringKind.V3AuthorizationCode => "client_id + scope + scope_org + timestamp + state + redirect_uri + code",
        SignedStringKind.V3RefreshStrict => "client_id + scope + scope_org + timestamp + state + redirect_uri",
        SignedStringKind.V3RefreshAlternative => "client_id + scope + timestamp + state + refresh_token",
        SignedStringKind.V3ClientCredentials => "client_id + scope + timestamp + state + redirect_uri",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
