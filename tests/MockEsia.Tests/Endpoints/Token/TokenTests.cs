using System.Net;
using System.Text.Json;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;
using Esia.TestSupport;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

public class TokenTests : InMemoryTest
{
    private const string Issuer = "http://esia-portal1.test.gosuslugi.ru/";
    private readonly EsiaRequests _requests = new("MOCKHEADLESS");

    private static void ExpectError(HttpResponseMessage response, JsonElement body, string code, string error, string? state)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=UTF-8");
        body.GetProperty("error").GetString().Should().Be(error);
        body.GetProperty("error_description").GetString().Should().StartWith(code + ": ");
        body.GetProperty("state").GetString().Should().Be(state);
        response.Headers.Contains("X-MockEsia-Diagnostic").Should().BeTrue();
    }

    private TokenExpectations Expect(string kind, string client = "MOCKHEADLESS") => new()
    {
        TrustedCertificates = [TestPki.EsiaGost.Certificate, TestPki.EsiaRsa.Certificate],
        Issuers = [Issuer],
        ClientId = client,
        TokenType = kind,
        Now = Now,
    };

    [Fact]
    public async Task A_code_is_exchanged_for_ESIA_shaped_tokens()
    {
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        var form = _requests.Token(code, Now);
        var (response, body) = await Flow.TokenAsync(Client, form);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        body.GetProperty("state").GetString().Should().Be(form["state"]);
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        body.GetProperty("expires_in").GetInt64().Should().Be(3600);
        Guid.TryParse(body.GetProperty("refresh_token").GetString(), out _).Should().BeTrue("refresh tokens are UUIDs");

        var access = EsiaTokenValidator.Validate(body.GetProperty("access_token").GetString(), Expect(TokenTypes.Access));
        access.Success.Should().BeTrue(access.Detail);
        access.Token!.Header.ToJsonString().Should().Be("""{"ver":1,"typ":"JWT","sbt":"access","alg":"GOST3410_2012_256"}""");
        access.Token.GetString("scope").Should().Be("openid fullname?oid=1000000001 email?oid=1000000001");
        access.Token.Payload["urn:esia:sbj_id"]!.GetValue<long>().Should().Be(1000000001);
        (access.Token.GetNumber("exp") - access.Token.GetNumber("iat")).Should().Be(3600);

        var id = EsiaTokenValidator.Validate(body.GetProperty("id_token").GetString(), Expect(TokenTypes.Id));
        id.Success.Should().BeTrue(id.Detail);
        id.Token!.Header["ver"]!.GetValue<int>().Should().Be(0);
        id.Token.Payload["sub"]!.GetValue<long>().Should().Be(1000000001);
        (id.Token.GetNumber("exp") - id.Token.GetNumber("iat")).Should().Be(10800);
        id.Token.GetString("urn:esia:sid").Should().Be(access.Token.GetString("urn:esia:sid"));
    }

    [Fact]
    public async Task RS256Clients_get_RS256_tokens()
    {
        var requests = new EsiaRequests("MOCKRS256");
        var p = requests.Authorize(Now);
        var response = await new Browser(Client).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p));
        var code = EsiaRequests.Query(response)["code"];
        var (_, body) = await Flow.TokenAsync(Client, requests.Token(code, Now));
        var access = EsiaTokenValidator.Validate(body.GetProperty("access_token").GetString(), Expect(TokenTypes.Access, "MOCKRS256"));
        access.Success.Should().BeTrue(access.Detail);
        access.Token!.Algorithm.Should().Be("RS256");
        access.SignedBy!.KeyAlgorithm.Should().Be(KeyAlgorithm.Rsa);
    }

    [Fact]
    public async Task A_code_is_single_use()
    {
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        (await Flow.TokenAsync(Client, _requests.Token(code, Now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var form = _requests.Token(code, Now);
        var (response, body) = await Flow.TokenAsync(Client, form);
        ExpectError(response, body, "ESIA-007011", "invalid_grant", form["state"]);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007011: The provided authorization grant or refresh token is invalid");
    }

    [Fact]
    public async Task Parallel_redemptions_of_one_code_give_exactly_one_token()
    {
        for (var round = 0; round < 5; round++)
        {
            var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
            var forms = Enumerable.Range(0, 8).Select(_ => _requests.Token(code, Now)).ToArray();
            var results = await Task.WhenAll(forms.Select(f => Client.PostAsync("/aas/oauth2/v3/te", EsiaRequests.Form(f))));
            results.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
            results.Count(r => r.StatusCode == HttpStatusCode.BadRequest).Should().Be(7);
        }
    }

    [Fact]
    public async Task An_expired_code_is_ESIA_007011()
    {
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        Host.Clock.Advance(TimeSpan.FromSeconds(241));
        var form = _requests.Token(code, Now);
        var (response, body) = await Flow.TokenAsync(Client, form);
        ExpectError(response, body, "ESIA-007011", "invalid_grant", form["state"]);
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("expired");
    }

    [Fact]
    public async Task A_code_is_bound_to_itsClient_and_redirect_uri()
    {
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        var foreign = new EsiaRequests("MOCKSYS").Token(code, Now);
        var (response, body) = await Flow.TokenAsync(Client, foreign);
        ExpectError(response, body, "ESIA-007011", "invalid_grant", foreign["state"]);

        (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        var wrongRedirect = _requests.Token(code, Now, redirectUri: "http://localhost:8080/elsewhere");
        (response, body) = await Flow.TokenAsync(Client, wrongRedirect);
        ExpectError(response, body, "ESIA-007011", "invalid_grant", wrongRedirect["state"]);

        (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        var withQuery = _requests.Token(code, Now, redirectUri: EsiaRequests.RedirectUri + "?data=x");
        (await Flow.TokenAsync(Client, withQuery)).Response.StatusCode.Should().Be(HttpStatusCode.OK, "a redirect_uri that differs only by its query is accepted, as ESIA does");
    }

    [Fact]
    public async Task A_bad_signature_at_te_is_ESIA_007053_and_does_not_burn_the_code()
    {
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        var form = _requests.Token(code, Now);
        _requests.Sign(form, SignedStringKind.V2Authorize);
        var (response, body) = await Flow.TokenAsync(Client, form);
        ExpectError(response, body, "ESIA-007053", "access_denied", form["state"]);
        (await Flow.TokenAsync(Client, _requests.Token(code, Now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("client_certificate_hash")]
    [InlineData("code")]
    [InlineData("client_secret")]
    [InlineData("redirect_uri")]
    [InlineData("timestamp")]
    [InlineData("scope")]
    public async Task A_missing_parameter_at_te_is_ESIA_007014(string parameter)
    {
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        var form = _requests.Token(code, Now);
        form.Remove(parameter);
        var (response, body) = await Flow.TokenAsync(Client, form);
        ExpectError(response, body, "ESIA-007014", "invalid_request", form["state"]);
        body.GetProperty("error_description").GetString().Should().Contain($"[{parameter}]");
    }

    [Fact]
    public async Task Request_level_errors_at_te()
    {
        var plain = await Client.PostAsync("/aas/oauth2/v3/te", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        plain.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await plain.Content.ReadAsStringAsync()).Should().Contain("ESIA-007003");

        var form = _requests.Token("x", Now);
        form["grant_type"] = "password";
        var (response, body) = await Flow.TokenAsync(Client, form);
        ExpectError(response, body, "ESIA-007012", "unsupported_grant_type", form["state"]);

        form = _requests.Token("x", Now);
        form["client_id"] = "NOSUCHSYS";
        (response, body) = await Flow.TokenAsync(Client, form);
        ExpectError(response, body, "ESIA-007005", "unauthorized_client", form["state"]);

        form = _requests.Token("x", Now);
        form["timestamp"] = "2020.01.01 00:00:00 +0000";
        (response, body) = await Flow.TokenAsync(Client, form);
        ExpectError(response, body, "ESIA-007015", "invalid_request", form["state"]);

        var duplicated = new FormUrlEncodedContent([new("client_id", "MOCKHEADLESS"), new("client_id", "MOCKHEADLESS"), new("grant_type", "authorization_code")]);
        var dup = await Client.PostAsync("/aas/oauth2/v3/te", duplicated);
        (await dup.Content.ReadAsStringAsync()).Should().Contain("ESIA-007003");
    }

    [Fact]
    public async Task StrictClients_refuse_a_reused_state_and_a_changed_redirect_query()
    {
        var requests = new EsiaRequests("MOCKEXACT");
        var p = requests.Authorize(Now, scope: "openid fullname");
        var code = EsiaRequests.Query(await new Browser(Client).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)))["code"];
        var form = requests.Token(code, Now, scope: "openid fullname");
        form["state"] = p["state"];
        requests.Sign(form, SignedStringKind.V3AuthorizationCode);
        var (response, body) = await Flow.TokenAsync(Client, form);
        ExpectError(response, body, "ESIA-007003", "invalid_request", p["state"]);
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_the_old_one_stops_working()
    {
        var tokens = await Flow.TokensAsync(Client, _requests, Now);
        var first = tokens.GetProperty("refresh_token").GetString()!;
        Host.Clock.Advance(TimeSpan.FromSeconds(3700));
        var (response, body) = await Flow.TokenAsync(Client, _requests.Refresh(first, Now));
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        var second = body.GetProperty("refresh_token").GetString()!;
        second.Should().NotBe(first);
        EsiaTokenValidator.Validate(body.GetProperty("access_token").GetString(), Expect(TokenTypes.Access)).Success.Should().BeTrue();
        EsiaTokenValidator.Validate(body.GetProperty("id_token").GetString(), Expect(TokenTypes.Id)).Success.Should().BeTrue();

        var reuse = _requests.Refresh(first, Now);
        (response, body) = await Flow.TokenAsync(Client, reuse);
        ExpectError(response, body, "ESIA-007011", "invalid_grant", reuse["state"]);
        (await Flow.TokenAsync(Client, _requests.Refresh(second, Now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Parallel_refreshes_of_one_token_give_exactly_one_success()
    {
        var tokens = await Flow.TokensAsync(Client, _requests, Now);
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.PostAsync("/aas/oauth2/v3/te", EsiaRequests.Form(_requests.Refresh(refresh, Now)))));
        results.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
    }

    [Fact]
    public async Task The_refresh_profile_is_strict_by_default()
    {
        var tokens = await Flow.TokensAsync(Client, _requests, Now);
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        var alternative = _requests.Refresh(refresh, Now, kind: SignedStringKind.V3RefreshAlternative);
        var (response, body) = await Flow.TokenAsync(Client, alternative);
        ExpectError(response, body, "ESIA-007053", "access_denied", alternative["state"]);
    }

    [Fact]
    public async Task A_failed_signature_does_not_consume_the_refresh_token()
    {
        var tokens = await Flow.TokensAsync(Client, _requests, Now);
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        var bad = _requests.Refresh(refresh, Now);
        bad["client_secret"] = ClientSecretCodec.Encode(TestPki.ClientOther.Sign("x"u8));
        (await Flow.TokenAsync(Client, bad)).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Flow.TokenAsync(Client, _requests.Refresh(refresh, Now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Online_access_gets_no_refresh_token_and_no_openid_no_id_token()
    {
        var p = _requests.Authorize(Now, "fullname");
        p["access_type"] = "online";
        _requests.Sign(p, SignedStringKind.V2Authorize);
        var code = EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)))["code"];
        var (_, body) = await Flow.TokenAsync(Client, _requests.Token(code, Now, "fullname"));
        body.TryGetProperty("refresh_token", out _).Should().BeFalse();
        body.TryGetProperty("id_token", out _).Should().BeFalse();
        body.GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Client_credentials_gives_an_access_token_without_refresh()
    {
        var form = _requests.ClientCredentials(Now);
        var (response, body) = await Flow.TokenAsync(Client, form);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.TryGetProperty("refresh_token", out _).Should().BeFalse();
        body.GetProperty("expires_in").GetInt64().Should().Be(86400);
    }

    [Fact]
    public async Task The_legacy_te_takes_CMS_over_the_v1_string_with_the_new_state()
    {
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        var form = _requests.Token(code, Now);
        form.Remove("client_certificate_hash");
        form["client_secret"] = ClientSecretCodec.Encode(CmsSignature.Sign(TestPki.ClientGost256, SignedString.Bytes(SignedStringKind.V1, EsiaRequests.Fields(form))), Base64Flavour.UrlPadCountDigit);
        var (response, body) = await Flow.TokenAsync(Client, form, "/aas/oauth2/te");
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
    }
}
