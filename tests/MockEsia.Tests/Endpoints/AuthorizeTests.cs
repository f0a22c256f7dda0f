using System.Net;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using Esia.Protocol.Tokens;
using Esia.TestSupport;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

public class AuthorizeTests : InMemoryTest
{
    private readonly EsiaRequests _requests = new();

    private Task<HttpResponseMessage> Ac(Dictionary<string, string?> p, string path = "/aas/oauth2/v2/ac") => Client.GetAsync(EsiaRequests.Url(path, p));

    private async Task ExpectRedirectError(Dictionary<string, string?> p, string code, string error, string? check = null)
    {
        var response = await Ac(p);
        var query = EsiaRequests.Query(response);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(EsiaRequests.RedirectUri);
        query["error"].Should().Be(error);
        query["error_description"].Should().StartWith(code + ": ");
        if (p.GetValueOrDefault("state") is { Length: > 0 } state)
        {
            query["state"].Should().Be(state);
        }

        var diagnostic = response.Headers.GetValues("X-MockEsia-Diagnostic").Single();
        diagnostic.Should().NotBeNullOrWhiteSpace();
        diagnostic.Should().MatchRegex("^[ -~]+$", "the header is readable plain ASCII, not percent-encoded").And.NotContain("%20");
        if (check is not null)
        {
            diagnostic.Should().Contain($"[{check}]");
        }
    }

    [Fact]
    public async Task A_valid_request_leads_to_the_login_page_and_on_to_a_code()
    {
        var p = _requests.Authorize(Now);
        var browser = new Browser(Client);
        var response = await browser.LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p));
        var query = EsiaRequests.Query(response);
        query["state"].Should().Be(p["state"]);
        EsiaJwt.TryParse(query["code"], out var code, out _).Should().BeTrue();
        code!.TokenType.Should().Be("authorization_code");
        code.GetString("urn:esia:client:state").Should().Be(p["state"]);
        code.GetString("client_id").Should().Be("MOCKSYS");
        (code.GetNumber("exp") - code.GetNumber("iat")).Should().Be(240);
        EsiaTokenValidator.VerifySignature(code, [TestPki.EsiaGost.Certificate]).Success.Should().BeTrue();
        browser.HasSsoCookie.Should().BeTrue();

        // Reference §3.4 and §6.1: the 2025 code carries acr and the header member x5t#St256 between typ and sbt, and no jti.
        code.Header.ToJsonString().Should().MatchRegex("^\\{\"ver\":1,\"typ\":\"JWT\",\"x5t#St256\":\"[0-9A-F]{64}\",\"sbt\":\"authorization_code\",\"alg\":\"GOST3410_2012_256\"\\}$");
        code.Payload["acr"]!["2fa"]!.GetValue<string>().Should().Be("otp");
        code.Payload.ContainsKey("jti").Should().BeFalse("ESIA's codes have no jti");

        var second = await browser.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", _requests.Authorize(Now)));
        second.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/consent", "the SSO session skips the login page");
        var again = EsiaRequests.Query(await browser.LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)));
        again["code"].Should().NotBe(query["code"], "the same person, state and second still give two distinct codes");
    }

    [Fact]
    public async Task Refusing_consent_returns_ESIA_007004_access_denied()
    {
        var p = _requests.Authorize(Now);
        var response = await new Browser(Client).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p), grant: false);
        var query = EsiaRequests.Query(response);
        response.Headers.Location!.OriginalString.Should().Contain("error_description=ESIA-007004%3A+The+resource+owner+or+authorization+server+denied+the+request.",
            "ESIA writes spaces in its error redirects as + (reference §3.3)");
        query["error"].Should().Be("access_denied");
        query["error_description"].Should().Be("ESIA-007004: The resource owner or authorization server denied the request.");
        query["state"].Should().Be(p["state"]);
        query.Should().NotContainKey("code");
    }

    [Fact]
    public async Task Login_with_login_and_password_works_and_a_wrong_password_is_refused_on_the_page()
    {
        var browser = new Browser(Client);
        var response = await browser.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", _requests.Authorize(Now)));
        var req = response.Headers.Location!.OriginalString.Split("req=")[1];
        var wrong = await browser.PostAsync("/aas/oauth2/login", ("req", req), ("login", "EsiaTest002"), ("password", "nope"));
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"login-error\"").And.Contain("Неверные логин или пароль");
        var right = await browser.PostAsync("/aas/oauth2/login", ("req", req), ("login", "EsiaTest002"), ("password", "11111111"));
        right.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/consent");
        var consent = await (await browser.GetAsync($"/aas/oauth2/consent?req={req}")).Content.ReadAsStringAsync();
        consent.Should().Contain("Фамилия002").And.Contain("Предоставить").And.Contain("Отказать").And.Contain("data-testid=\"scope-email\"");
    }

    [Theory]
    [InlineData("EsiaTest001@yandex.ru")]
    [InlineData("esiatest001@YANDEX.ru")]
    [InlineData("+7(900)0000001")]
    [InlineData("+7 900 000-00-01")]
    [InlineData("89000000001")]
    [InlineData("8 (900) 000 00 01")]
    [InlineData("9000000001")]
    [InlineData("100-100-100 18")]
    [InlineData("10010010018")]
    [InlineData("esiatest001")]
    public async Task The_public_test_account_signs_in_by_email_phone_or_snils_in_any_common_spelling(string login)
    {
        // Reference §11.1: the public test accounts sign in as EsiaTest001@yandex.ru / 11111111; the field says «Телефон / Email / СНИЛС».
        var browser = new Browser(Client);
        var response = await browser.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", _requests.Authorize(Now)));
        var req = response.Headers.Location!.OriginalString.Split("req=")[1];
        var signedIn = await browser.PostAsync("/aas/oauth2/login", ("req", req), ("login", login), ("password", "11111111"));
        signedIn.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/consent", login);
        var consent = await (await browser.GetAsync($"/aas/oauth2/consent?req={req}")).Content.ReadAsStringAsync();
        consent.Should().Contain("Фамилия001");
    }

    [Theory]
    [InlineData("EsiaTest001@yandex.com")]
    [InlineData("+7(900)0000009")]
    [InlineData("+8 900 000 00 01")]
    [InlineData("100-100-100 19")]
    [InlineData("1001001001")]
    public async Task An_identifier_that_names_nobody_is_refused_on_the_page(string login)
    {
        var browser = new Browser(Client);
        var response = await browser.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", _requests.Authorize(Now)));
        var req = response.Headers.Location!.OriginalString.Split("req=")[1];
        var refused = await browser.PostAsync("/aas/oauth2/login", ("req", req), ("login", login), ("password", "11111111"));
        (await refused.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"login-error\"");
    }

    [Fact]
    public async Task A_headlessClient_gets_a_code_without_pages()
    {
        var requests = new EsiaRequests("MOCKHEADLESS");
        var query = EsiaRequests.Query(await Ac(requests.Authorize(Now)));
        EsiaJwt.TryParse(query["code"], out var code, out _).Should().BeTrue();
        code!.Payload["urn:esia:sbj"]!["urn:esia:sbj:oid"]!.GetValue<long>().Should().Be(1000000001);
    }

    [Theory]
    [InlineData("client_secret")]
    [InlineData("client_certificate_hash")]
    [InlineData("scope")]
    [InlineData("response_type")]
    [InlineData("state")]
    [InlineData("timestamp")]
    public async Task A_missing_parameter_is_ESIA_007014_naming_it(string parameter)
    {
        var p = _requests.Authorize(Now);
        p.Remove(parameter);
        var response = await Ac(p);
        var query = EsiaRequests.Query(response);
        query["error"].Should().Be("invalid_request");
        query["error_description"].Should().Be($"ESIA-007014: The request doesn`t contain the mandatory parameter [{parameter}].");
    }

    [Fact]
    public async Task A_duplicated_parameter_is_ESIA_007003()
    {
        var p = _requests.Authorize(Now);
        var url = EsiaRequests.Url("/aas/oauth2/v2/ac", p) + "&scope=openid";
        var query = EsiaRequests.Query(await Client.GetAsync(url));
        query["error_description"].Should().StartWith("ESIA-007003: ");
    }

    [Fact]
    public async Task Wrong_values_get_their_own_codes()
    {
        var p = _requests.Authorize(Now);
        p["response_type"] = "token";
        await ExpectRedirectError(p, "ESIA-007009", "unsupported_response_type");

        p = _requests.Authorize(Now, state: "not-a-uuid");
        await ExpectRedirectError(p, "ESIA-007003", "invalid_request", "state.format");

        p = _requests.Authorize(Now, scope: "openid superpowers");
        await ExpectRedirectError(p, "ESIA-007006", "invalid_scope", "scope.known");

        p = _requests.Authorize(Now);
        p["access_type"] = "forever";
        _requests.Sign(p, SignedStringKind.V2Authorize);
        await ExpectRedirectError(p, "ESIA-007003", "invalid_request", "access_type");
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task A_timestamp_outside_the_window_is_ESIA_007015(int seconds) =>
        await ExpectRedirectError(_requests.Authorize(Now.AddSeconds(seconds)), "ESIA-007015", "invalid_request", "timestamp.window");

    [Fact]
    public async Task A_timestamp_inside_the_window_and_in_any_offset_passes()
    {
        var p = _requests.Authorize(Now.AddSeconds(-299));
        (await Ac(p)).Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
        p = _requests.Authorize(Now);
        p["timestamp"] = EsiaTimestamp.Format(Now);
        _requests.Sign(p, SignedStringKind.V2Authorize);
        (await Ac(p)).Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
    }

    [Fact]
    public async Task A_malformed_timestamp_is_ESIA_007015()
    {
        var p = _requests.Authorize(Now);
        p["timestamp"] = Now.ToString("O");
        _requests.Sign(p, SignedStringKind.V2Authorize);
        await ExpectRedirectError(p, "ESIA-007015", "invalid_request", "timestamp.format");
    }

    [Fact]
    public async Task Wrong_certificate_hashes_are_ESIA_007053_with_the_reason()
    {
        var cert = TestPki.ClientGost256.Certificate;
        foreach (var (hash, reason) in new[] { (cert.Sha1Hex, "SHA-1"), (cert.Sha256Hex, "SHA-256"), ("ABC", "3 characters"), (new string('A', 64), "matches none") })
        {
            var p = _requests.Authorize(Now);
            p["client_certificate_hash"] = hash;
            var response = await Ac(p);
            EsiaRequests.Query(response)["error_description"].Should().Be("ESIA-007053: OAuthErrorEnum.clientSecretWrong");
            EsiaRequests.Query(response)["error"].Should().Be("access_denied");
            response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain(reason);
        }

        var lower = _requests.Authorize(Now);
        lower["client_certificate_hash"] = cert.Streebog256Hex.ToLowerInvariant();
        (await Ac(lower)).Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login", "the hash is compared case-insensitively");
    }

    [Fact]
    public async Task Bad_signatures_are_ESIA_007053()
    {
        var p = _requests.Authorize(Now);
        p["client_secret"] = ClientSecretCodec.Encode(TestPki.ClientOther.Sign(SignedString.Bytes(SignedStringKind.V2Authorize, EsiaRequests.Fields(p))));
        await ExpectRedirectError(p, "ESIA-007053", "access_denied", "client_secret.signature");

        p = _requests.Authorize(Now);
        p["client_secret"] = ClientSecretCodec.Encode(ClientSecretCodec.Decode(p["client_secret"]).Bytes.Reverse().ToArray());
        var reversed = await Ac(p);
        reversed.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("byte-reversed");

        p = _requests.Authorize(Now);
        _requests.Sign(p, SignedStringKind.V1);
        var v1 = await Ac(p);
        v1.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("v1 string");

        p = _requests.Authorize(Now);
        p["client_secret"] = "not-base64!";
        await ExpectRedirectError(p, "ESIA-007053", "access_denied", "client_secret.encoding");
    }

    [Fact]
    public async Task CMS_on_v2_is_refused_unless_theClient_allows_v1_signatures()
    {
        var p = _requests.Authorize(Now);
        p["client_secret"] = ClientSecretCodec.Encode(CmsSignature.Sign(TestPki.ClientGost256, SignedString.Bytes(SignedStringKind.V1, EsiaRequests.Fields(p))));
        await ExpectRedirectError(p, "ESIA-007053", "access_denied", "client_secret.format");

        var lenient = new EsiaRequests("MOCKLEGACY");
        p = lenient.Authorize(Now);
        p.Remove("client_certificate_hash");
        p["client_secret"] = ClientSecretCodec.Encode(CmsSignature.Sign(TestPki.ClientGost256, SignedString.Bytes(SignedStringKind.V1, EsiaRequests.Fields(p))));
        (await Ac(p)).Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
    }

    [Theory]
    [InlineData("MOCKEXPIRED", "clients/client-expired", "expired")]
    [InlineData("MOCKNOTYET", "clients/client-notyet", "not valid yet")]
    public async Task An_inactiveClient_certificate_is_ESIA_007053(string clientId, string pki, string reason)
    {
        var requests = new EsiaRequests(clientId, TestPki.Get(pki));
        var response = await Ac(requests.Authorize(Now));
        EsiaRequests.Query(response)["error_description"].Should().StartWith("ESIA-007053");
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain(reason);
    }

    [Theory]
    [InlineData(Base64Flavour.UrlUnpadded)]
    [InlineData(Base64Flavour.UrlPadded)]
    [InlineData(Base64Flavour.Standard)]
    [InlineData(Base64Flavour.UrlPadCountDigit)]
    public async Task Every_base64_flavour_is_accepted(Base64Flavour flavour)
    {
        var p = _requests.Authorize(Now);
        _requests.Sign(p, SignedStringKind.V2Authorize, flavour);
        (await Ac(p)).Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
    }

    [Fact]
    public async Task TC26_and_GOST_512Client_keys_are_accepted()
    {
        foreach (var (client, pki) in new[] { ("MOCKTC26", "clients/client-gost256-tc26"), ("MOCK512", "clients/client-gost512") })
        {
            var requests = new EsiaRequests(client, TestPki.Get(pki));
            (await Ac(requests.Authorize(Now))).Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
        }
    }

    [Fact]
    public async Task UnknownClients_and_unregistered_redirects_get_the_error_page_not_a_redirect()
    {
        var unknown = new EsiaRequests("NOSUCHSYS").Authorize(Now);
        var page = await Ac(unknown);
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"error-code\">ESIA-007005").And.Contain("NOSUCHSYS");

        var foreign = _requests.Authorize(Now, redirectUri: "https://evil.example/cb");
        page = await Ac(foreign);
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).Should().Contain("ESIA-007023")
            .And.Contain("<dd lang=\"en\" data-testid=\"diagnostic-why\">", "MockEsia's diagnosis is English for the developer, and marked so on the Russian page")
            .And.Contain("подробности диагноза приводятся на английском языке")
            .And.Contain("<dd data-testid=\"diagnostic-summary\">redirect_uri не зарегистрирован для ИС</dd>", "what the check found wrong reads in Russian (RefusalChecks)");

        var noClient = _requests.Authorize(Now);
        noClient.Remove("client_id");
        (await Ac(noClient)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Redirects_match_by_domain_by_default_and_exactly_when_configured()
    {
        var otherPath = _requests.Authorize(Now, redirectUri: "http://localhost:3000/other/callback?x=1");
        (await Ac(otherPath)).Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");

        var exact = new EsiaRequests("MOCKEXACT");
        var p = exact.Authorize(Now, scope: "openid fullname", redirectUri: "http://localhost:8080/other");
        (await Ac(p)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        p = exact.Authorize(Now, scope: "openid fullname");
        (await Ac(p)).Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
        p = exact.Authorize(Now, scope: "openid snils");
        await ExpectRedirectError(p, "ESIA-007006", "invalid_scope", "scope.allowed");
    }

    [Fact]
    public async Task Unknown_extra_parameters_are_ignored_and_the_redirect_keeps_its_query()
    {
        var p = _requests.Authorize(Now, redirectUri: "http://localhost:8080/signin-esia?data=abc");
        p["response_mode"] = "form_post";
        p["x-client-SKU"] = "ID_NET10_0";
        p["nonce"] = "n-0S6_WzA2Mj";
        var response = await new Browser(Client).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p));
        response.Headers.Location!.OriginalString.Should().StartWith("http://localhost:8080/signin-esia?data=abc&code=");
    }

    [Fact]
    public async Task The_legacy_v1_path_takes_CMS_over_the_v1_string()
    {
        var p = _requests.Authorize(Now);
        p.Remove("client_certificate_hash");
        foreach (var (detached, attributes) in new[] { (true, true), (true, false), (false, false) })
        {
            p["client_secret"] = ClientSecretCodec.Encode(CmsSignature.Sign(TestPki.ClientGost256, SignedString.Bytes(SignedStringKind.V1, EsiaRequests.Fields(p)), detached, attributes));
            (await Ac(p, "/aas/oauth2/ac")).Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
        }

        p["client_secret"] = ClientSecretCodec.Encode(Paths.Bytes("signatures", "client-gost256.v1.cms-attrs.p7s"));
        var wrong = await Ac(p, "/aas/oauth2/ac");
        EsiaRequests.Query(wrong)["error_description"].Should().StartWith("ESIA-007053");
        _requests.Sign(p, SignedStringKind.V2Authorize);
        (await Ac(p, "/aas/oauth2/ac")).Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("raw signature");
    }

    [Fact]
    public async Task Stale_or_unknown_login_requests_get_the_error_page()
    {
        (await Client.GetAsync("/aas/oauth2/login?req=nope")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Client.GetAsync("/aas/oauth2/consent?req=nope")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var browser = new Browser(Client);
        (await browser.PostAsync("/aas/oauth2/consent", ("req", "nope"), ("decision", "grant"))).StatusCode.Should().Be(HttpStatusCode.Redirect, "without a session the browser is sent to log in");
    }
}
