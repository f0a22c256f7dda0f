namespace MockEsia.Configuration;

/// <summary>
/// HTTPS with a local test CA (<c>MockEsia:Https:*</c>; <c>--https</c> turns it on): the CA is generated once and kept
/// in <see cref="CaFolder"/>, the server certificate is issued for <see cref="Hosts"/> at every start.
/// </summary>
public sealed class HttpsOptions
{
    /// <summary>Serve TLS on the <c>https://</c> URLs (with <c>--https</c> and no <c>--urls</c>: http on 5000, https on 5001).</summary>
    public bool Enabled { get; set; }

    /// <summary>The port of the https:// URL added when none is configured.</summary>
    public int Port { get; set; } = 5001;

    /// <summary>The host names (and IP addresses) the server certificate names.</summary>
    public List<string> Hosts { get; set; } = ["localhost", "127.0.0.1", "::1", "mockesia", "esia-portal1.test.gosuslugi.ru"];

    /// <summary>Where the CA's certificate and key are kept (relative to the content root; in Docker <c>/data/tls</c>).</summary>
    public string CaFolder { get; set; } = "tls";
}
