using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.TestSupport;

namespace Esia.Protocol.Tests.Secrets;

public class ClientSecretCodecTests
{
    public static TheoryData<Base64Flavour> Flavours() => new(Enum.GetValues<Base64Flavour>());

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Raw_signatures_decode_in_every_flavour(Base64Flavour flavour)
    {
        foreach (var raw in new[] { Paths.Bytes("signatures", "client-gost256.v2.raw.sig"), Paths.Bytes("signatures", "client-gost512.v2.raw.sig") })
        {
            var decoded = ClientSecretCodec.Decode(ClientSecretCodec.Encode(raw, flavour));
            decoded.Success.Should().BeTrue(decoded.Detail);
            decoded.Bytes.Should().Equal(raw);
            decoded.Form.Should().Be(ClientSecretForm.Raw);
        }
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void CMS_decodes_in_every_flavour(Base64Flavour flavour)
    {
        foreach (var name in new[] { "client-gost256.v1.cms-attrs.p7s", "client-gost256.v1.cms-noattr.p7s", "client-rsa.v1.cms-attached.p7s", "client-gost512.v1.smime.p7s" })
        {
            var cms = Paths.Bytes("signatures", name);
            var decoded = ClientSecretCodec.Decode(ClientSecretCodec.Encode(cms, flavour));
            decoded.Success.Should().BeTrue(decoded.Detail);
            decoded.Bytes.Should().Equal(cms);
            decoded.Form.Should().Be(ClientSecretForm.Cms);
        }
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void A_raw_signature_that_reads_as_a_whole_DER_sequence_is_still_raw(Base64Flavour flavour)
    {
        var raw = Paths.Bytes("signatures", "client-gost256.der-lookalike.raw.sig");
        CmsSignature.IsWholeDerSequence(raw).Should().BeTrue("the fixture starts 30 3E: a SEQUENCE of exactly the remaining 62 bytes");

        var decoded = ClientSecretCodec.Decode(ClientSecretCodec.Encode(raw, flavour));

        decoded.Form.Should().Be(ClientSecretForm.Raw, decoded.Detail);
        TestPki.ClientGost256.Certificate.VerifyRaw(Paths.Bytes("signatures", "der-lookalike.txt"), decoded.Bytes!).Should().BeTrue();
    }

    [Fact]
    public void The_flavour_is_recognised()
    {
        var raw = Paths.Bytes("signatures", "client-gost256.v2.raw.sig");
        ClientSecretCodec.Decode(ClientSecretCodec.Encode(raw, Base64Flavour.UrlUnpadded)).Flavour.Should().Be(Base64Flavour.UrlUnpadded);
        ClientSecretCodec.Decode(ClientSecretCodec.Encode(raw, Base64Flavour.UrlPadded)).Flavour.Should().Be(Base64Flavour.UrlPadded);
        ClientSecretCodec.Decode(ClientSecretCodec.Encode(raw, Base64Flavour.UrlPadCountDigit)).Flavour.Should().Be(Base64Flavour.UrlPadCountDigit);
        ClientSecretCodec.Encode(raw, Base64Flavour.UrlUnpadded).Should().HaveLength(86);
        ClientSecretCodec.Encode(raw, Base64Flavour.Standard).Should().HaveLength(88);
    }

    [Fact]
    public void A_plus_that_arrived_as_a_space_is_read_as_plus()
    {
        var raw = Paths.Bytes("signatures", "client-gost256.v2.raw.sig");
        var standard = ClientSecretCodec.Encode(raw, Base64Flavour.Standard);
        var decoded = ClientSecretCodec.Decode(standard.Replace('+', ' '));
        decoded.Success.Should().BeTrue();
        decoded.Bytes.Should().Equal(raw);
    }

    [Theory]
    [InlineData(null, ClientSecretDecodeFailure.Empty)]
    [InlineData("", ClientSecretDecodeFailure.Empty)]
    [InlineData("   ", ClientSecretDecodeFailure.Empty)]
    [InlineData("abc$def", ClientSecretDecodeFailure.InvalidCharacters)]
    [InlineData("абвг", ClientSecretDecodeFailure.InvalidCharacters)]
    [InlineData("ab+c-d", ClientSecretDecodeFailure.InvalidCharacters)]
    [InlineData("A", ClientSecretDecodeFailure.InvalidBase64)]
    [InlineData("AB=C", ClientSecretDecodeFailure.InvalidBase64)]
    [InlineData("QUJD", ClientSecretDecodeFailure.UnrecognisedContent)]
    [InlineData("\u0001\u0002", ClientSecretDecodeFailure.InvalidCharacters)]
    public void Garbage_is_rejected_with_a_typed_reason(string? value, ClientSecretDecodeFailure failure)
    {
        var decoded = ClientSecretCodec.Decode(value);
        decoded.Success.Should().BeFalse();
        decoded.Failure.Should().Be(failure);
        decoded.Detail.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Truncated_values_are_rejected()
    {
        var cms = ClientSecretCodec.Encode(Paths.Bytes("signatures", "client-gost256.v1.cms-attrs.p7s"));
        ClientSecretCodec.Decode(cms[..(cms.Length - 8)]).Success.Should().BeFalse();
        var raw = ClientSecretCodec.Encode(Paths.Bytes("signatures", "client-gost256.v2.raw.sig"));
        ClientSecretCodec.Decode(raw[..80]).Success.Should().BeFalse();
    }

    [Fact]
    public void Random_inputs_never_throw()
    {
        var random = new Random(20261129);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_= %\u0000\u00ff";
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(0, 300)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var decoded = ClientSecretCodec.Decode(new string(chars));
            (decoded.Success || decoded.Failure is not null).Should().BeTrue();
        }
    }

    [Fact]
    public void Certificate_hash_is_compared_case_insensitively_and_checked_for_shape()
    {
        var cert = TestPki.ClientGost256.Certificate;
        ClientCertificateHash.Matches(cert.Streebog256Hex.ToLowerInvariant(), cert).Should().BeTrue();
        ClientCertificateHash.Matches(cert.Sha256Hex, cert).Should().BeFalse();
        ClientCertificateHash.IsWellFormed(cert.Streebog256Hex).Should().BeTrue();
        ClientCertificateHash.IsWellFormed(cert.Sha1Hex).Should().BeFalse();
        ClientCertificateHash.IsWellFormed(null).Should().BeFalse();
    }
}
