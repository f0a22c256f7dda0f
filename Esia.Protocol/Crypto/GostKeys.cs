using Org.BouncyCastle.Asn1.CryptoPro;
using Org.BouncyCastle.Asn1.Rosstandart;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Esia.Protocol.Crypto;

/// <summary>GOST R 34.10-2012 parameter sets by their BouncyCastle names.</summary>
public static class GostParameterSets
{
    /// <summary>id-GostR3410-2001-CryptoPro-A-ParamSet (OpenSSL <c>paramset:A</c>): the safest choice for interop.</summary>
    public const string CryptoProA = "GostR3410-2001-CryptoPro-A";

    /// <summary>id-GostR3410-2001-CryptoPro-XchA-ParamSet (OpenSSL <c>paramset:XA</c>): the set ESIA's own certificates use.</summary>
    public const string CryptoProXchA = "GostR3410-2001-CryptoPro-XchA";

    /// <summary>id-tc26-gost-3410-2012-256-paramSetA (OpenSSL <c>paramset:TCA</c>).</summary>
    public const string Tc26_256A = "Tc26-Gost-3410-12-256-paramSetA";

    /// <summary>id-tc26-gost-3410-2012-512-paramSetA (OpenSSL <c>gost2012_512 paramset:A</c>).</summary>
    public const string Tc26_512A = "Tc26-Gost-3410-12-512-paramSetA";
}

/// <summary>Makes key pairs and self-signed certificates (tests, rotation drills, generated client registrations).</summary>
public static class GostKeys
{
    /// <summary>Generates a GOST R 34.10-2012 key pair on a named parameter set (256 or 512 bits by the set).</summary>
    public static AsymmetricCipherKeyPair Generate(string parameterSet)
    {
        var oid = ECGost3410NamedCurves.GetOid(parameterSet) ?? throw new ArgumentException($"Unknown GOST parameter set '{parameterSet}'.", nameof(parameterSet));
        var curve = ECGost3410NamedCurves.GetByOid(oid);
        var digest = curve.Curve.FieldSize > 256 ? RosstandartObjectIdentifiers.id_tc26_gost_3411_12_512 : RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256;
        var parameters = new ECGost3410Parameters(new ECNamedDomainParameters(oid, curve), oid, digest, null);
        var generator = new ECKeyPairGenerator("ECGOST3410");
        generator.Init(new ECKeyGenerationParameters(parameters, new SecureRandom()));
        return generator.GenerateKeyPair();
    }

    /// <summary>
    /// Makes a self-signed certificate. GOST keys get the 2012 key OID even on CryptoPro parameter sets (BouncyCastle
    /// would write the 2001 OID), with the Streebog digest parameter, as OpenSSL does.
    /// </summary>
    public static EsiaCredential SelfSigned(AsymmetricCipherKeyPair keyPair, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var algorithm = EsiaCertificate.KeyAlgorithmOf(keyPair.Public);
        var generator = new X509V3CertificateGenerator();
        var name = new X509Name(subject);
        generator.SetSerialNumber(new BigInteger(128, new SecureRandom()).Add(BigInteger.One));
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        generator.SetSubjectPublicKeyInfo(PublicKeyInfo(keyPair.Public, algorithm));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeID.id_kp_clientAuth, KeyPurposeID.id_kp_emailProtection));
        var certificate = generator.Generate(new Asn1SignatureFactory(algorithm.SignatureFactoryName(), keyPair.Private));
        return new EsiaCredential(EsiaCertificate.From(certificate), keyPair.Private);
    }

    private static SubjectPublicKeyInfo PublicKeyInfo(AsymmetricKeyParameter publicKey, KeyAlgorithm algorithm)
    {
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey);
        if (algorithm == KeyAlgorithm.Rsa)
        {
            return spki;
        }

        var keyOid = algorithm == KeyAlgorithm.Gost2012_512 ? RosstandartObjectIdentifiers.id_tc26_gost_3410_12_512 : RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256;
        var gost = (ECGost3410Parameters)((ECPublicKeyParameters)publicKey).Parameters;
        var parameters = new Gost3410PublicKeyAlgParameters(gost.PublicKeyParamSet, gost.DigestParamSet);
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(keyOid, parameters), spki.PublicKey.GetBytes());
    }
}
