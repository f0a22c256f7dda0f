using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using PemReader = Org.BouncyCastle.Utilities.IO.Pem.PemReader;

namespace Esia.Protocol.Crypto;

/// <summary>Reads certificates and private keys from PEM, DER and PKCS#12, including TC26 GOST keys.</summary>
public static class KeyMaterial
{
    /// <summary>Reads every certificate of a PEM file (one or more blocks), a DER certificate, base64 without armour (as CryptoPro exports it) or a PKCS#7 .p7b chain.</summary>
    public static IReadOnlyList<EsiaCertificate> ReadCertificates(byte[] derOrPem)
    {
        ArgumentNullException.ThrowIfNull(derOrPem);
        IList<X509Certificate> parsed;
        try
        {
            parsed = new X509CertificateParser().ReadCertificates(UnarmouredBase64(derOrPem) ?? derOrPem);
        }
        catch (Exception ex) when (ex is Org.BouncyCastle.Security.GeneralSecurityException or IOException or ArgumentException or InvalidCastException)
        {
            throw new InvalidDataException($"The data is not a certificate (PEM or DER): {ex.Message}", ex);
        }

        if (parsed.Count == 0)
        {
            throw new InvalidDataException("No certificate found (expected PEM or DER).");
        }

        return parsed.Select(EsiaCertificate.From).ToArray();
    }

    /// <summary>
    /// The end-entity certificate of a set (a PKCS#7 <c>.p7b</c> chain holds the CA's too): the one that issued none of
    /// the others; the first when that does not single one out.
    /// </summary>
    public static EsiaCertificate Leaf(IReadOnlyList<EsiaCertificate> certificates) =>
        certificates.FirstOrDefault(c => !certificates.Any(o => !ReferenceEquals(o, c) && o.Issuer == c.Subject && o.Subject != c.Subject)) ?? certificates[0];

    /// <summary>Reads a private key: PEM "PRIVATE KEY" (PKCS#8), "RSA PRIVATE KEY" (PKCS#1), or DER PKCS#8; InvalidDataException for anything else.</summary>
    public static AsymmetricKeyParameter ReadPrivateKey(byte[] derOrPem)
    {
        ArgumentNullException.ThrowIfNull(derOrPem);
        try
        {
            return ParsePrivateKey(derOrPem);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or InvalidOperationException or NotSupportedException
            or Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            throw new InvalidDataException($"The data is not a private key (PEM or DER PKCS#8): {ex.Message}", ex);
        }
    }

    private static AsymmetricKeyParameter ParsePrivateKey(byte[] derOrPem)
    {
        if (!LooksLikePem(derOrPem))
        {
            return FromPkcs8(derOrPem);
        }

        using var reader = new PemReader(new StringReader(System.Text.Encoding.ASCII.GetString(derOrPem)));
        for (var pem = reader.ReadPemObject(); pem is not null; pem = reader.ReadPemObject())
        {
            switch (pem.Type)
            {
                case "PRIVATE KEY":
                    return FromPkcs8(pem.Content);
                case "RSA PRIVATE KEY":
                    var rsa = RsaPrivateKeyStructure.GetInstance(pem.Content);
                    return new RsaPrivateCrtKeyParameters(rsa.Modulus, rsa.PublicExponent, rsa.PrivateExponent, rsa.Prime1, rsa.Prime2, rsa.Exponent1, rsa.Exponent2, rsa.Coefficient);
                case "ENCRYPTED PRIVATE KEY":
                    throw new InvalidDataException("Encrypted PEM keys are not supported: use PKCS#12 or an unencrypted PKCS#8 key.");
            }
        }

        throw new InvalidDataException("No private key found in the PEM data.");
    }

    /// <summary>Reads the first key entry of a PKCS#12 file with its certificate.</summary>
    public static EsiaCredential ReadPkcs12(byte[] pkcs12, string password)
    {
        var store = new Pkcs12StoreBuilder().Build();
        using (var stream = new MemoryStream(pkcs12))
        {
            store.Load(stream, password.ToCharArray());
        }

        var alias = store.Aliases.FirstOrDefault(store.IsKeyEntry)
            ?? throw new InvalidDataException("The PKCS#12 file holds no private key.");
        var certificate = store.GetCertificate(alias)?.Certificate
            ?? throw new InvalidDataException("The PKCS#12 key entry has no certificate.");
        return new EsiaCredential(EsiaCertificate.From(certificate), store.GetKey(alias).Key);
    }

    /// <summary>Writes a private key as PEM PKCS#8 ("PRIVATE KEY").</summary>
    public static string WritePrivateKeyPem(AsymmetricKeyParameter privateKey) =>
        ToPem("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded());

    /// <summary>Writes a certificate as PEM.</summary>
    public static string WriteCertificatePem(EsiaCertificate certificate) => ToPem("CERTIFICATE", certificate.Der);

    /// <summary>The certificate's public key as PEM (<c>PUBLIC KEY</c>, SubjectPublicKeyInfo), as PHP and Python libraries take ESIA's key.</summary>
    public static string WritePublicKeyPem(EsiaCertificate certificate) =>
        ToPem("PUBLIC KEY", certificate.Certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded());

    // RFC 7468: base64 in lines of 64 characters, as OpenSSL writes it.
    private static string ToPem(string type, byte[] der) =>
        $"-----BEGIN {type}-----\n{string.Join('\n', Convert.ToBase64String(der).Chunk(64).Select(line => new string(line)))}\n-----END {type}-----\n";

    private static AsymmetricKeyParameter FromPkcs8(byte[] der) =>
        PrivateKeyFactory.CreateKey(GostKeyInfo.Normalize(PrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der))));

    // Base64 without PEM armour, as CryptoPro exports a certificate ("Base-64 encoded X.509" without the BEGIN line on
    // some versions): decoded to DER; null when the data is not such text.
    private static byte[]? UnarmouredBase64(byte[] data)
    {
        if (data.Length == 0 || LooksLikePem(data) || data[0] == 0x30)
        {
            return null;
        }

        var text = System.Text.Encoding.ASCII.GetString(data).Trim();
        if (!text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '\r' or '\n' or ' '))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool LooksLikePem(byte[] data) =>
        System.Text.Encoding.ASCII.GetString(data, 0, Math.Min(data.Length, 64)).Contains("-----BEGIN", StringComparison.Ordinal);
}
