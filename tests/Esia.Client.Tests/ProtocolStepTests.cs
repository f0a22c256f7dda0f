using System.IO.Compression;
using Esia.Client.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;
using Esia.TestSupport;
using Microsoft.AspNetCore.WebUtilities;

namespace Esia.Client.Tests;

public class ProtocolStepTests
{
    private static EsiaClientOptions Options()
    {
        var options = new EsiaClientOptions
        {
            Environment = EsiaEnvironment.Custom("http://127.0.0.1:5000"),
            ClientId = "MOCKSYS",
            Signer = TestPki.ClientGost256,
            RedirectUri = "http://localhost:8080/signin-esia",
        };
        options.TrustedCertificates.Add(TestPki.EsiaGost.Certificate);
        return options;
    }

    [Fact]
    public void The_authorization_URL_carries_a_fresh_state_and_a_signature_over_the_v2_string()
    {
        var options = Options();
        var first = EsiaAuthorization.Create(options);
        var second = EsiaAuthorization.Create(options);
        first.State.Should().NotBe(second.State);
        first.Url.AbsolutePath.Should().Be("/aas/oauth2/v2/ac");
        var q = QueryHelpers.ParseQuery(first.Url.Query).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        q["state"].Should().Be(first.State);
        q["client_certificate_hash"].Should().Be(TestPki.ClientGost256.Certificate.Streebog256Hex);
        q["response_type"].Should().Be("code");
        q["access_type"].Should().Be("offline");
        var fields = new SignedStringFields { ClientId = q["client_id"], Scope = q["scope"], Timestamp = q["timestamp"], State = q["state"], RedirectUri = q["redirect_uri"] };
        TestPki.ClientGost256.Certificate.VerifyRaw(SignedString.Bytes(SignedStringKind.V2Authorize, fields), ClientSecretCodec.Decode(q["client_secret"]).Bytes).Should().BeTrue();
        first.Url.AbsoluteUri.Should().NotContain(" ", "every value is percent-encoded");
    }

    [Fact]
    public void Missing_settings_are_refused()
    {
        var action = () => EsiaAuthorization.Create(new EsiaClientOptions { ClientId = "X" });
        action.Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [InlineData("error=access_denied&error_description=ESIA-007004%3A+The+resource+owner", EsiaFailureKind.AccessDenied, "ESIA-007004")]
    [InlineData("error=temporarily_unavailable&error_description=ESIA-007008%3A+x", EsiaFailureKind.Unavailable, "ESIA-007008")]
    [InlineData("error=access_denied&error_description=ESIA-007053%3A+OAuthErrorEnum.clientSecretWrong", EsiaFailureKind.ClientMisconfigured, "ESIA-007053")]
    [InlineData("error=unauthorized_client&error_description=ESIA-007005%3A+x", EsiaFailureKind.ClientMisconfigured, "ESIA-007005")]
    [InlineData("error=access_denied", EsiaFailureKind.AccessDenied, null)]
    public void Callback_errors_map_to_typed_failures(string query, EsiaFailureKind kind, string? code)
    {
        var state = Guid.NewGuid().ToString();
        var parsed = QueryHelpers.ParseQuery($"?{query}&state={state}").ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        var action = () => EsiaAuthorization.ReadCallback(parsed, state);
        var thrown = action.Should().Throw<EsiaException>().Which;
        thrown.Kind.Should().Be(kind);
        thrown.EsiaCode.Should().Be(code);
    }

    [Fact]
    public void The_callback_state_must_be_the_one_this_login_started()
    {
        var state = Guid.NewGuid().ToString();
        EsiaAuthorization.ReadCallback(new Dictionary<string, string?> { ["code"] = "c", ["state"] = state }, state).Should().Be("c");
        var foreign = () => EsiaAuthorization.ReadCallback(new Dictionary<string, string?> { ["code"] = "c", ["state"] = Guid.NewGuid().ToString() }, state);
        foreign.Should().Throw<EsiaException>().Which.Kind.Should().Be(EsiaFailureKind.StateMismatch);
        var missing = () => EsiaAuthorization.ReadCallback(new Dictionary<string, string?> { ["code"] = "c" }, state);
        missing.Should().Throw<EsiaException>().Which.Kind.Should().Be(EsiaFailureKind.StateMismatch);
        var unknown = () => EsiaAuthorization.ReadCallback(new Dictionary<string, string?> { ["code"] = "c", ["state"] = state }, null);
        unknown.Should().Throw<EsiaException>().Which.Kind.Should().Be(EsiaFailureKind.StateMismatch);
    }

    [Fact]
    public void The_logout_URL_uses_redirect_url()
    {
        var url = EsiaAuthorization.LogoutUrl(Options(), "http://localhost:8080/");
        url.AbsoluteUri.Should().Be("http://127.0.0.1:5000/idp/ext/Logout?client_id=MOCKSYS&redirect_url=http%3A%2F%2Flocalhost%3A8080%2F");
        EsiaEnvironment.Test.Url("/aas/oauth2/v2/ac").AbsoluteUri.Should().Be("https://esia-portal1.test.gosuslugi.ru/aas/oauth2/v2/ac");
        EsiaEnvironment.Production.Issuer.Should().Be("http://esia.gosuslugi.ru/");
    }

    [Fact]
    public void Trusted_certificates_load_from_an_esia_zip_and_files()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "esia-test-gost-2025.cer", "esia-prod-rsa-2025.cer" })
            {
                using var entry = zip.CreateEntry(name.ToUpperInvariant()).Open();
                entry.Write(Paths.Bytes("vectors", name));
            }

            zip.CreateEntry("RSA_PROD_2025_JWK.jwk");
        }

        var certificates = EsiaTrust.FromZip(buffer.ToArray());
        certificates.Select(c => c.KeyAlgorithm).Should().BeEquivalentTo([KeyAlgorithm.Gost2012_256, KeyAlgorithm.Rsa]);
        EsiaTrust.FromFile(Paths.Fixture("vectors", "esia-test-gost-2019.cer")).Should().ContainSingle();
    }

    [Theory]
    [InlineData("esia-test-2020-code.jwt", "esia-test-gost-2019.cer")]
    [InlineData("esia-2018-expired-rs256-access.jwt", "esia-test-rsa-2014.cer")]
    [InlineData("esia-test-2023-rs256-access.jwt", "esia-test-rsa-2014.cer")]
    public void The_client_verifies_genuine_ESIA_tokens_with_the_genuine_certificates(string token, string certificate)
    {
        var trusted = EsiaTrust.FromFile(Paths.Fixture("vectors", certificate)).Concat(EsiaTrust.FromFile(Paths.Fixture("vectors", "esia-prod-gost-2025.cer"))).ToArray();
        EsiaJwt.TryParse(Paths.Text("vectors", token), out var jwt, out _).Should().BeTrue();
        EsiaTokenValidator.VerifySignature(jwt!, trusted).Success.Should().BeTrue();
    }
}
