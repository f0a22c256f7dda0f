using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.TestSupport;
using MockEsia.Admin;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>Each mistake real clients make, signed by OpenSSL, and the doctor naming it.</summary>
public class SignatureDoctorTests : InMemoryTest
{
    private readonly EsiaRequests _requests = new();

    private static void SetSecret(Dictionary<string, string?> p, byte[] signature) => p["client_secret"] = ClientSecretCodec.Encode(signature);

    private async Task<JournalEntry> Ac(Dictionary<string, string?> p, string path = "/aas/oauth2/v2/ac")
    {
        var response = await Client.GetAsync(EsiaRequests.Url(path, p));
        var query = EsiaRequests.Query(response);
        query.Should().ContainKey("error");
        return Host.Get<MockEsiaControl>().Journal.Query(new JournalQuery { ClientId = p["client_id"] }, 1).Single();
    }

    private static string V2(Dictionary<string, string?> p) => SignedString.Build(SignedStringKind.V2Authorize, EsiaRequests.Fields(p));

    [OpenSslFact]
    public async Task The_v1_string_on_a_v2_endpoint()
    {
        var p = _requests.Authorize(Now, sign: false);
        SetSecret(p, OpenSslSigner.Sign(SignedString.Build(SignedStringKind.V1, EsiaRequests.Fields(p))));
        var entry = await Ac(p);
        entry.ErrorCode.Should().Be("ESIA-007053");
        entry.Doctor.Should().Contain("The v1 string was signed").And.Contain($"The signature verifies over: '{SignedString.Build(SignedStringKind.V1, EsiaRequests.Fields(p))}'");
    }

    [OpenSslFact]
    public async Task Fields_in_the_wrong_order()
    {
        var p = _requests.Authorize(Now, sign: false);
        SetSecret(p, OpenSslSigner.Sign(p["client_id"] + p["scope"] + p["state"] + p["timestamp"] + p["redirect_uri"]));
        (await Ac(p)).Doctor.Should().Contain("wrong order (client_id + scope + state + timestamp + redirect_uri)");
    }

    [OpenSslFact]
    public async Task Scope_org_sent_but_not_signed()
    {
        var p = _requests.Authorize(Now, sign: false);
        var unsigned = V2(p);
        p["scope_org"] = "org_inn";
        SetSecret(p, OpenSslSigner.Sign(unsigned));
        (await Ac(p)).Doctor.Should().Contain("scope_org is sent as a parameter but left out of the signed string");
    }

    [OpenSslFact]
    public async Task Scope_org_signed_but_not_sent()
    {
        var p = _requests.Authorize(Now, sign: false);
        SetSecret(p, OpenSslSigner.Sign(p["client_id"] + p["scope"] + "org_inn" + p["timestamp"] + p["state"] + p["redirect_uri"]));
        var entry = await Ac(p);
        entry.Doctor.Should().StartWith("No candidate matched", "a scope_org that was never sent cannot be guessed, and the doctor says so");
    }

    [OpenSslFact]
    public async Task A_state_from_an_earlier_request()
    {
        var earlier = _requests.Authorize(Now);
        (await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", earlier))).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        var p = _requests.Authorize(Now, sign: false);
        SetSecret(p, OpenSslSigner.Sign(V2(p).Replace(p["state"]!, earlier["state"], StringComparison.Ordinal)));
        (await Ac(p)).Doctor.Should().Contain($"a different state ('{earlier["state"]}', from an earlier request)");
    }

    [OpenSslFact]
    public async Task A_timestamp_from_an_earlier_request()
    {
        var earlier = _requests.Authorize(Now.AddSeconds(-60));
        await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", earlier));
        var p = _requests.Authorize(Now, sign: false);
        SetSecret(p, OpenSslSigner.Sign(V2(p).Replace(p["timestamp"]!, earlier["timestamp"], StringComparison.Ordinal)));
        (await Ac(p)).Doctor.Should().Contain("a different timestamp");
    }

    [OpenSslFact]
    public async Task A_redirect_uri_from_an_earlier_request()
    {
        var earlier = _requests.Authorize(Now, redirectUri: "http://localhost:8080/other-callback");
        await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", earlier));
        var p = _requests.Authorize(Now, sign: false);
        SetSecret(p, OpenSslSigner.Sign(V2(p).Replace(p["redirect_uri"]!, "http://localhost:8080/other-callback", StringComparison.Ordinal)));
        (await Ac(p)).Doctor.Should().Contain("a different redirect_uri");
    }

    [OpenSslFact]
    public async Task A_redirect_uri_whose_query_was_dropped_from_the_signature()
    {
        var p = _requests.Authorize(Now, redirectUri: EsiaRequests.RedirectUri + "?data=abc", sign: false);
        SetSecret(p, OpenSslSigner.Sign(V2(p).Replace("?data=abc", "", StringComparison.Ordinal)));
        (await Ac(p)).Doctor.Should().Contain("lacks the query");
    }

    [OpenSslFact]
    public async Task A_byte_reversed_signature()
    {
        var p = _requests.Authorize(Now, sign: false);
        SetSecret(p, OpenSslSigner.Sign(V2(p)).Reverse().ToArray());
        (await Ac(p)).Doctor.Should().Contain("byte-reversed: CryptoPro CSP output not mirrored");
    }

    [OpenSslFact]
    public async Task CMS_where_raw_is_expected_and_raw_where_CMS_is_expected()
    {
        var p = _requests.Authorize(Now, sign: false);
        p["client_secret"] = ClientSecretCodec.Encode(OpenSslSigner.Cms(SignedString.Build(SignedStringKind.V1, EsiaRequests.Fields(p))));
        (await Ac(p)).Doctor.Should().Contain("CMS/PKCS#7 over the v1 string").And.Contain("raw GOST signature");

        var v1 = _requests.Authorize(Now, sign: false);
        v1.Remove("client_certificate_hash");
        SetSecret(v1, OpenSslSigner.Sign(SignedString.Build(SignedStringKind.V1, EsiaRequests.Fields(v1))));
        var entry = await Ac(v1, "/aas/oauth2/ac");
        entry.Doctor.Should().Contain("raw signature, but the v1 endpoints take a CMS").And.Contain("The raw signature itself is over");
    }

    [OpenSslFact]
    public async Task Signed_by_another_registered_certificate()
    {
        var p = _requests.Authorize(Now, sign: false);
        SetSecret(p, OpenSslSigner.Sign(V2(p), "clients/client-other"));
        (await Ac(p)).Doctor.Should().Contain("Signed with the certificate registered for OTHERSYS");
    }

    [OpenSslFact]
    public async Task Signed_by_an_unregistered_certificate_no_candidate_matches()
    {
        var p = _requests.Authorize(Now, sign: false);
        var stranger = GostKeys.SelfSigned(GostKeys.Generate(GostParameterSets.CryptoProA), "CN=stranger", Now.AddDays(-1), Now.AddDays(1));
        SetSecret(p, stranger.Sign(System.Text.Encoding.UTF8.GetBytes(V2(p))));
        var entry = await Ac(p);
        entry.Doctor.Should().StartWith("No candidate matched").And.Contain("candidates tried");
        entry.Diagnostic.Should().Contain("No candidate matched");
    }

    [OpenSslFact]
    public async Task A_CMS_by_an_unregistered_certificate_on_v1_names_its_signer()
    {
        var p = _requests.Authorize(Now, sign: false);
        p.Remove("client_certificate_hash");
        p["client_secret"] = ClientSecretCodec.Encode(OpenSslSigner.Cms(SignedString.Build(SignedStringKind.V1, EsiaRequests.Fields(p)), "clients/client-other"));
        var entry = await Ac(p, "/aas/oauth2/ac");
        entry.Diagnostic.Should().Contain("is not registered for MOCKSYS").And.Contain("OTHERSYS");
        entry.Diagnostic.Should().NotContain("Sign exactly", "the CMS signs the right string: one cause (the signer), one fix");
    }

    [OpenSslTheory]
    [InlineData("sha1", "SHA-1 fingerprint")]
    [InlineData("sha256", "SHA-256 fingerprint")]
    public async Task A_SHA_fingerprint_instead_of_Streebog(string algorithm, string cause)
    {
        var p = _requests.Authorize(Now, sign: false);
        var fingerprint = System.Text.Encoding.ASCII.GetString(OpenSsl.Ok("x509", "-in", TestPki.CertPath("clients/client-gost256"), "-noout", "-fingerprint", "-" + algorithm));
        p["client_certificate_hash"] = fingerprint.Split('=')[1].Trim().Replace(":", "", StringComparison.Ordinal);
        SetSecret(p, OpenSslSigner.Sign(V2(p)));
        (await Ac(p)).Doctor.Should().Contain(cause);
    }

    [OpenSslFact]
    public async Task Lower_case_hashes_are_accepted_as_ESIA_does()
    {
        var p = _requests.Authorize(Now, sign: false);
        p["client_certificate_hash"] = p["client_certificate_hash"]!.ToLowerInvariant();
        SetSecret(p, OpenSslSigner.Sign(V2(p)));
        (await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p))).Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
    }

    [OpenSslFact]
    public async Task A_wrong_base64_flavour()
    {
        var p = _requests.Authorize(Now, sign: false);
        var secret = Convert.ToBase64String(OpenSslSigner.Sign(V2(p)));
        // Both alphabets for certain: a random signature has no '+' or '/' of its own one time in fifteen.
        p["client_secret"] = secret[..10] + "+" + secret[11..40] + "-_" + secret[42..];
        (await Ac(p)).Doctor.Should().Contain("could not be decoded").And.Contain("mixes the standard (+/) and URL-safe (-_) base64 alphabets");
    }

    [OpenSslFact]
    public async Task Timestamp_mistakes_are_named_in_the_diagnosis()
    {
        var p = _requests.Authorize(Now.AddMinutes(-30), sign: false);
        SetSecret(p, OpenSslSigner.Sign(V2(p)));
        (await Ac(p)).Diagnostic.Should().Contain("in the past").And.Contain("window");
        p = _requests.Authorize(Now, sign: false);
        p["timestamp"] = Now.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);
        SetSecret(p, OpenSslSigner.Sign(V2(p)));
        (await Ac(p)).Diagnostic.Should().Contain("is not in the form 'yyyy.MM.dd HH:mm:ss +hhmm'");
    }

    [OpenSslFact]
    public async Task The_doctor_also_works_at_te()
    {
        var requests = new EsiaRequests("MOCKHEADLESS");
        var (code, authorize) = await Flow.CodeAsync(Client, requests, Now);
        var form = requests.Token(code, Now);
        form["client_secret"] = ClientSecretCodec.Encode(OpenSslSigner.Sign(SignedString.Build(SignedStringKind.V3AuthorizationCode, EsiaRequests.Fields(form)).Replace(form["state"]!, authorize["state"], StringComparison.Ordinal)));
        var (response, _) = await Flow.TokenAsync(Client, form);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        var entry = Host.Get<MockEsiaControl>().Journal.Query(new JournalQuery { Endpoint = "v3/te" }, 1).Single();
        entry.Doctor.Should().Contain($"a different state ('{authorize["state"]}'");
    }
}
