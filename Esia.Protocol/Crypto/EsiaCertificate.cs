using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Esia.Protocol.Crypto;

/// <summary>
/// An X.509 certificate with everything the protocol needs from it computed once: the public key object
/// (building it is the expensive part of a verification, so it is kept for the life of the certificate),
/// the key family, and the fingerprints.
/// </summary>
public sealed class EsiaCertificate
{
    private EsiaCertificate(X509Certificate certificate)
    {
        Certificate = certificate;
        Der = certificate.GetEncoded();
        try
        {
            PublicKey = PublicKeyFactory.CreateKey(GostKeyInfo.Normalize(certificate.CertificateStructure.SubjectPublicKeyInfo));
            KeyAlgorithm = KeyAlgorithmOf(PublicKey);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or InvalidOperationException or IOException or NotSupportedException
            or Org.BouncyCastle.Security.SecurityUtilityException or NullReferenceException)
        {
            // NullReferenceException: BouncyCastle 2.7 dereferences missing curve parameters of a mangled key (found by fuzzing).
            throw new InvalidDataException($"The certificate's public key cannot be read: {ex.Message}", ex);
        }

        Streebog256Hex = Convert.ToHexString(Streebog.Hash256(Der));
    }

    /// <summary>The parsed certificate.</summary>
    public X509Certificate Certificate { get; }

    /// <summary>The DER encoding.</summary>
    public byte[] Der { get; }

    /// <summary>The public key, with TC26 parameters re-wrapped so BouncyCastle can use it.</summary>
    public AsymmetricKeyParameter PublicKey { get; }

    /// <summary>The key family.</summary>
    public KeyAlgorithm KeyAlgorithm { get; }

    /// <summary>Streebog-256 of the DER, upper-case hex: ESIA's <c>client_certificate_hash</c>.</summary>
    public string Streebog256Hex { get; }

    /// <summary>Subject distinguished name.</summary>
    public string Subject => Certificate.SubjectDN.ToString();

    /// <summary>Issuer distinguished name.</summary>
    public string Issuer => Certificate.IssuerDN.ToString();

    /// <summary>Serial number, upper-case hex.</summary>
    public string SerialNumberHex => Certificate.SerialNumber.ToString(16).ToUpperInvariant();

    /// <summary>Start of validity (UTC).</summary>
    public DateTimeOffset NotBefore => new(DateTime.SpecifyKind(Certificate.NotBefore, DateTimeKind.Utc));

    /// <summary>End of validity (UTC).</summary>
    public DateTimeOffset NotAfter => new(DateTime.SpecifyKind(Certificate.NotAfter, DateTimeKind.Utc));

    /// <summary>SHA-1 of the DER, upper-case hex (the wrong fingerprint clients sometimes send).</summary>
    public string Sha1Hex => Convert.ToHexString(SHA1.HashData(Der));

    /// <summary>SHA-256 of the DER, upper-case hex (another wrong fingerprint clients send).</summary>
    public string Sha256Hex => Convert.ToHexString(SHA256.HashData(Der));

    /// <summary>Whether <paramref name="instant"/> lies inside the validity period.</summary>
    public bool IsValidAt(DateTimeOffset instant) => instant >= NotBefore && instant <= NotAfter;

    /// <summary>Wraps a parsed certificate.</summary>
    public static EsiaCertificate From(X509Certificate certificate) => new(certificate);

    /// <summary>Parses one certificate from DER or PEM bytes.</summary>
    public static EsiaCertificate Parse(byte[] derOrPem) => KeyMaterial.ReadCertificates(derOrPem).Single();

    /// <summary>Verifies a raw signature (s‖r for GOST, PKCS#1 v1.5 for RSA) over <paramref name="data"/>.</summary>
    public bool VerifyRaw(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        RawSignature.Verify(PublicKey, KeyAlgorithm, data, signature);

    /// <summary>Verifies a raw signature with the named GOST implementation (a server that chooses its own passes it; the answers are the same).</summary>
    public bool VerifyRaw(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, GostImplementation implementation) =>
        RawSignature.Verify(PublicKey, KeyAlgorithm, data, signature, implementation);

    internal static KeyAlgorithm KeyAlgorithmOf(AsymmetricKeyParameter key) => key switch
    {
        ECKeyParameters ec when ec.Parameters.Curve.FieldSize > 256 => KeyAlgorithm.Gost2012_512,
        ECKeyParameters => KeyAlgorithm.Gost2012_256,
        RsaKeyParameters => KeyAlgorithm.Rsa,
        _ => throw new NotSupportedException($"Key type {key.GetType().Name} is not used by ESIA."),
    };
}
