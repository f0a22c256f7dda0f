using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Esia.Protocol.Time;
using Esia.Protocol.Tokens;
using Esia.TestSupport;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>The whole flow with every client signature made by OpenSSL and every token checked by OpenSSL: none of our crypto on the client side.</summary>
public class OpenSslFlowTests : InMemoryTest
{
    private const string Key = "clients/client-gost256";

    private static string OpenSslSecret(string message)
    {
        using var data = OpenSsl.Temp(Encoding.UTF8.GetBytes(message));
        var signature = OpenSsl.Ok("dgst", "-engine", "gost", "-md_gost12_256", "-sign", TestPki.KeyPath(Key), data.Path);
        return Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string OpenSslHash(string certificatePath) =>
        Encoding.ASCII.GetString(OpenSsl.Ok("dgst", "-engine", "gost", "-md_gost12_256", "-r", certificatePath)).Split(' ')[0].ToUpperInvariant();

    [OpenSslFact]
    public async Task OpenSsl_signed_requests_complete_ac_te_and_rs_and_OpenSsl_verifies_the_tokens()
    {
        var now = Host.Clock.GetUtcNow();
        var timestamp = EsiaTimestamp.Format(now.ToOffset(TimeSpan.FromHours(3)));
        var state = Guid.NewGuid().ToString();
        const string scope = "openid fullname snils";
        const string redirect = EsiaRequests.RedirectUri;
        var hash = OpenSslHash(TestPki.CertPath(Key).Replace(".cer.pem", ".cer", StringComparison.Ordinal));
        var ac = new Dictionary<string, string?>
        {
            ["client_id"] = "MOCKHEADLESS",
            ["client_secret"] = OpenSslSecret($"MOCKHEADLESS{scope}{timestamp}{state}{redirect}"),
            ["client_certificate_hash"] = hash,
            ["redirect_uri"] = redirect,
            ["scope"] = scope,
            ["response_type"] = "code",
            ["state"] = state,
            ["timestamp"] = timestamp,
            ["access_type"] = "offline",
        };
        var query = EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", ac)));
        query["state"].Should().Be(state);
        var code = query["code"];

        var teState = Guid.NewGuid().ToString();
        var te = new Dictionary<string, string?>
        {
            ["client_id"] = "MOCKHEADLESS",
            ["code"] = code,
            ["grant_type"] = "authorization_code",
            ["client_secret"] = OpenSslSecret($"MOCKHEADLESS{scope}{timestamp}{teState}{redirect}{code}"),
            ["client_certificate_hash"] = hash,
            ["redirect_uri"] = redirect,
            ["scope"] = scope,
            ["state"] = teState,
            ["timestamp"] = timestamp,
            ["token_type"] = "Bearer",
        };
        var response = await Client.PostAsync("/aas/oauth2/v3/te", EsiaRequests.Form(te));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("state").GetString().Should().Be(teState);
        var access = body.GetProperty("access_token").GetString()!;

        var rest = new HttpRequestMessage(HttpMethod.Get, "/rs/prns/1000000001");
        rest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var person = JsonDocument.Parse(await (await Client.SendAsync(rest)).Content.ReadAsStringAsync()).RootElement;
        person.GetProperty("snils").GetString().Should().Be("100-100-100 18");

        var zip = new ZipArchive(await Client.GetStreamAsync("/public/esia.zip"));
        using var cer = new MemoryStream();
        using (var entry = zip.GetEntry("GOST_MOCK.cer")!.Open())
        {
            entry.CopyTo(cer);
        }

        using var certificate = OpenSsl.Temp(cer.ToArray());
        using var publicKey = OpenSsl.Temp(OpenSsl.Ok("x509", "-engine", "gost", "-inform", "DER", "-in", certificate.Path, "-pubkey", "-noout"));
        foreach (var token in new[] { code, access, body.GetProperty("id_token").GetString()! })
        {
            var parts = token.Split('.');
            using var signed = OpenSsl.Temp(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            var signatureBytes = Base64Url.TryDecode(parts[2])!;
            using var signature = OpenSsl.Temp(signatureBytes);
            OpenSsl.Ok("dgst", "-engine", "gost", "-md_gost12_256", "-verify", publicKey.Path, "-signature", signature.Path, signed.Path);
            using var reversed = OpenSsl.Temp(signatureBytes.Reverse().ToArray());
            OpenSsl.Run(["dgst", "-engine", "gost", "-md_gost12_256", "-verify", publicKey.Path, "-signature", reversed.Path, signed.Path]).ExitCode.Should().NotBe(0);
        }
    }

    [OpenSslFact]
    public async Task An_OpenSsl_CMS_is_accepted_on_the_legacy_path()
    {
        var now = Host.Clock.GetUtcNow();
        var timestamp = EsiaTimestamp.Format(now);
        var state = Guid.NewGuid().ToString();
        using var data = OpenSsl.Temp(Encoding.UTF8.GetBytes($"openid fullname{timestamp}MOCKSYS{state}"));
        var cms = OpenSsl.Ok("smime", "-sign", "-engine", "gost", "-binary", "-in", data.Path, "-signer", TestPki.CertPath(Key), "-inkey", TestPki.KeyPath(Key), "-md", "md_gost12_256", "-outform", "DER");
        var ac = new Dictionary<string, string?>
        {
            ["client_id"] = "MOCKSYS",
            ["client_secret"] = Convert.ToBase64String(cms).Replace('+', '-').Replace('/', '_'),
            ["redirect_uri"] = EsiaRequests.RedirectUri,
            ["scope"] = "openid fullname",
            ["response_type"] = "code",
            ["state"] = state,
            ["timestamp"] = timestamp,
            ["access_type"] = "online",
        };
        var response = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/ac", ac));
        response.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
        var posted = await Client.PostAsync("/aas/oauth2/ac", EsiaRequests.Form(ac));
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect, "v1's ac takes a POSTed form too (reference §1.2; issue 31, item 11)");
        posted.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
    }
}
