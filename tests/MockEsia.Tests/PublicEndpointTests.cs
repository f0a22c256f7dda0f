using System.IO.Compression;
using System.Net;
using Esia.Protocol.Crypto;
using Esia.TestSupport;
using MockEsia.Tests.Support;
using MockEsia.Tokens;

namespace MockEsia.Tests;

public class PublicEndpointTests : InMemoryTest
{

    private async Task<Dictionary<string, EsiaCertificate>> ZipAsync()
    {
        var response = await Client.GetAsync("/public/esia.zip");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        return zip.Entries.ToDictionary(e => e.Name, e =>
        {
            using var stream = e.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return EsiaCertificate.Parse(buffer.ToArray());
        });
    }

    // Reference §6.5: ESIA rotates its signing certificates, the RSA one too (23 May 2024); a drill rotates both.
    [Fact]
    public async Task Esia_zip_holds_the_signing_certificates_as_DER_and_follows_a_rotation()
    {
        var certificates = await ZipAsync();
        certificates.Keys.Should().BeEquivalentTo("GOST_MOCK.cer", "RSA_MOCK.cer");
        certificates["GOST_MOCK.cer"].Streebog256Hex.Should().Be(TestPki.EsiaGost.Certificate.Streebog256Hex);

        var keys = Host.Get<SigningKeys>();
        keys.PublishNext();
        (await ZipAsync()).Keys.Should().Contain(["GOST_MOCK_NEXT.cer", "RSA_MOCK_NEXT.cer"], "a rotation reaches clients of either token algorithm");
        keys.SwitchToNext();
        keys.For(KeyAlgorithm.Gost2012_256).Certificate.Streebog256Hex.Should().Be(TestPki.Get("esia/esia-gost256-next").Certificate.Streebog256Hex);
        keys.For(KeyAlgorithm.Rsa).Certificate.Streebog256Hex.Should().Be(TestPki.Get("esia/esia-rsa-next").Certificate.Streebog256Hex);
        keys.Reset();
        keys.For(KeyAlgorithm.Rsa).Should().BeSameAs(keys.Rsa);
    }

    [Fact]
    public async Task Health_answers()
    {
        var response = await Client.GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("ok");
    }

    [Fact]
    public async Task Logout_ends_the_session_and_returns_only_to_a_registered_domain()
    {
        var requests = new EsiaRequests();
        var browser = new Browser(Client);
        await browser.LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(Host.Clock.GetUtcNow())));
        browser.HasSsoCookie.Should().BeTrue();

        var response = await browser.GetAsync("/idp/ext/Logout?client_id=MOCKSYS&redirect_url=" + Uri.EscapeDataString("http://localhost:8080/"));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("http://localhost:8080/");
        browser.HasSsoCookie.Should().BeFalse();

        var again = await browser.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(Host.Clock.GetUtcNow())));
        again.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login", "after logout the person must log in again");

        var foreign = await Client.GetAsync("/idp/ext/Logout?client_id=MOCKSYS&redirect_url=" + Uri.EscapeDataString("https://evil.example/"));
        foreign.StatusCode.Should().Be(HttpStatusCode.OK);
        (await foreign.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"logout-title\"");
    }
}
