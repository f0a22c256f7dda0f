using System.Text;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;
using Esia.TestSupport;

namespace Esia.Protocol.Tests.Crypto;

/// <summary>The genuine ESIA artefacts and the worked examples of fixtures/vectors/README.md, to the byte.</summary>
public class GenuineVectorTests
{
    private static EsiaCertificate Cert(string name) => EsiaCertificate.Parse(Paths.Bytes("vectors", name));

    private static EsiaJwt Jwt(string name)
    {
        EsiaJwt.TryParse(Paths.Text("vectors", name), out var jwt, out var error).Should().BeTrue(error);
        return jwt!;
    }

    [Fact]
    public void Streebog256_of_the_standard_example_matches_A1()
    {
        var hash = Streebog.Hash256(Encoding.ASCII.GetBytes("012345678901234567890123456789012345678901234567890123456789012"));
        Convert.ToHexString(hash).Should().Be("9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500".ToUpperInvariant());
    }

    [Fact]
    public void The_v2_worked_example_builds_the_A2_string_and_hash()
    {
        var fields = new SignedStringFields
        {
            ClientId = "TEST111",
            Scope = "openid fullname",
            Timestamp = "2025.01.21 13:45:10 +0300",
            State = "47e1f1e9-8b56-4666-ac02-d1408408e5f2",
            RedirectUri = "http://localhost/response.php",
        };
        var message = SignedString.Bytes(SignedStringKind.V2Authorize, fields);
        message.Should().HaveCount(112);
        Encoding.UTF8.GetString(message).Should().Be("TEST111openid fullname2025.01.21 13:45:10 +030047e1f1e9-8b56-4666-ac02-d1408408e5f2http://localhost/response.php");
        Convert.ToHexString(Streebog.Hash256(message)).Should().Be("406CC1E2A36D8B6A7C9934C9EFC8577E32E3086BC54CA5A7253913AED222B4A1");
    }

    [Fact]
    public void The_A3_client_secret_verifies_as_is_and_fails_reversed()
    {
        var cert = Cert("openssl-client-gost256.cer.pem");
        ClientCertificateHash.Compute(cert).Should().Be("DBE1F41A4A5B8A28ABA455630D0BEB7391015EFF1DB1D49E661B57B656E833B2");
        var message = Encoding.UTF8.GetBytes("TEST111openid fullname2025.01.21 13:45:10 +030047e1f1e9-8b56-4666-ac02-d1408408e5f2http://localhost/response.php");
        var decoded = ClientSecretCodec.Decode("e_QrlniKtC7Yfg1Y1cbPWPAizeU2DP042P0WrlpKaxOTSsWCF1RMgNYCMe71EtqlXpA3_9kWe4HVekwmt29BDg");
        decoded.Success.Should().BeTrue();
        decoded.Form.Should().Be(ClientSecretForm.Raw);
        decoded.Flavour.Should().Be(Base64Flavour.UrlUnpadded);
        Convert.ToHexString(decoded.Bytes).Should().Be("7BF42B96788AB42ED87E0D58D5C6CF58F022CDE5360CFD38D8FD16AE5A4A6B13934AC58217544C80D60231EEF512DAA55E9037FFD9167B81D57A4C26B76F410E");
        cert.VerifyRaw(message, decoded.Bytes).Should().BeTrue();
        cert.VerifyRaw(message, decoded.Bytes.Reverse().ToArray()).Should().BeFalse();
    }

    [Theory]
    [InlineData(GostImplementation.Fast)]
    [InlineData(GostImplementation.Generic)]
    public void Genuine_GOST_vectors_verify_with_both_implementations(GostImplementation implementation)
    {
        // The A3 client_secret (CryptoPro-A key made by OpenSSL) and ESIA's own 2020 code (signed by ESIA's test key).
        var client = Cert("openssl-client-gost256.cer.pem");
        GostBackend.CoversFast(client.PublicKey).Should().BeTrue();
        var message = Encoding.UTF8.GetBytes("TEST111openid fullname2025.01.21 13:45:10 +030047e1f1e9-8b56-4666-ac02-d1408408e5f2http://localhost/response.php");
        var secret = ClientSecretCodec.Decode("e_QrlniKtC7Yfg1Y1cbPWPAizeU2DP042P0WrlpKaxOTSsWCF1RMgNYCMe71EtqlXpA3_9kWe4HVekwmt29BDg").Bytes;
        RawSignature.Verify(client.PublicKey, KeyAlgorithm.Gost2012_256, message, secret, implementation).Should().BeTrue();
        RawSignature.Verify(client.PublicKey, KeyAlgorithm.Gost2012_256, message, secret.Reverse().ToArray(), implementation).Should().BeFalse();

        var parts = Paths.Text("vectors", "esia-test-2020-code.jwt").Trim().Split('.');
        var esia = Cert("esia-test-gost-2019.cer");
        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var signature = Base64Url.TryDecode(parts[2])!;
        RawSignature.Verify(esia.PublicKey, KeyAlgorithm.Gost2012_256, signingInput, signature, implementation).Should().BeTrue();
        RawSignature.Verify(Cert("esia-test-gost-2025.cer").PublicKey, KeyAlgorithm.Gost2012_256, signingInput, signature, implementation).Should().BeFalse();
    }

    [Theory]
    [InlineData("esia-test-gost-2019.cer", "34B45C284EE74198BA29CD5B5FDC09EDF5A10B8E12C6969CD36F1634EBE79634", "720B01565000C399E9113EA919767326", KeyAlgorithm.Gost2012_256)]
    [InlineData("esia-test-gost-2025.cer", "AE4EA8653D632C112824B51D2221CA6858526DD40A892BA23A59AB5BEC106BCF", "274A58800C6B2FC9D46E0AF096ED4961A", KeyAlgorithm.Gost2012_256)]
    [InlineData("esia-prod-gost-2025.cer", "F1EF073BE484B7307BA3A364D875D25035C0D2000EF49F2EC5D66528C2BED1A0", "357FF83A44B1B3572FF9174629FBDC53", KeyAlgorithm.Gost2012_256)]
    [InlineData("esia-test-rsa-2014.cer", "4FE93ED9E1D3514E5654E3DF20DEC231570529FD9C0EA384209F849BC7CCD3A9", "53FDE5C1", KeyAlgorithm.Rsa)]
    [InlineData("esia-prod-rsa-2025.cer", "2C241E757B53AE898849390856E418FE62C2F622C9683F810EA624FF4DBCCEDB", "53E917888BE51607", KeyAlgorithm.Rsa)]
    public void Genuine_certificates_parse_with_their_published_hashes(string file, string streebog, string serial, KeyAlgorithm algorithm)
    {
        var cert = Cert(file);
        cert.Streebog256Hex.Should().Be(streebog);
        cert.SerialNumberHex.Should().Be(serial);
        cert.KeyAlgorithm.Should().Be(algorithm);
    }

    [Theory]
    [InlineData("esia-test-2020-code.jwt", "esia-test-gost-2019.cer", "esia-test-gost-2025.cer", "esia-prod-gost-2025.cer")]
    [InlineData("esia-2018-expired-rs256-access.jwt", "esia-test-rsa-2014.cer", "esia-prod-rsa-2025.cer", null)]
    [InlineData("esia-test-2023-rs256-access.jwt", "esia-test-rsa-2014.cer", "esia-prod-rsa-2025.cer", null)]
    public void Genuine_tokens_verify_with_their_certificate_only(string token, string signer, string other1, string? other2)
    {
        var jwt = Jwt(token);
        EsiaTokenValidator.VerifySignature(jwt, [Cert(signer)]).Success.Should().BeTrue();
        EsiaTokenValidator.VerifySignature(jwt, [Cert(other1)]).Failure.Should().Be(TokenFailure.SignatureInvalid);
        if (other2 is not null)
        {
            EsiaTokenValidator.VerifySignature(jwt, [Cert(other2)]).Failure.Should().Be(TokenFailure.SignatureInvalid);
        }

        var rotation = EsiaTokenValidator.VerifySignature(jwt, [Cert(other1), Cert(signer)]);
        rotation.Success.Should().BeTrue("any one of several trusted certificates may have signed");
        rotation.SignedBy!.Streebog256Hex.Should().Be(Cert(signer).Streebog256Hex);
    }

    [Theory]
    [InlineData("esia-test-2020-code.jwt", "esia-test-gost-2019.cer")]
    [InlineData("esia-2018-expired-rs256-access.jwt", "esia-test-rsa-2014.cer")]
    [InlineData("esia-test-2023-rs256-access.jwt", "esia-test-rsa-2014.cer")]
    public void Tampered_twins_of_genuine_tokens_fail(string token, string signer)
    {
        var raw = Paths.Text("vectors", token);
        var parts = raw.Split('.');
        var cert = Cert(signer);

        var payload = Base64Url.TryDecode(parts[1])!;
        var digit = Array.FindIndex(payload, b => b is >= (byte)'0' and <= (byte)'8');
        payload[digit]++;
        var oneByteChanged = $"{parts[0]}.{Base64Url.Encode(payload)}.{parts[2]}";
        EsiaJwt.TryParse(oneByteChanged, out var tampered, out _);
        EsiaTokenValidator.VerifySignature(tampered!, [cert]).Failure.Should().Be(TokenFailure.SignatureInvalid);

        var reversed = $"{parts[0]}.{parts[1]}.{Base64Url.Encode(Base64Url.TryDecode(parts[2])!.Reverse().ToArray())}";
        EsiaJwt.TryParse(reversed, out var mirrored, out _);
        EsiaTokenValidator.VerifySignature(mirrored!, [cert]).Failure.Should().Be(TokenFailure.SignatureInvalid);
    }

    [Fact]
    public void The_genuine_code_carries_ESIAs_claims_as_documented()
    {
        var jwt = Jwt("esia-test-2020-code.jwt");
        jwt.Header.ToJsonString().Should().Be("""{"ver":1,"typ":"JWT","sbt":"authorization_code","alg":"GOST3410_2012_256"}""");
        jwt.GetString("iss").Should().Be("http://esia.gosuslugi.ru/");
        jwt.GetString("client_id").Should().Be("MNSV36");
        (jwt.GetNumber("exp") - jwt.GetNumber("iat")).Should().Be(240);
        jwt.Signature.Should().HaveCount(64);
    }
}
