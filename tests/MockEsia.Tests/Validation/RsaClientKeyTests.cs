using System.Net;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.TestSupport;
using MockEsia.Journal;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>ESIA no longer takes RSA client keys (reference §2): refused by default, allowed per client for legacy testing.</summary>
public class RsaClientKeyTests : InMemoryTest
{
    private Dictionary<string, string?> V1Authorize(string clientId, EsiaCredential signer)
    {
        var p = new EsiaRequests(clientId).Authorize(Now, sign: false);
        p.Remove("client_certificate_hash");
        p["client_secret"] = ClientSecretCodec.Encode(CmsSignature.Sign(signer, SignedString.Bytes(SignedStringKind.V1, EsiaRequests.Fields(p))));
        return p;
    }

    [Fact]
    public async Task A_request_signed_with_an_RSA_key_is_ESIA_007053_with_a_diagnosis_that_says_why()
    {
        var response = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/ac", V1Authorize("MOCKSYS", TestPki.ClientRsa)));
        EsiaRequests.Query(response)["error_description"].Should().Be("ESIA-007053: OAuthErrorEnum.clientSecretWrong");
        var diagnostic = response.Headers.GetValues("X-MockEsia-Diagnostic").Single();
        diagnostic.Should().Contain("RSA key").And.Contain("GOST R 34.10-2012");
        diagnostic.Should().NotContain("Sign exactly", "the string was right: the one cause is the key, and the one fix is a GOST key");
    }

    [Fact]
    public async Task Registering_an_RSA_certificate_needs_the_legacy_switch_and_says_so()
    {
        var definition = new Dictionary<string, object>
        {
            ["clientId"] = "RSASYS",
            ["certificatesPem"] = new[] { await File.ReadAllTextAsync(TestPki.CertPath("clients/client-rsa")) },
            ["redirectUris"] = new[] { EsiaRequests.RedirectUri },
        };
        var refused = await Client.PutAsJsonAsync("/__admin/clients", definition);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("RSA").And.Contain("allowRsaClientKeys");

        definition["allowRsaClientKeys"] = true;
        (await Client.PutAsJsonAsync("/__admin/clients", definition)).StatusCode.Should().Be(HttpStatusCode.OK);
        var response = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/ac", V1Authorize("RSASYS", TestPki.ClientRsa)));
        response.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login", "the switch allows the RSA key for legacy testing");
        var entry = Host.Get<RequestJournal>().Query(new JournalQuery { ClientId = "RSASYS" }).Last();
        entry.Checks.Should().Contain(c => c.Passed && c.Detail.Contains("RSA client key, allowed by allowRsaClientKeys", StringComparison.Ordinal),
            "every use is noted (and logged as a warning)");
    }

    [Fact]
    public async Task The_bundled_legacy_client_keeps_its_RSA_certificate_with_the_switch_on()
    {
        var response = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/ac", V1Authorize("MOCKLEGACY", TestPki.ClientRsa)));
        response.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
    }
}
