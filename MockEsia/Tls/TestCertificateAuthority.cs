using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MockEsia.Configuration;

namespace MockEsia.Tls;

/// <summary>
/// MockEsia's local test CA and the certificates its HTTPS endpoint presents. The CA (ECDSA P-256) is kept in
/// <see cref="HttpsOptions.CaFolder"/> so that an app configured to trust it keeps trusting it, with its private key
/// readable by its owner only (0600); it may sign only for the hosts MockEsia serves (a critical name-constraints
/// extension: a key that leaks cannot mint a certificate for any other site the user's trust store would accept) and
/// lives <see cref="CaLifetime"/>: it is made again when it nears its end or when the hosts change. The server
/// certificate is issued for the configured host names at every start. For the harness it also holds a certificate
/// for another host and one from a CA nobody trusts, presented on demand (<see cref="Presentation"/>).
/// </summary>
public sealed class TestCertificateAuthority
{
    private const string CaCertificateFile = "ca.cer.pem";
    private const string CaKeyFile = "ca.key.pem";

    /// <summary>How long a CA lives.</summary>
    public static readonly TimeSpan CaLifetime = TimeSpan.FromDays(90);

    /// <summary>How long before its end a CA is made again.</summary>
    public static readonly TimeSpan CaRenewal = TimeSpan.FromDays(7);

    /// <summary>The host the wrong-host certificate names (a reserved name that resolves nowhere, permitted by the CA so that the refusal is the host's).</summary>
    private const string WrongHost = "wrong-host.invalid";

    private const string NameConstraintsOid = "2.5.29.30";
    private readonly X509Certificate2 _valid;
    private readonly X509Certificate2 _wrongHost;
    private readonly X509Certificate2 _untrusted;

    private TestCertificateAuthority(X509Certificate2 ca, string caPath, IReadOnlyList<string> hosts, DateTimeOffset now)
    {
        Certificate = ca;
        CaPath = caPath;
        _valid = Issue(ca, hosts, now);
        _wrongHost = Issue(ca, [WrongHost], now);
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

    /// <summary>Loads the CA from <paramref name="folder"/>, or creates it there: the first time, near its end, or when the hosts changed.</summary>
    public static TestCertificateAuthority LoadOrCreate(string folder, IReadOnlyList<string> hosts, DateTimeOffset now)
    {
        var certPath = Path.Combine(folder, CaCertificateFile);
        var keyPath = Path.Combine(folder, CaKeyFile);
        var constraints = NameConstraints([.. hosts, WrongHost]);
        X509Certificate2? ca = null;
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            ca = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            var current = ca.Extensions[NameConstraintsOid]?.RawData;
            if (new DateTimeOffset(ca.NotAfter) - now < CaRenewal || current is null || !current.AsSpan().SequenceEqual(constraints.RawData))
            {
                ca.Dispose();
                ca = null;
            }
            else if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        if (ca is null)
        {
            Directory.CreateDirectory(folder);
            ca = CreateCa("CN=MockEsia test CA, O=MockEsia (test only)", now, constraints);
            File.WriteAllText(certPath, ca.ExportCertificatePem() + "\n");
            using var key = new StreamWriter(PrivateFile.Create(keyPath));
            key.Write(ca.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        }

        return new TestCertificateAuthority(ca, certPath, hosts, now);
    }

    private static X509Certificate2 CreateCa(string subject, DateTimeOffset now, X509Extension? constraints = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (constraints is not null)
        {
            request.CertificateExtensions.Add(constraints);
        }

        return request.CreateSelfSigned(now.AddDays(-1), now.Add(CaLifetime));
    }

    // RFC 5280 §4.2.1.10: permitted subtrees only, one per host (a DNS name, or an address with an all-ones mask).
    private static X509Extension NameConstraints(IEnumerable<string> hosts)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0)))
            {
                foreach (var host in hosts.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    using (writer.PushSequence())
                    {
                        if (IPAddress.TryParse(host, out var ip))
                        {
                            var address = ip.GetAddressBytes();
                            writer.WriteOctetString([.. address, .. Enumerable.Repeat((byte)0xFF, address.Length)], new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 7));
                        }
                        else
                        {
                            writer.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, host, new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 2));
                        }
                    }
                }
            }
        }

        return new X509Extension(NameConstraintsOid, writer.Encode(), critical: true);
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
