using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.CryptoPro;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Rosstandart;
using Org.BouncyCastle.Asn1.X509;

namespace Esia.Protocol.Crypto;

/// <summary>
/// Repairs GOST key parameters that BouncyCastle 2.7 cannot read: keys on TC26 parameter sets written in the
/// RFC 9215 style (OpenSSL's TCA/TCB keys, 512-bit keys) omit the digest parameter, and BouncyCastle requires it.
/// The parameters are re-wrapped with the digest that goes with the key size; everything else is kept.
/// </summary>
public static class GostKeyInfo
{
    private static readonly DerObjectIdentifier Gost2001Key = CryptoProObjectIdentifiers.GostR3410x2001;

    /// <summary>Returns the public key info itself, or a re-wrapped copy when its GOST parameters lack the digest.</summary>
    public static SubjectPublicKeyInfo Normalize(SubjectPublicKeyInfo spki) =>
        Rewrap(spki.Algorithm) is { } algorithm ? new SubjectPublicKeyInfo(algorithm, spki.PublicKey.GetBytes()) : spki;

    /// <summary>Returns the private key info itself, or a re-wrapped copy when its GOST parameters lack the digest.</summary>
    public static PrivateKeyInfo Normalize(PrivateKeyInfo info) =>
        Rewrap(info.PrivateKeyAlgorithm) is { } algorithm ? PrivateKeyInfo.GetInstance(Replace((Asn1Sequence)info.ToAsn1Object(), 1, algorithm)) : info;

    // Replaces one element of a SEQUENCE and keeps the others verbatim (the GOST private key octets are not DER inside).
    private static DerSequence Replace(Asn1Sequence sequence, int index, Asn1Encodable element)
    {
        var elements = sequence.ToArray();
        elements[index] = element;
        return new DerSequence(elements);
    }

    private static AlgorithmIdentifier? Rewrap(AlgorithmIdentifier algorithm)
    {
        var oid = algorithm.Algorithm;
        var is512 = oid.Equals(RosstandartObjectIdentifiers.id_tc26_gost_3410_12_512);
        var isGost = is512 || oid.Equals(RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256) || oid.Equals(Gost2001Key);
        if (!isGost || algorithm.Parameters is not Asn1Sequence { Count: 1 } parameters)
        {
            return null;
        }

        var digest = is512 ? RosstandartObjectIdentifiers.id_tc26_gost_3411_12_512 : RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256;
        return new AlgorithmIdentifier(oid, new DerSequence(parameters[0], digest));
    }
}
