using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Esia.Protocol.Crypto;

/// <summary>GOST R 34.11-2012 (Streebog) hashing, and the other fingerprints the signature doctor compares against.</summary>
public static class Streebog
{
    /// <summary>Streebog-256 as a byte string (the order OpenSSL's md_gost12_256 prints).</summary>
    public static byte[] Hash256(ReadOnlySpan<byte> data) => Hash(new Gost3411_2012_256Digest(), data);

    private static byte[] Hash(IDigest digest, ReadOnlySpan<byte> data)
    {
        digest.BlockUpdate(data);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }
}
