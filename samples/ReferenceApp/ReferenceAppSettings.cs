namespace ReferenceApp;

/// <summary>The sample app's ESIA settings (configuration section <c>Esia</c>).</summary>
public sealed class ReferenceAppSettings
{
    /// <summary><c>test</c>, <c>production</c>, or a base URL such as a MockEsia's.</summary>
    public string Environment { get; set; } = "http://localhost:5000";

    /// <summary>The issuer for a custom environment.</summary>
    public string Issuer { get; set; } = "http://esia-portal1.test.gosuslugi.ru/";

    /// <summary>The mnemonic.</summary>
    public string ClientId { get; set; } = "MOCKSYS";

    /// <summary>Client certificate (PEM or DER), relative to the content root or absolute.</summary>
    public string CertificatePath { get; set; } = "../../fixtures/pki/clients/client-gost256.cer.pem";

    /// <summary>Client private key (PEM).</summary>
    public string KeyPath { get; set; } = "../../fixtures/pki/clients/client-gost256.key.pem";

    /// <summary>Or a PKCS#12 file instead of the two above.</summary>
    public string? Pkcs12Path { get; set; }

    /// <summary>The PKCS#12 password.</summary>
    public string? Pkcs12Password { get; set; }

    /// <summary>The callback URL registered for the system.</summary>
    public string RedirectUri { get; set; } = "http://localhost:8080/signin-esia";

    /// <summary>Requested scopes.</summary>
    public string Scope { get; set; } = "openid fullname email";

    /// <summary>Trusted ESIA certificates: files (<c>.cer</c>, <c>.pem</c>, <c>.zip</c>).</summary>
    public List<string> TrustedCertificates { get; set; } = [];

    /// <summary>The roots ESIA's TLS certificate must chain to (PEM files), instead of the system's trust store: MockEsia's <c>/public/ca.pem</c>, or the Russian CA of ESIA's hosts.</summary>
    public List<string> TlsTrustedRoots { get; set; } = [];

    /// <summary>Or a URL to download <c>esia.zip</c> from at start-up (e.g. a MockEsia's <c>/public/esia.zip</c>).</summary>
    public string? TrustedCertificatesUrl { get; set; }
}
