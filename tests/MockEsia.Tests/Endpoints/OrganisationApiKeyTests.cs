using System.Net;
using System.Text;
using System.Text.Json;
using Esia.Protocol.Crypto;
using Esia.Protocol.Tokens;
using Esia.TestSupport;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>The organisation API-key token service as public ЕПГУ API clients call it (reference §5.4).</summary>
public class OrganisationApiKeyTests : InMemoryTest
{
    private const string Key = "5f0c2a4e-7d1b-4c3e-9a8f-000000000001";

    private Task<HttpResponseMessage> Token(string key, string? signature) =>
        Client.GetAsync($"/esia-rs/api/public/v1/orgs/ext-app/{key}/tkn" + (signature is null ? "" : $"?signature={signature}"));

    private static string Raw(EsiaCredential signer, string key) => Base64Url.Encode(signer.Sign(Encoding.UTF8.GetBytes(key)));

    private static string Cms(EsiaCredential signer, string key) => Base64Url.Encode(CmsSignature.Sign(signer, Encoding.UTF8.GetBytes(key)));

    [Fact]
    public async Task A_raw_or_CMS_signature_over_the_key_gets_an_accessTkn_for_the_organisation()
    {
        foreach (var signature in new[] { Raw(TestPki.ClientGost256, Key), Cms(TestPki.ClientGost256, Key) })
        {
            var response = await Token(Key, signature);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            EsiaJwt.TryParse(body.GetProperty("accessTkn").GetString(), out var token, out _).Should().BeTrue();
            token!.GetString("scope").Should().Contain("org_inf?org_oid=1002416012").And.Contain("http://lk.gosuslugi.ru/api-order");
            EsiaTokenValidator.VerifySignature(token, [TestPki.EsiaGost.Certificate]).Success.Should().BeTrue();
        }

        (await Token(Uri.EscapeDataString(Key), Raw(TestPki.ClientGost256, Key))).StatusCode.Should().Be(HttpStatusCode.OK, "some clients URL-encode the key");
    }

    [Fact]
    public async Task Unknown_keys_missing_or_foreign_signatures_are_refused_with_a_diagnosis()
    {
        (await Token("00000000-0000-0000-0000-000000000000", Raw(TestPki.ClientGost256, Key))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Token(Key, null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var foreign = await Token(Key, Raw(TestPki.ClientOther, Key));
        foreign.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        foreign.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("does not verify over the API key");
        (await Token(Key, Raw(TestPki.ClientGost256, "another key"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_ApiKeySignature_reading_takes_one_shape_or_both()
    {
        (await Client.PutAsync("/__admin/readings/ApiKeySignature?value=Cms", null)).EnsureSuccessStatusCode();
        (await Token(Key, Raw(TestPki.ClientGost256, Key))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Token(Key, Cms(TestPki.ClientGost256, Key))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Client.PutAsync("/__admin/readings/ApiKeySignature?value=Raw", null)).EnsureSuccessStatusCode();
        var cms = await Token(Key, Cms(TestPki.ClientGost256, Key));
        cms.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        cms.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("ApiKeySignature=Raw");
        (await Token(Key, Raw(TestPki.ClientGost256, Key))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
