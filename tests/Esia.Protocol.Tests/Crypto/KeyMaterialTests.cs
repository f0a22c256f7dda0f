using Esia.Protocol.Crypto;
using Esia.TestSupport;

namespace Esia.Protocol.Tests.Crypto;

public class KeyMaterialTests
{
    [Theory]
    [InlineData("clients/client-gost256", KeyAlgorithm.Gost2012_256)]
    [InlineData("clients/client-gost256-tc26", KeyAlgorithm.Gost2012_256)]
    [InlineData("clients/client-gost512", KeyAlgorithm.Gost2012_512)]
    [InlineData("clients/client-rsa", KeyAlgorithm.Rsa)]
    [InlineData("esia/esia-gost256", KeyAlgorithm.Gost2012_256)]
    public void OpenSsl_made_keys_and_certificates_load_from_PEM_and_DER(string name, KeyAlgorithm algorithm)
    {
        var credential = TestPki.Get(name);
        credential.Certificate.KeyAlgorithm.Should().Be(algorithm);
        var der = EsiaCertificate.Parse(Paths.Bytes("pki", name + ".cer"));
        der.Streebog256Hex.Should().Be(credential.Certificate.Streebog256Hex);
        var message = "message"u8.ToArray();
        der.VerifyRaw(message, credential.Sign(message)).Should().BeTrue();
    }

    [Fact]
    public void A_TC26_certificate_without_the_digest_parameter_is_rewrapped()
    {
        var cert = TestPki.ClientTc26.Certificate;
        var parameters = (Org.BouncyCastle.Asn1.Asn1Sequence)cert.Certificate.CertificateStructure.SubjectPublicKeyInfo.Algorithm.Parameters;
        parameters.Count.Should().Be(1, "OpenSSL writes TC26 parameters without the digest (RFC 9215 style)");
        var action = () => cert.Certificate.GetPublicKey();
        action.Should().Throw<ArgumentException>("BouncyCastle cannot read it unaided");
        cert.PublicKey.Should().NotBeNull();
    }

    [Fact]
    public void PKCS12_loads_the_key_and_its_certificate()
    {
        var credential = EsiaCredential.LoadPkcs12(Paths.Fixture("pki", "clients", "client-gost256.p12"), "test");
        credential.Certificate.Streebog256Hex.Should().Be(TestPki.ClientGost256.Certificate.Streebog256Hex);
        var message = "pkcs12"u8.ToArray();
        TestPki.ClientGost256.Certificate.VerifyRaw(message, credential.Sign(message)).Should().BeTrue();
    }

    [Fact]
    public void A_key_that_does_not_match_the_certificate_is_refused()
    {
        var action = () => new EsiaCredential(TestPki.ClientGost256.Certificate, TestPki.ClientOther.PrivateKey);
        action.Should().Throw<ArgumentException>().WithMessage("*does not match*");
        var family = () => new EsiaCredential(TestPki.ClientGost256.Certificate, TestPki.ClientRsa.PrivateKey);
        family.Should().Throw<ArgumentException>().WithMessage("*different key families*");
    }

    [Theory]
    [InlineData(GostParameterSets.CryptoProA, "1.2.643.7.1.1.1.1", 64)]
    [InlineData(GostParameterSets.CryptoProXchA, "1.2.643.7.1.1.1.1", 64)]
    [InlineData(GostParameterSets.Tc26_256A, "1.2.643.7.1.1.1.1", 64)]
    [InlineData(GostParameterSets.Tc26_512A, "1.2.643.7.1.1.1.2", 128)]
    public void Generated_certificates_carry_the_2012_key_OID_on_every_parameter_set(string parameterSet, string keyOid, int signatureLength)
    {
        var now = DateTimeOffset.UtcNow;
        var credential = GostKeys.SelfSigned(GostKeys.Generate(parameterSet), "CN=generated,C=RU", now.AddDays(-1), now.AddDays(1));
        credential.Certificate.Certificate.CertificateStructure.SubjectPublicKeyInfo.Algorithm.Algorithm.Id.Should().Be(keyOid);
        credential.Sign("x"u8).Should().HaveCount(signatureLength);
        credential.Certificate.IsValidAt(now).Should().BeTrue();
        credential.Certificate.IsValidAt(now.AddDays(2)).Should().BeFalse();
    }

    [Fact]
    public void Written_PEM_reads_back()
    {
        var credential = TestPki.ClientTc26;
        var pem = System.Text.Encoding.ASCII.GetBytes(KeyMaterial.WritePrivateKeyPem(credential.PrivateKey));
        var cert = System.Text.Encoding.ASCII.GetBytes(KeyMaterial.WriteCertificatePem(credential.Certificate));
        var again = new EsiaCredential(EsiaCertificate.Parse(cert), KeyMaterial.ReadPrivateKey(pem));
        again.Certificate.Streebog256Hex.Should().Be(credential.Certificate.Streebog256Hex);
    }

    [Fact]
    public void Garbage_is_refused_with_a_clear_exception()
    {
        var noCert = () => KeyMaterial.ReadCertificates("not a certificate"u8.ToArray());
        noCert.Should().Throw<Exception>();
        var noKey = () => KeyMaterial.ReadPrivateKey("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"u8.ToArray());
        noKey.Should().Throw<InvalidDataException>().WithMessage("*No private key*");
    }
}
