namespace Esia.Protocol.Crypto;

/// <summary>The key families ESIA and its clients use.</summary>
public enum KeyAlgorithm
{
    /// <summary>GOST R 34.10-2012 with a 256-bit key; hash GOST R 34.11-2012-256 (Streebog-256).</summary>
    Gost2012_256,

    /// <summary>GOST R 34.10-2012 with a 512-bit key; hash GOST R 34.11-2012-512 (Streebog-512).</summary>
    Gost2012_512,

    /// <summary>RSA with SHA-256 (RS256 tokens, legacy RSA clients).</summary>
    Rsa,
}

/// <summary>Names of the algorithms in BouncyCastle, in JWT headers and in ASN.1.</summary>
public static class KeyAlgorithms
{
    /// <summary>The BouncyCastle signer name for raw signatures made with a key of this family.</summary>
    public static string SignerName(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Gost2012_256 => "ECGOST3410-2012-256",
        KeyAlgorithm.Gost2012_512 => "ECGOST3410-2012-512",
        _ => "SHA256WITHRSA",
    };

    /// <summary>The certificate / CMS signature algorithm name BouncyCastle's signature factories accept.</summary>
    public static string SignatureFactoryName(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Gost2012_256 => "GOST3411-2012-256WITHECGOST3410-2012-256",
        KeyAlgorithm.Gost2012_512 => "GOST3411-2012-512WITHECGOST3410-2012-512",
        _ => "SHA256WITHRSA",
    };

    /// <summary>The JWT <c>alg</c> value ESIA writes for tokens signed with a key of this family.</summary>
    public static string JwtAlgorithm(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Gost2012_256 => "GOST3410_2012_256",
        KeyAlgorithm.Gost2012_512 => "GOST3410_2012_512",
        _ => "RS256",
    };

    /// <summary>Maps a JWT <c>alg</c> value back to a key family; null for anything ESIA does not use (including <c>none</c>).</summary>
    public static KeyAlgorithm? FromJwtAlgorithm(string? alg) => alg switch
    {
        "GOST3410_2012_256" => KeyAlgorithm.Gost2012_256,
        "GOST3410_2012_512" => KeyAlgorithm.Gost2012_512,
        "RS256" => KeyAlgorithm.Rsa,
        _ => null,
    };

    /// <summary>The length of a raw signature for GOST keys (s‖r); null for RSA, whose length is the modulus size.</summary>
    public static int? RawSignatureLength(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Gost2012_256 => 64,
        KeyAlgorithm.Gost2012_512 => 128,
        _ => null,
    };
}
