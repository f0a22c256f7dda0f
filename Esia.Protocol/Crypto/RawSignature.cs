using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Esia.Protocol.Crypto;

/// <summary>Raw signatures: GOST R 34.10-2012 as s‖r (each half big-endian), or RSA PKCS#1 v1.5 with SHA-256.</summary>
public static class RawSignature
{
    /// <summary>Signs <paramref name="data"/> with the private key.</summary>
    public static byte[] Sign(AsymmetricKeyParameter privateKey, KeyAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        var signer = SignerUtilities.GetSigner(algorithm.SignerName());
        signer.Init(true, privateKey);
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }

    /// <summary>Verifies a signature; false for a wrong length or any malformed value, never an exception.</summary>
    public static bool Verify(AsymmetricKeyParameter publicKey, KeyAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var expected = algorithm.RawSignatureLength();
        if (signature.IsEmpty || (expected is { } length && signature.Length != length))
        {
            return false;
        }

        var verifier = SignerUtilities.GetSigner(algorithm.SignerName());
        verifier.Init(false, publicKey);
        verifier.BlockUpdate(data);
        try
        {
            return verifier.VerifySignature(signature.ToArray());
        }
        catch (Exception ex) when (ex is CryptoException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
