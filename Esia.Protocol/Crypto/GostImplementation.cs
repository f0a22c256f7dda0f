namespace Esia.Protocol.Crypto;

/// <summary>Which code computes GOST R 34.10-2012 signatures.</summary>
public enum GostImplementation
{
    /// <summary>
    /// MockEsia's own code for the 256-bit parameter sets over p = 2^256 − 617 (CryptoPro-A, CryptoPro-XchA,
    /// TC26-256-A), several times faster than BouncyCastle's; every other set (CryptoPro-B/C, TC26-256-B/C/D, all
    /// 512-bit sets) still goes through BouncyCastle. Not constant-time, so never used to sign with an integrator's key.
    /// </summary>
    Fast,

    /// <summary>BouncyCastle's generic elliptic-curve code for every parameter set.</summary>
    Generic,
}

/// <summary>The process-wide choice of GOST implementation for verification.</summary>
public static class GostBackend
{
    /// <summary>
    /// The implementation <see cref="RawSignature.Verify(Org.BouncyCastle.Crypto.AsymmetricKeyParameter, KeyAlgorithm, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    /// uses: <see cref="GostImplementation.Fast"/> unless set otherwise (benchmarks compare the two). Both give the same
    /// answers; only the cost differs.
    /// </summary>
    public static GostImplementation Verification { get; set; } = GostImplementation.Fast;

    /// <summary>Whether the fast implementation covers this key's parameter set.</summary>
    public static bool CoversFast(Org.BouncyCastle.Crypto.AsymmetricKeyParameter key) => Fast.FastGost.Covers(key);
}
