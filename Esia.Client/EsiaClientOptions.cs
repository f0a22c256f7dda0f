using Esia.Protocol.Crypto;
using Esia.Protocol.Scopes;

namespace Esia.Client;

/// <summary>How the client talks to ESIA.</summary>
public sealed class EsiaClientOptions
{
    /// <summary>Which ESIA.</summary>
    public EsiaEnvironment Environment { get; set; } = EsiaEnvironment.Test;

    /// <summary>The information system's mnemonic (<c>client_id</c>).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Signs requests with the system's key (<see cref="EsiaCredential"/>, <see cref="OpenSslCliSigner"/>, or your own, e.g. a CryptoPro signer that mirrors CSP output).</summary>
    public IMessageSigner? Signer { get; set; }

    /// <summary>The registered redirect URI (the callback).</summary>
    public string RedirectUri { get; set; } = "";

    /// <summary>Requested scopes; <c>openid</c> is needed for an id_token.</summary>
    public IList<string> Scopes { get; } = new List<string> { EsiaScopes.OpenId, "fullname" };

    /// <summary>Organisation scopes (<c>scope_org</c>), signed right after <c>scope</c>.</summary>
    public string ScopeOrg { get; set; } = "";

    /// <summary>The consents asked for at login (<c>permissions</c>, reference §10), e.g. <see cref="EsiaPermission.ApiPgu"/> for API ЕПГУ; none by default.</summary>
    public IList<EsiaPermission> Permissions { get; } = new List<EsiaPermission>();

    /// <summary><c>offline</c> (a refresh token) or <c>online</c>.</summary>
    public string AccessType { get; set; } = "offline";

    /// <summary>The certificates ESIA signs tokens with: several during a rotation (see <see cref="EsiaTrust"/>).</summary>
    public IList<EsiaCertificate> TrustedCertificates { get; } = new List<EsiaCertificate>();

    /// <summary>
    /// The roots ESIA's TLS certificate must chain to, instead of the system's trust store (which lacks the Russian CAs
    /// ESIA's hosts use, and MockEsia's local test CA). Empty: the system's trust store. The host name is checked either way.
    /// </summary>
    public IList<System.Security.Cryptography.X509Certificates.X509Certificate2> TlsTrustedRoots { get; } = new List<System.Security.Cryptography.X509Certificates.X509Certificate2>();

    /// <summary>The token algorithm registered on the tech portal; null accepts GOST and RS256 alike.</summary>
    public KeyAlgorithm? ExpectedTokenAlgorithm { get; set; }

    /// <summary>Leeway for token times.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Refresh the access token when it has less than this left.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock (tests pass a fake one).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The space-separated <c>scope</c> value.</summary>
    public string Scope => string.Join(' ', Scopes);

    /// <summary>Throws when something required is missing.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClientId) || Signer is null || string.IsNullOrWhiteSpace(RedirectUri) || TrustedCertificates.Count == 0)
        {
            throw new InvalidOperationException("EsiaClientOptions needs ClientId, Signer, RedirectUri and at least one trusted ESIA certificate.");
        }
    }
}
