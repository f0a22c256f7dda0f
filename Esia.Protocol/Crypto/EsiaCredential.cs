using Org.BouncyCastle.Crypto;

namespace Esia.Protocol.Crypto;

/// <summary>A private key with its certificate: what a client signs requests with and what ESIA signs tokens with.</summary>
public sealed class EsiaCredential : IMessageSigner
{
    /// <summary>Pairs a private key with its certificate; throws when they do not belong together.</summary>
    public EsiaCredential(EsiaCertificate certificate, AsymmetricKeyParameter privateKey)
        : this(certificate, privateKey, GostImplementation.Generic)
    {
    }

    private EsiaCredential(EsiaCertificate certificate, AsymmetricKeyParameter privateKey, GostImplementation signing)
    {
        if (!privateKey.IsPrivate)
        {
            throw new ArgumentException("A private key is required.", nameof(privateKey));
        }

        if (EsiaCertificate.KeyAlgorithmOf(privateKey) != certificate.KeyAlgorithm)
        {
            throw new ArgumentException("The key and the certificate are of different key families.", nameof(privateKey));
        }

        Certificate = certificate;
        PrivateKey = privateKey;
        Signing = signing;
        var probe = "key-pair-check"u8.ToArray();
        if (!certificate.VerifyRaw(probe, Sign(probe)))
        {
            throw new ArgumentException("The private key does not match the certificate's public key.", nameof(privateKey));
        }
    }

    /// <inheritdoc />
    public EsiaCertificate Certificate { get; }

    public AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>
    /// The implementation that signs: <see cref="GostImplementation.Generic"/> (BouncyCastle) unless the credential was
    /// made with <see cref="WithSigning"/>. An integrator's key stays generic: the fast code is not constant-time.
    /// </summary>
    public GostImplementation Signing { get; }

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> message) => RawSignature.Sign(PrivateKey, Certificate.KeyAlgorithm, message, Signing);

    /// <summary>The same key and certificate signing with another implementation (MockEsia's own test keys use the fast one).</summary>
    public EsiaCredential WithSigning(GostImplementation implementation) =>
        implementation == Signing ? this : new EsiaCredential(Certificate, PrivateKey, implementation);

    /// <summary>Loads a credential from a certificate file and a private-key file (PEM or DER each).</summary>
    public static EsiaCredential Load(string certificatePath, string privateKeyPath) =>
        new(EsiaCertificate.Parse(File.ReadAllBytes(certificatePath)), KeyMaterial.ReadPrivateKey(File.ReadAllBytes(privateKeyPath)));

    /// <summary>Loads a credential from a PKCS#12 file.</summary>
    public static EsiaCredential LoadPkcs12(string path, string password) => KeyMaterial.ReadPkcs12(File.ReadAllBytes(path), password);
}
