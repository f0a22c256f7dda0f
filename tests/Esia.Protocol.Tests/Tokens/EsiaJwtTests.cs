using System.Text;
using System.Text.Json.Nodes;
using Esia.Protocol.Crypto;
using Esia.Protocol.Tokens;
using Esia.TestSupport;

namespace Esia.Protocol.Tests.Tokens;

public class EsiaJwtTests
{
    private const string Issuer = "http://esia.mock/";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static JsonObject AccessClaims(long iat, long exp, string clientId = "MOCKSYS", string iss = Issuer) => new()
    {
        ["nbf"] = iat,
        ["scope"] = "fullname?oid=1000000001 openid",
        ["iss"] = iss,
        ["urn:esia:sid"] = "0b6a4a8c-4f39-4b8b-9a1f-2d1a2b3c4d5e",
        ["urn:esia:sbj_id"] = 1000000001L,
        ["exp"] = exp,
        ["iat"] = iat,
        ["client_id"] = clientId,
    };

    private static TokenExpectations Expect(params EsiaCertificate[] trusted) => new()
    {
        TrustedCertificates = trusted.Length == 0 ? [TestPki.EsiaGost.Certificate] : trusted,
        Issuers = [Issuer],
        ClientId = "MOCKSYS",
        TokenType = TokenTypes.Access,
        Now = Now,
    };

    private static string Access(IMessageSigner signer, JsonObject? claims = null) =>
        EsiaJwtWriter.Write(TokenTypes.Access, claims ?? AccessClaims(Now.ToUnixTimeSeconds(), Now.ToUnixTimeSeconds() + 3600), signer);

    [Fact]
    public void Writes_ESIAs_header_and_escaped_slashes()
    {
        var token = Access(TestPki.EsiaGost);
        var parts = token.Split('.');
        Encoding.UTF8.GetString(Base64Url.TryDecode(parts[0])!).Should().Be("""{"ver":1,"typ":"JWT","sbt":"access","alg":"GOST3410_2012_256"}""");
        Encoding.UTF8.GetString(Base64Url.TryDecode(parts[1])!).Should().Contain("""http:\/\/esia.mock\/""");
        Base64Url.TryDecode(parts[2]).Should().HaveCount(64);
        EsiaJwtWriter.Header(TokenTypes.Id, "RS256").ToJsonString().Should().Be("""{"ver":0,"typ":"JWT","sbt":"id","alg":"RS256"}""");
    }

    [Fact]
    public void GOST_and_RS256_tokens_validate()
    {
        EsiaTokenValidator.Validate(Access(TestPki.EsiaGost), Expect()).Success.Should().BeTrue();
        var rsa = EsiaTokenValidator.Validate(Access(TestPki.EsiaRsa), Expect(TestPki.EsiaRsa.Certificate, TestPki.EsiaGost.Certificate));
        rsa.Success.Should().BeTrue(rsa.Detail);
        rsa.Token!.Algorithm.Should().Be("RS256");
        rsa.Subject.Should().Be(1000000001L);
    }

    [Fact]
    public void A_GOST_512_token_validates()
    {
        EsiaTokenValidator.Validate(Access(TestPki.ClientGost512), Expect(TestPki.ClientGost512.Certificate)).Token!.Algorithm.Should().Be("GOST3410_2012_512");
        EsiaTokenValidator.Validate(Access(TestPki.ClientGost512), Expect(TestPki.ClientGost512.Certificate)).Success.Should().BeTrue();
    }

    [Fact]
    public void Each_defect_is_named()
    {
        var iat = Now.ToUnixTimeSeconds();
        Check(Access(TestPki.ClientOther), TokenFailure.SignatureInvalid);
        Check(Access(TestPki.EsiaRsa), TokenFailure.AlgorithmUnsupported);
        Check(Access(TestPki.EsiaGost, AccessClaims(iat, iat + 3600, iss: "http://esia.gosuslugi.ru/")), TokenFailure.IssuerMismatch);
        Check(Access(TestPki.EsiaGost, AccessClaims(iat, iat + 3600, clientId: "OTHERSYS")), TokenFailure.AudienceMismatch);
        Check(Access(TestPki.EsiaGost, AccessClaims(iat - 7200, iat - 3600)), TokenFailure.Expired);
        Check(Access(TestPki.EsiaGost, AccessClaims(iat + 600, iat + 4200)), TokenFailure.NotYetValid);
        var idToken = EsiaJwtWriter.Write(TokenTypes.Id, AccessClaims(iat, iat + 3600), TestPki.EsiaGost);
        Check(idToken, TokenFailure.WrongTokenType);
        Check("a.b", TokenFailure.Malformed);
        Check("", TokenFailure.Malformed);
        Check("!!.??.**", TokenFailure.Malformed);

        var none = EsiaJwtWriter.Write(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }, AccessClaims(iat, iat + 3600), _ => []);
        Check(none, TokenFailure.AlgorithmNone);
        var noSub = AccessClaims(iat, iat + 3600);
        noSub.Remove("urn:esia:sbj_id");
        Check(Access(TestPki.EsiaGost, noSub), TokenFailure.MissingClaim);
        EsiaTokenValidator.Validate(Access(TestPki.EsiaGost), Expect() with { Subject = 42 }).Failure.Should().Be(TokenFailure.SubjectMismatch);
    }

    [Fact]
    public void Clock_skew_is_tolerated_within_the_leeway()
    {
        var iat = Now.ToUnixTimeSeconds();
        EsiaTokenValidator.Validate(Access(TestPki.EsiaGost, AccessClaims(iat - 3630, iat - 30)), Expect()).Success.Should().BeTrue();
        EsiaTokenValidator.Validate(Access(TestPki.EsiaGost, AccessClaims(iat + 30, iat + 3630)), Expect()).Success.Should().BeTrue();
    }

    [Fact]
    public void Numbers_arriving_as_strings_are_read()
    {
        var token = EsiaJwtWriter.Write(TokenTypes.Id, new JsonObject { ["sub"] = "1000000001", ["exp"] = 5.0 }, TestPki.EsiaGost);
        EsiaJwt.TryParse(token, out var jwt, out _);
        jwt!.GetNumber("sub").Should().Be(1000000001);
        jwt.GetNumber("exp").Should().Be(5);
        jwt.GetNumber("missing").Should().BeNull();
    }

    private static void Check(string token, TokenFailure expected)
    {
        var result = EsiaTokenValidator.Validate(token, Expect());
        result.Failure.Should().Be(expected, result.Detail);
        result.Detail.Should().NotBeNullOrWhiteSpace();
    }
}
