using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MockEsia.Configuration;

namespace MockEsia.Tls;

/// <summary>
/// MockEsia's local test CA and the certificates its HTTPS endpoint presents. The CA (ECDSA P-256) is generated once
/// and kept in <see cref="HttpsOptions.CaFolder"/> so that an app configured to trust it keeps trusting it; the server
/// certificate is issued for the configured host names at every start. For the harness it also holds a certificate
/// for another host and one from a CA nobody trusts, presented on demand (<see cref="Presentation"/>).
/// </summary>
public sealed class TestCertificateAuthority
{
    private const string CaCertificateFile = "ca.cer.pem";
    private const string CaKeyFile = "ca.key.pem";
    private readonly X509Certificate2 _valid;
    private readonly X509Certificate2 _wrongHost;
    private readonly X509Certificate2 _untrusted;

    private TestCertificateAuthority(X509Certificate2 ca, string caPath, IReadOnlyList<string> hosts, DateTimeOffset now)
    {
        Certificate = ca;
        CaPath = caPath;
        _valid = Issue(ca, hosts, now);
        _wrongHost = Issue(ca, ["wrong-host.invalid"], now);
        using var stranger = CreateCa("CN=Untrusted test CA, O=Nobody", now);
        _untrusted = Issue(stranger, hosts, now);
    }

    /// <summary>The CA's certificate (what an app trusts).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Where the CA's certificate is kept, as PEM.</summary>
    public string CaPath { get; }

    /// <summary>What new connections are shown; <see cref="TlsPresentation.Valid"/> unless the harness asks otherwise.</summary>
    public TlsPresentation Presentation { get; set; } = TlsPresentation.Valid;

    /// <summary>The certificate for a new connection.</summary>
    public X509Certificate2 Current => Presentation switch
    {
        TlsPresentation.WrongHost => _wrongHost,
        TlsPresentation.UntrustedCa => _untrusted,
        _ => _valid,
    };

    /// <summary>The CA's certificate as PEM.</summary>
    public string CaPem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>Loads the CA from <paramref name="folder"/>, or creates it there the first time.</summary>
    public static TestCertificateAuthority LoadOrCreate(string folder, IReadOnlyList<string> hosts, DateTimeOffset now)
    {
        var certPath = Path.Combine(folder, CaCertificateFile);
        var keyPath = Path.Combine(folder, CaKeyFile);
        X509Certificate2 ca;
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            ca = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
        else
        {
            Directory.CreateDirectory(folder);
            ca = CreateCa("CN=MockEsia test CA, O=MockEsia (test only)", now);
            File.WriteAllText(certPath, ca.ExportCertificatePem() + "\n");
            File.WriteAllText(keyPath, ca.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        }

        return new TestCertificateAuthority(ca, certPath, hosts, now);
    }

    private static X509Certificate2 CreateCa(string subject, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, IReadOnlyList<string> hosts, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hosts[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                names.AddIpAddress(ip);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var notAfter = new[] { now.AddYears(1), new DateTimeOffset(ca.NotAfter) }.Min();
        using var issued = request.Create(ca, now.AddDays(-1), notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
