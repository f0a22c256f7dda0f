namespace Esia.Protocol.Crypto;

/// <summary>
/// Makes raw signatures in ESIA's byte order (GOST: s‖r, each half big-endian). The BouncyCastle implementation
/// is <see cref="EsiaCredential"/>; an OpenSSL command-line signer is <see cref="OpenSslCliSigner"/>. A CryptoPro
/// CSP signer must reverse CSP's output byte for byte before returning it.
/// </summary>
public interface IMessageSigner
{
    /// <summary>The certificate whose key signs.</summary>
    EsiaCertificate Certificate { get; }

    /// <summary>Signs the message (the signer hashes it with the hash that goes with the key).</summary>
    byte[] Sign(ReadOnlySpan<byte> message);
}
