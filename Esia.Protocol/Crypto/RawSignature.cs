using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Esia.Protocol.Crypto.Fast;

namespace Esia.Protocol.Crypto;

/// <summary>Raw signatures: GOST R 34.10-2012 as s‖r (each half big-endian), or RSA PKCS#1 v1.5 with SHA-256.</summary>
public static class RawSignature
{
    // RSA goes through .NET's RSA (OpenSSL underneath): signing is ~20x faster than BouncyCastle's. One object per key.
    private static readonly ConditionalWeakTable<AsymmetricKeyParameter, RSA> RsaKeys = new();

    /// <summary>Signs <paramref name="data"/> with the private key through BouncyCastle (what an integrator's key needs).</summary>
    public static byte[] Sign(AsymmetricKeyParameter privateKey, KeyAlgorithm algorithm, ReadOnlySpan<byte> data) =>
        Sign(privateKey, algorithm, data, GostImplementation.Generic);

    /// <summary>
    /// Signs <paramref name="data"/> with the private key; <see cref="GostImplementation.Fast"/> takes the fast path where
    /// it covers the key's parameter set (test keys only: it is not constant-time).
    /// </summary>
    public static byte[] Sign(AsymmetricKeyParameter privateKey, KeyAlgorithm algorithm, ReadOnlySpan<byte> data, GostImplementation implementation)
    {
        if (implementation == GostImplementation.Fast && algorithm == KeyAlgorithm.Gost2012_256)
        {
            var signature = new byte[64];
            if (FastGost.TrySign(privateKey, data, signature))
            {
                return signature;
            }
        }

        if (algorithm == KeyAlgorithm.Rsa && privateKey is RsaPrivateCrtKeyParameters rsaKey)
        {
            return RsaKeys.GetValue(rsaKey, ToDotNet).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        var signer = SignerUtilities.GetSigner(algorithm.SignerName());
        signer.Init(true, privateKey);
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }

    /// <summary>
    /// Verifies a signature with the implementation <see cref="GostBackend.Verification"/> names; false for a wrong
    /// length or any malformed value, never an exception.
    /// </summary>
    public static bool Verify(AsymmetricKeyParameter publicKey, KeyAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        Verify(publicKey, algorithm, data, signature, GostBackend.Verification);

    /// <summary>Verifies a signature with the given implementation; false for a wrong length or any malformed value.</summary>
    public static bool Verify(AsymmetricKeyParameter publicKey, KeyAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, GostImplementation implementation)
    {
        var expected = algorithm.RawSignatureLength();
        if (signature.IsEmpty || (expected is { } length && signature.Length != length))
        {
            return false;
        }

        if (implementation == GostImplementation.Fast && algorithm == KeyAlgorithm.Gost2012_256)
        {
            var valid = FastGost.Verify(publicKey, data, signature, out var covered);
            if (covered)
            {
                return valid;
            }
        }

        if (algorithm == KeyAlgorithm.Rsa && publicKey is RsaKeyParameters { IsPrivate: false } rsaPublic)
        {
            return RsaKeys.GetValue(rsaPublic, ToDotNet).VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
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

    private static RSA ToDotNet(AsymmetricKeyParameter key)
    {
        var rsa = (RsaKeyParameters)key;
        var size = rsa.Modulus.ToByteArrayUnsigned().Length;
        var parameters = new RSAParameters { Modulus = Fixed(rsa.Modulus, size), Exponent = rsa.Exponent.ToByteArrayUnsigned() };
        if (rsa is RsaPrivateCrtKeyParameters crt)
        {
            var half = (size + 1) / 2;
            parameters.Exponent = crt.PublicExponent.ToByteArrayUnsigned();
            parameters.D = Fixed(crt.Exponent, size);
            parameters.P = Fixed(crt.P, half);
            parameters.Q = Fixed(crt.Q, half);
            parameters.DP = Fixed(crt.DP, half);
            parameters.DQ = Fixed(crt.DQ, half);
            parameters.InverseQ = Fixed(crt.QInv, half);
        }

        var result = RSA.Create();
        result.ImportParameters(parameters);
        return result;
    }

    // Big-endian, left-padded to the length .NET requires for each RSA parameter.
    private static byte[] Fixed(Org.BouncyCastle.Math.BigInteger value, int length)
    {
        var bytes = value.ToByteArrayUnsigned();
        if (bytes.Length >= length)
        {
            return bytes;
        }

        var padded = new byte[length];
        bytes.CopyTo(padded, length - bytes.Length);
        return padded;
    }
}
