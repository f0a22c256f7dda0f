using Esia.Protocol;
using Esia.Protocol.Crypto;

namespace MockEsia.Clients;

/// <summary>An information system registered with the mock: what ESIA's tech portal holds for it.</summary>
public sealed record ClientRegistration
{
    /// <summary>The mnemonic (<c>client_id</c>).</summary>
    public required string ClientId { get; init; }

    /// <summary>A human name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Registered certificates (several while the client rotates its own).</summary>
    public required IReadOnlyList<EsiaCertificate> Certificates { get; init; }

    /// <summary>Registered redirect URIs (full URLs; with <see cref="RedirectMatching.Domain"/> only their hosts count).</summary>
    public required IReadOnlyList<Uri> RedirectUris { get; init; }

    /// <summary>How redirect URIs are matched.</summary>
    public RedirectMatching RedirectMatching { get; init; } = RedirectMatching.Domain;

    /// <summary>Scopes the client may request (bare names; <c>*</c> allows all known scopes).</summary>
    public IReadOnlyList<string> AllowedScopes { get; init; } = ["*"];

    /// <summary>Token signing: <see cref="KeyAlgorithm.Gost2012_256"/> (default) or <see cref="KeyAlgorithm.Rsa"/>.</summary>
    public KeyAlgorithm TokenAlgorithm { get; init; } = KeyAlgorithm.Gost2012_256;

    /// <summary>Grant types allowed at the token endpoint.</summary>
    public IReadOnlyList<string> GrantTypes { get; init; } = [EsiaGrantTypes.AuthorizationCode, EsiaGrantTypes.RefreshToken, EsiaGrantTypes.ClientCredentials];

    /// <summary>Accept the v1 (CMS) <c>client_secret</c> on v2/v3 paths, as a lenient ESIA might (default off: ESIA answers ESIA-007053).</summary>
    public bool AcceptV1SignatureOnV2 { get; init; }

    /// <summary>
    /// Accept requests signed with an RSA client key, for legacy testing only (default off). ESIA no longer takes RSA client
    /// keys (reference §2), so an RSA certificate can only be registered with this switch, and every use is logged as a warning.
    /// </summary>
    public bool AllowRsaClientKeys { get; init; }

    /// <summary>The organisations' API keys this client signs for (reference §5.4).</summary>
    public IReadOnlyList<ApiKeyDefinition> ApiKeys { get; init; } = [];

    /// <summary>The API ЕПГУ services (form codes) the system may use (epgu-api.md §5.2).</summary>
    public IReadOnlyList<string> EpguServices { get; init; } = [];

    /// <summary>Reject a token request that reuses the authorization request's <c>state</c> (ESIA does not enforce it).</summary>
    public bool StrictState { get; init; }

    /// <summary>Require <c>redirect_uri</c> at te to equal the one at ac exactly, query included (ESIA: lenient).</summary>
    public bool StrictRedirectUriAtToken { get; init; }

    /// <summary>The refresh signature profile.</summary>
    public RefreshSignatureProfile RefreshProfile { get; init; } = RefreshSignatureProfile.Strict;

    /// <summary>When set, logins for this client need no pages: this person is signed in and consents at once.</summary>
    public long? HeadlessPersonOid { get; init; }

    /// <summary>This client's access token lifetime; null for the global <c>MockEsia:AccessTokenLifetime</c>.</summary>
    public TimeSpan? AccessTokenLifetime { get; init; }

    /// <summary>This client's id_token lifetime; null for the global <c>MockEsia:IdTokenLifetime</c>.</summary>
    public TimeSpan? IdTokenLifetime { get; init; }

    /// <summary>This client's refresh token lifetime; null for the global <c>MockEsia:RefreshTokenLifetime</c>.</summary>
    public TimeSpan? RefreshTokenLifetime { get; init; }

    /// <summary>Whether a redirect URI is registered for this client.</summary>
    public bool IsRedirectAllowed(string? redirectUri)
    {
        if (RedirectProblem(redirectUri) is not null || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return RedirectMatching == RedirectMatching.Exact
            ? RedirectUris.Any(r => string.Equals(r.OriginalString, redirectUri, StringComparison.Ordinal))
            : RedirectUris.Any(r => string.Equals(r.Host, uri.Host, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Why a redirect URI can never be redirected to, whatever is registered: not an absolute http(s) URL, a control
    /// character (CR, LF, NUL, TAB…) or white space at either end; null when it is a well-formed one.
    /// </summary>
    public static string? RedirectProblem(string? redirectUri)
    {
        if (string.IsNullOrEmpty(redirectUri))
        {
            return "it is empty";
        }

        var control = redirectUri.IndexOfAny([.. Enumerable.Range(0, 32).Select(c => (char)c), (char)127]);
        if (control >= 0)
        {
            return $"it holds the control character U+{(int)redirectUri[control]:X4} at position {control + 1}";
        }

        if (redirectUri.Trim() != redirectUri)
        {
            return "it begins or ends with white space";
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "it is not an absolute http:// or https:// URL";
        }

        try
        {
            _ = uri.IdnHost;
            return null;
        }
        catch (UriFormatException)
        {
            return $"its host '{uri.Host}' is not a valid international domain name";
        }
    }

    /// <summary>Whether a scope (bare name) may be requested.</summary>
    public bool IsScopeAllowed(string scope) => AllowedScopes.Contains("*") || AllowedScopes.Contains(scope, StringComparer.Ordinal);
}
