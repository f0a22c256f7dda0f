using System.IO.Compression;
using System.Net;
using Esia.Protocol.Crypto;
using Esia.TestSupport;
using MockEsia.Tests.Support;
using MockEsia.Tokens;

namespace MockEsia.Tests;

public class PublicEndpointTests : InMemoryTest
{
    [Fact]
    public async Task The_start_page_shows_what_runs_the_systems_with_their_hashes_the_people_and_a_configuration_to_copy()
    {
        var response = await Client.GetAsync("/");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"client-MOCKSYS\"").And.Contain($"data-testid=\"hash-MOCKSYS\">{TestPki.ClientGost256.Certificate.Streebog256Hex}<");
        html.Should().Contain("data-testid=\"person-1000000001\"").And.Contain("EsiaTest001@yandex.ru").And.Contain("<code>11111111</code>");
        html.Should().Contain("http://esia-portal1.test.gosuslugi.ru/").And.Contain(TestPki.EsiaGost.Certificate.Sha256Hex);
        html.Should().Contain("href=\"/__admin/ui\"").And.Contain("href=\"/__admin/openapi/admin.json\"").And.Contain("href=\"/public/esia.pem\"")
            .And.Contain("href=\"/public/pem/GOST_MOCK.pub.pem\"");
        html.Should().Contain("&quot;ClientId&quot;: &quot;MOCKSYS&quot;").And.Contain("/aas/oauth2/v3/te", "a configuration to copy for Esia.Client and any client");
    }

    [OpenSslFact]
    public async Task The_PEM_downloads_are_the_published_certificates_and_their_keys_and_OpenSSL_reads_them()
    {
        var zip = await ZipAsync();
        (await Client.GetStringAsync("/public/esia.pem")).Split("-----BEGIN CERTIFICATE-----").Should().HaveCount(zip.Count + 1, "the bundle holds every published certificate");
        foreach (var (file, certificate) in zip)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            using var cer = OpenSsl.Temp(await Client.GetByteArrayAsync($"/public/pem/{name}.cer.pem"));
            var der = OpenSsl.Ok("x509", "-in", cer.Path, "-outform", "DER");
            der.Should().Equal(certificate.Der, $"{name}.cer.pem is the certificate of esia.zip");
            var pub = await Client.GetStringAsync($"/public/pem/{name}.pub.pem");
            System.Text.Encoding.ASCII.GetString(OpenSsl.Ok("x509", "-engine", "gost", "-in", cer.Path, "-pubkey", "-noout")).Should().Be(pub, $"{name}.pub.pem is that certificate's key");
        }

        (await Client.GetAsync("/public/pem/NOPE.cer.pem")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

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
