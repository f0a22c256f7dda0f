using System.Text;
using Esia.Protocol.Crypto;
using Esia.TestSupport;

namespace Esia.Protocol.Tests.Crypto;

public class CmsSignatureTests
{
    private static readonly byte[] V1Message = Paths.Bytes("signatures", "v1-message.txt");

    public static TheoryData<string, string> OpenSslSignatures()
    {
        var data = new TheoryData<string, string>();
        foreach (var client in new[] { "client-gost256", "client-gost256-tc26", "client-gost512" })
        {
            foreach (var shape in new[] { "cms-attrs", "cms-noattr", "cms-attached", "smime" })
            {
                data.Add(client, shape);
            }
        }

        data.Add("client-rsa", "cms-noattr");
        data.Add("client-rsa", "cms-attached");
        return data;
    }

    [Theory]
    [MemberData(nameof(OpenSslSignatures))]
    public void Committed_OpenSsl_signatures_verify(string client, string shape)
    {
        var cms = Paths.Bytes("signatures", $"{client}.v1.{shape}.p7s");
        var cert = TestPki.Get("clients/" + client).Certificate;
        var result = CmsSignature.Verify(cms, V1Message, [cert]);
        result.Success.Should().BeTrue(result.Detail);
        result.Attached.Should().Be(shape == "cms-attached");
        result.HasSignedAttributes.Should().Be(shape != "cms-noattr" && client != "client-rsa", "the RSA signatures were made with -noattr");
    }

    [Theory]
    [MemberData(nameof(OpenSslSignatures))]
    public void Committed_OpenSsl_signatures_fail_over_other_content(string client, string shape)
    {
        var cms = Paths.Bytes("signatures", $"{client}.v1.{shape}.p7s");
        var cert = TestPki.Get("clients/" + client).Certificate;
        var result = CmsSignature.Verify(cms, Encoding.UTF8.GetBytes("another string"), [cert]);
        result.Success.Should().BeFalse();
        result.Failure.Should().Be(shape switch
        {
            "cms-attached" => CmsFailure.ContentMismatch,
            "cms-noattr" => CmsFailure.SignatureInvalid,
            _ => CmsFailure.DigestMismatch,
        });
    }

    [Fact]
    public void A_signature_by_an_unregistered_certificate_is_named_as_such()
    {
        var cms = Paths.Bytes("signatures", "client-gost256.v1.cms-attrs.p7s");
        var result = CmsSignature.Verify(cms, V1Message, [TestPki.ClientOther.Certificate]);
        result.Failure.Should().Be(CmsFailure.UnregisteredCertificate);
        result.Signer!.Streebog256Hex.Should().Be(TestPki.ClientGost256.Certificate.Streebog256Hex);
        CmsSignature.EmbeddedSigner(cms)!.Subject.Should().Contain("MOCKSYS");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Our_CMS_round_trips_for_every_key_family(bool detached, bool attributes)
    {
        foreach (var credential in new[] { TestPki.ClientGost256, TestPki.ClientTc26, TestPki.ClientGost512, TestPki.ClientRsa })
        {
            var cms = CmsSignature.Sign(credential, V1Message, detached, attributes);
            var result = CmsSignature.Verify(cms, V1Message, [credential.Certificate]);
            result.Success.Should().BeTrue(result.Detail);
            result.Attached.Should().Be(!detached);
            result.HasSignedAttributes.Should().Be(attributes);
        }
    }

    [Fact]
    public void Garbage_gets_a_typed_reason_never_an_exception()
    {
        var registered = new[] { TestPki.ClientGost256.Certificate };
        var valid = Paths.Bytes("signatures", "client-gost256.v1.cms-attrs.p7s");
        CmsSignature.Verify([], V1Message, registered).Failure.Should().Be(CmsFailure.Malformed);
        CmsSignature.Verify(valid[..(valid.Length / 2)], V1Message, registered).Failure.Should().Be(CmsFailure.Malformed);
        CmsSignature.Verify([0x30, 0x03, 0x02, 0x01, 0x05], V1Message, registered).Failure.Should().Be(CmsFailure.Malformed);
        var dataContent = new Org.BouncyCastle.Asn1.Cms.ContentInfo(Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.Data, new Org.BouncyCastle.Asn1.DerOctetString(V1Message)).GetDerEncoded();
        CmsSignature.Verify(dataContent, V1Message, registered).Failure.Should().Be(CmsFailure.NotSignedData);
        var flipped = (byte[])valid.Clone();
        flipped[^10] ^= 0xFF;
        CmsSignature.Verify(flipped, V1Message, registered).Success.Should().BeFalse();
    }
}
