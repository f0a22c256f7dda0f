using System.Net;
using System.Text.Json;
using Esia.Protocol.Tokens;
using Esia.TestSupport;
using MockEsia.Admin;
using MockEsia.Configuration;
using MockEsia.Journal;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>Every control, through the admin REST API and through the C# API, with its effect on the wire.</summary>
public class ScenarioControlTests : InMemoryTest
{
    private MockEsiaControl _control = null!;
    private readonly EsiaRequests _requests = new("MOCKHEADLESS");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _control = Host.Get<MockEsiaControl>();
    }

    private async Task AddFaultAsync(object fault, bool rest)
    {
        if (rest)
        {
            var response = await Client.PostAsJsonAsync("/__admin/faults", fault);
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        else
        {
            _control.Faults.Add(JsonSerializer.Deserialize<Fault>(JsonSerializer.Serialize(fault), MockEsiaJson.Files)!);
        }
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> LoginAsync()
    {
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        return await Flow.TokenAsync(Client, _requests.Token(code, Now));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_clock_moves_codes_into_expiry(bool rest)
    {
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        if (rest)
        {
            var state = await (await Client.PostAsJsonAsync("/__admin/clock/advance", new { seconds = 241 })).Content.ReadFromJsonAsync<JsonElement>();
            state.GetProperty("frozen").GetBoolean().Should().BeTrue();
        }
        else
        {
            _control.Clock.Advance(TimeSpan.FromSeconds(241));
        }

        var (response, body) = await Flow.TokenAsync(Client, _requests.Token(code, Now));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007011");
    }

    [Fact]
    public async Task The_clock_is_set_frozen_and_resumed_through_REST()
    {
        var set = await (await Client.PostAsJsonAsync("/__admin/clock/set", new { time = "2030-01-01T00:00:00Z" })).Content.ReadFromJsonAsync<JsonElement>();
        set.GetProperty("now").GetDateTimeOffset().Should().Be(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        (await Client.PostAsync("/__admin/clock/resume", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        Host.Clock.IsFrozen.Should().BeFalse();
        (await Client.PostAsync("/__admin/clock/freeze", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        Host.Clock.IsFrozen.Should().BeTrue();
        var tokens = await Flow.TokensAsync(Client, _requests, Now);
        EsiaJwt.TryParse(tokens.GetProperty("access_token").GetString(), out var jwt, out _);
        DateTimeOffset.FromUnixTimeSeconds(jwt!.GetNumber("iat")!.Value).Year.Should().Be(2030, "token times come from the virtual clock");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_ac_refusal_fault_applies_once(bool rest)
    {
        await AddFaultAsync(new { endpoint = "Authorize", kind = "Refuse", clientId = "MOCKHEADLESS" }, rest);
        var p = _requests.Authorize(Now);
        var refused = EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)));
        refused["error_description"].Should().StartWith("ESIA-007004");
        refused["state"].Should().Be(p["state"]);
        EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", _requests.Authorize(Now)))).Should().ContainKey("code");
    }

    [Theory]
    [InlineData("Error", "ESIA-007008")]
    [InlineData("WrongState", null)]
    [InlineData("NoState", null)]
    [InlineData("CodeForOtherClient", null)]
    public async Task Ac_faults_shape_the_redirect(string kind, string? code)
    {
        await AddFaultAsync(new { endpoint = "Authorize", kind, errorCode = code }, rest: true);
        var p = _requests.Authorize(Now);
        var query = EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)));
        switch (kind)
        {
            case "Error":
                query["error"].Should().Be("temporarily_unavailable");
                query["error_description"].Should().StartWith("ESIA-007008");
                break;
            case "WrongState":
                query["state"].Should().NotBe(p["state"]);
                break;
            case "NoState":
                query.Should().NotContainKey("state").And.ContainKey("code");
                break;
            default:
                EsiaJwt.TryParse(query["code"], out var jwt, out _);
                jwt!.GetString("client_id").Should().Be("OTHERSYS");
                (await Flow.TokenAsync(Client, _requests.Token(query["code"], Now))).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
                break;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Te_catalogue_errors_and_HTML_500(bool rest)
    {
        await AddFaultAsync(new { endpoint = "Token", kind = "Error", errorCode = "ESIA-007011" }, rest);
        await AddFaultAsync(new { endpoint = "Token", kind = "Html500" }, rest);
        var (first, body) = await LoginAsync();
        first.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error").GetString().Should().Be("invalid_grant");
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        var second = await Client.PostAsync("/aas/oauth2/v3/te", EsiaRequests.Form(_requests.Token(code, Now)));
        second.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        second.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await LoginAsync()).Response.StatusCode.Should().Be(HttpStatusCode.OK, "each fault applied once");
    }

    [Fact]
    public async Task A_fault_until_cleared_and_N_times()
    {
        await AddFaultAsync(new { endpoint = "Token", kind = "Error", errorCode = "ESIA-007014", times = (int?)null }, rest: true);
        for (var i = 0; i < 3; i++)
        {
            (await LoginAsync()).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        (await Client.DeleteAsync("/__admin/faults")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await LoginAsync()).Response.StatusCode.Should().Be(HttpStatusCode.OK);

        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011", Times = 2 });
        (await LoginAsync()).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await LoginAsync()).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await LoginAsync()).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Faults_match_byClient_person_scope_grant_and_parameter()
    {
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011", ClientId = "OTHERSYS" });
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011", PersonOid = 42 });
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011", Scope = "snils" });
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011", GrantType = "refresh_token" });
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011", Parameter = "token_type", ParameterValue = "Mac" });
        (await LoginAsync()).Response.StatusCode.Should().Be(HttpStatusCode.OK, "no fault matches this request");
        _control.Faults.All.Should().HaveCount(5);
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011", PersonOid = 1000000001, Scope = "email" });
        (await LoginAsync()).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_slow_te_answers_late_and_a_dropped_one_never()
    {
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Slow, DelayMs = 600 });
        var started = DateTime.UtcNow;
        (await LoginAsync()).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (DateTime.UtcNow - started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550));

        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Drop });
        var (code, _) = await Flow.CodeAsync(Client, _requests, Now);
        var drop = async () => await Client.PostAsync("/aas/oauth2/v3/te", EsiaRequests.Form(_requests.Token(code, Now)));
        await drop.Should().ThrowAsync<Exception>();
    }

    [Theory]
    [InlineData("MissingIdToken", "id_token")]
    [InlineData("MissingRefreshToken", "refresh_token")]
    public async Task Te_responses_can_lack_a_token(string kind, string member)
    {
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = Enum.Parse<FaultKind>(kind) });
        var (_, body) = await LoginAsync();
        body.TryGetProperty(member, out _).Should().BeFalse();
        body.TryGetProperty("access_token", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData(FaultKind.BadSignature, TokenFailure.SignatureInvalid)]
    [InlineData(FaultKind.UnknownKey, TokenFailure.SignatureInvalid)]
    [InlineData(FaultKind.WrongIssuer, TokenFailure.IssuerMismatch)]
    [InlineData(FaultKind.WrongAudience, TokenFailure.AudienceMismatch)]
    [InlineData(FaultKind.Expired, TokenFailure.Expired)]
    [InlineData(FaultKind.NotYetValid, TokenFailure.NotYetValid)]
    [InlineData(FaultKind.AlgSwapped, TokenFailure.AlgorithmUnsupported)]
    [InlineData(FaultKind.AlgNone, TokenFailure.AlgorithmNone)]
    public async Task Token_faults_spoil_both_tokens_as_a_validatingClient_sees_them(FaultKind kind, TokenFailure failure)
    {
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = kind });
        var (response, body) = await LoginAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var (member, type) in new[] { ("access_token", TokenTypes.Access), ("id_token", TokenTypes.Id) })
        {
            var result = EsiaTokenValidator.Validate(body.GetProperty(member).GetString(), new TokenExpectations
            {
                TrustedCertificates = [TestPki.EsiaGost.Certificate],
                Issuers = ["http://esia-portal1.test.gosuslugi.ru/"],
                ClientId = "MOCKHEADLESS",
                TokenType = type,
                Now = Now,
            });
            result.Failure.Should().Be(failure, $"{member}: {result.Detail}");
        }
    }

    [Fact]
    public async Task A_wrong_subject_and_a_refreshed_id_token_about_another_person()
    {
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.WrongSubject, Target = FaultTarget.Id });
        var (_, body) = await LoginAsync();
        EsiaJwt.TryParse(body.GetProperty("id_token").GetString(), out var id, out _);
        EsiaJwt.TryParse(body.GetProperty("access_token").GetString(), out var access, out _);
        id!.GetNumber("sub").Should().NotBe(access!.GetNumber("urn:esia:sbj_id"));

        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.RefreshIdTokenOtherSubject, GrantType = "refresh_token" });
        var (_, refreshed) = await Flow.TokenAsync(Client, _requests.Refresh(body.GetProperty("refresh_token").GetString()!, Now));
        EsiaJwt.TryParse(refreshed.GetProperty("id_token").GetString(), out var second, out _);
        EsiaJwt.TryParse(refreshed.GetProperty("access_token").GetString(), out var secondAccess, out _);
        second!.GetNumber("sub").Should().Be(1000000002);
        secondAccess!.GetNumber("urn:esia:sbj_id").Should().Be(1000000001);
    }

    [Theory]
    [InlineData("Unauthorized", HttpStatusCode.Unauthorized)]
    [InlineData("Forbidden", HttpStatusCode.Forbidden)]
    [InlineData("Html500", HttpStatusCode.InternalServerError)]
    [InlineData("MalformedJson", HttpStatusCode.OK)]
    [InlineData("Slow", HttpStatusCode.OK)]
    public async Task Rest_faults(string kind, HttpStatusCode status)
    {
        var token = (await LoginAsync()).Body.GetProperty("access_token").GetString();
        await AddFaultAsync(new { endpoint = "Rest", kind, delayMs = 100 }, rest: true);
        var request = new HttpRequestMessage(HttpMethod.Get, "/rs/prns/1000000001");
        request.Headers.Authorization = new("Bearer", token);
        var response = await Client.SendAsync(request);
        response.StatusCode.Should().Be(status);
        var text = await response.Content.ReadAsStringAsync();
        if (kind == "MalformedJson")
        {
            var parse = () => JsonDocument.Parse(text);
            parse.Should().Throw<JsonException>();
        }
    }

    [Fact]
    public async Task Invalid_faults_are_refused_with_a_reason()
    {
        var response = await Client.PostAsJsonAsync("/__admin/faults", new { endpoint = "Rest", kind = "Refuse" });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("does not apply");
        (await Client.PostAsJsonAsync("/__admin/faults", new { endpoint = "Token", kind = "Error", errorCode = "ESIA-999999" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Certificate_rotation_drill(bool rest)
    {
        var next = TestPki.Get("esia/esia-gost256-next").Certificate;
        if (rest)
        {
            (await Client.PostAsync("/__admin/keys/publish-next", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
            (await Client.PostAsync("/__admin/keys/switch-next", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        else
        {
            _control.Keys.PublishNext();
            _control.Keys.SwitchToNext();
        }

        var (_, body) = await LoginAsync();
        EsiaJwt.TryParse(body.GetProperty("access_token").GetString(), out var jwt, out _);
        EsiaTokenValidator.VerifySignature(jwt!, [TestPki.EsiaGost.Certificate]).Success.Should().BeFalse("an app trusting only the old certificate fails");
        EsiaTokenValidator.VerifySignature(jwt!, [TestPki.EsiaGost.Certificate, next]).Success.Should().BeTrue();
        var keys = await Client.GetFromJsonAsync<JsonElement>("/__admin/keys");
        keys.GetProperty("active").GetProperty("clientCertificateHash").GetString().Should().Be(next.Streebog256Hex);
    }

    [Fact]
    public async Task The_journal_is_queried_waited_on_and_cleared()
    {
        var waiting = Client.GetAsync("/__admin/journal/wait?endpoint=v3/te&timeoutMs=5000");
        await LoginAsync();
        var entry = await (await waiting).Content.ReadFromJsonAsync<JsonElement>();
        entry.GetProperty("endpoint").GetString().Should().Be("v3/te");
        entry.GetProperty("status").GetInt32().Should().Be(200);
        entry.GetProperty("personOid").GetInt64().Should().Be(1000000001);
        entry.GetProperty("parameters").GetProperty("client_secret").GetString().Should().Contain("…", "secrets are shortened");
        entry.GetProperty("checks")[0].GetProperty("passed").GetBoolean().Should().BeTrue();

        var list = await Client.GetFromJsonAsync<JsonElement[]>("/__admin/journal?clientId=MOCKHEADLESS&endpoint=v2/ac");
        list.Should().ContainSingle();
        var timeout = await Client.GetAsync($"/__admin/journal/wait?endpoint=v3/te&afterId={entry.GetProperty("id").GetInt64()}&timeoutMs=100");
        timeout.StatusCode.Should().Be(HttpStatusCode.RequestTimeout);
        var waitCs = await _control.Journal.WaitAsync(new JournalQuery { Endpoint = "v2/ac" }, TimeSpan.FromSeconds(1));
        waitCs!.ClientId.Should().Be("MOCKHEADLESS");
        (await Client.DeleteAsync("/__admin/journal")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        _control.Journal.Count.Should().Be(0);
        (await Client.GetFromJsonAsync<JsonElement[]>("/__admin/journal")).Should().BeEmpty("admin calls are not journalled");
    }

    [Fact]
    public async Task The_journal_page_shows_entries_with_their_diagnosis()
    {
        var p = _requests.Authorize(Now);
        p["client_certificate_hash"] = TestPki.ClientGost256.Certificate.Sha1Hex;
        await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p));
        var html = await Client.GetStringAsync("/__admin/ui");
        html.Should().Contain("Журнал запросов / Request journal").And.Contain("ESIA-007053").And.Contain("SHA-1").And.Contain("data-testid=\"journal-doctor-");
        (await Client.GetStringAsync("/__admin/openapi/admin.json")).Should().Contain("/__admin/faults").And.NotContain("/aas/oauth2");
    }

    [Fact]
    public async Task Clients_and_people_change_at_runtime()
    {
        var definition = new
        {
            clientId = "NEWSYS",
            name = "Новая ИС",
            certificatesPem = new[] { File.ReadAllText(TestPki.CertPath("clients/client-other")) },
            redirectUris = new[] { "http://localhost:8080/signin-esia" },
            headlessPersonOid = 1000000003,
        };
        (await Client.PutAsJsonAsync("/__admin/clients", definition)).StatusCode.Should().Be(HttpStatusCode.OK);
        var requests = new EsiaRequests("NEWSYS", TestPki.ClientOther);
        EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(Now)))).Should().ContainKey("code");

        var person = await Client.GetFromJsonAsync<JsonElement>("/__admin/people/1000000003");
        var changed = JsonSerializer.Deserialize<Dictionary<string, object>>(person.GetRawText())!;
        changed["firstName"] = "Изменённое";
        (await Client.PutAsJsonAsync("/__admin/people", changed)).StatusCode.Should().Be(HttpStatusCode.OK);
        _control.People.Find(1000000003)!.FirstName.Should().Be("Изменённое");

        (await Client.DeleteAsync("/__admin/clients/NEWSYS")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(Now)))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        _control.People.Remove(1000000003).Should().BeTrue();
        (await Client.GetAsync("/__admin/people/1000000003")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_client_is_registered_from_an_uploaded_certificate_in_any_form_integrators_have()
    {
        var pem = await File.ReadAllTextAsync(TestPki.CertPath("clients/client-other"));
        var forms = new Dictionary<string, byte[]>
        {
            ["der"] = await File.ReadAllBytesAsync(TestPki.CertPath("clients/client-other").Replace(".cer.pem", ".cer", StringComparison.Ordinal)),
            ["pem"] = System.Text.Encoding.ASCII.GetBytes(pem),
            ["base64"] = System.Text.Encoding.ASCII.GetBytes(string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))),
        };
        foreach (var (kind, bytes) in forms)
        {
            using var upload = new MultipartFormDataContent
            {
                { new StringContent("UPLOADED"), "clientId" },
                { new StringContent("http://localhost:7000/cb"), "redirectUri" },
                { new ByteArrayContent(bytes), "certificate", "my-system.cer" },
            };
            var response = await Client.PostAsync("/__admin/clients/upload", upload);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{kind}: {await response.Content.ReadAsStringAsync()}");
            (await response.Content.ReadAsStringAsync()).Should().Contain(TestPki.ClientOther.Certificate.Streebog256Hex, kind);
        }

        using var rsa = new MultipartFormDataContent
        {
            { new StringContent("RSAUP"), "clientId" },
            { new StringContent("http://localhost:7000/cb"), "redirectUri" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(TestPki.CertPath("clients/client-rsa"))), "certificate", "rsa.cer" },
        };
        var refused = await Client.PostAsync("/__admin/clients/upload", rsa);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("allowRsaClientKeys");
        (await Client.PostAsync("/__admin/clients/upload", new StringContent("x"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Revoking_refresh_tokens_and_ending_sessions(bool rest)
    {
        var refresh = (await LoginAsync()).Body.GetProperty("refresh_token").GetString()!;
        var browser = new Browser(Client);
        await browser.LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", new EsiaRequests().Authorize(Now)));
        if (rest)
        {
            (await (await Client.PostAsync("/__admin/people/1000000001/revoke-refresh-tokens", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetInt32().Should().Be(1);
            (await Client.DeleteAsync("/__admin/sessions")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        else
        {
            (await _control.RevokeRefreshTokensAsync(1000000001)).Should().Be(1);
            (await _control.EndSessionsAsync()).Should().BeGreaterThan(0);
        }

        (await Flow.TokenAsync(Client, _requests.Refresh(refresh, Now))).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var again = await browser.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", new EsiaRequests().Authorize(Now)));
        again.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/login");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reset_returns_to_the_configured_state(bool rest)
    {
        _control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Html500, Times = null });
        _control.Clients.Remove("MOCKHEADLESS");
        _control.Keys.SwitchToNext();
        _control.Clock.Advance(TimeSpan.FromDays(3));
        if (rest)
        {
            (await Client.PostAsync("/__admin/reset", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        else
        {
            await _control.ResetAsync();
        }

        _control.Faults.All.Should().BeEmpty();
        _control.Clients.Find("MOCKHEADLESS").Should().NotBeNull();
        _control.Keys.ActiveGost.Should().BeSameAs(_control.Keys.Gost);
        Host.Clock.IsFrozen.Should().BeFalse();
        (Host.Clock.GetUtcNow() - DateTimeOffset.UtcNow).Duration().Should().BeLessThan(TimeSpan.FromMinutes(1));
        (await LoginAsync()).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public class AdminSecurityAndScenarioFileTests
{
    [Fact]
    public async Task The_admin_API_refuses_requests_without_the_configured_token()
    {
        await using var host = await MockEsiaHost.StartAsync("--MockEsia:AdminToken=s3cret");
        var client = host.Client();
        (await client.GetAsync("/__admin/faults")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/faults");
        request.Headers.Authorization = new("Bearer", "wrong");
        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        request = new HttpRequestMessage(HttpMethod.Get, "/__admin/faults");
        request.Headers.Authorization = new("Bearer", "s3cret");
        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/__admin/ui?token=s3cret")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK, "ESIA endpoints need no admin token");
    }

    [Fact]
    public async Task A_scenario_file_is_applied_at_start_up_and_on_reset()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """
            {
              "faults": [ { "endpoint": "Token", "kind": "Error", "errorCode": "ESIA-007008", "times": null } ],
              "clients": [ { "clientId": "FILESYS", "certificates": ["pki/clients/client-gost256.cer.pem"], "redirectUris": ["http://localhost:8080/cb"] } ]
            }
            """);
        try
        {
            await using var host = await MockEsiaHost.StartAsync($"--MockEsia:ScenarioFile={file}");
            var control = host.Get<MockEsiaControl>();
            control.Faults.All.Should().ContainSingle(f => f.ErrorCode == "ESIA-007008");
            control.Clients.Find("FILESYS").Should().NotBeNull();
            control.Faults.Clear();
            await control.ResetAsync();
            control.Faults.All.Should().ContainSingle();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_journal_file_gets_JSON_lines_and_a_failing_file_does_not_stop_the_server()
    {
        var file = Path.GetTempFileName();
        try
        {
            await using (var host = await MockEsiaHost.StartAsync($"--MockEsia:JournalFile={file}"))
            {
                await host.Client().GetAsync("/public/esia.zip");
                (await File.ReadAllLinesAsync(file)).Should().ContainSingle().Which.Should().Contain("\"endpoint\":\"esia.zip\"");
            }

            await using (var broken = await MockEsiaHost.StartAsync("--MockEsia:JournalFile=/proc/version"))
            {
                (await broken.Client().GetAsync("/public/esia.zip")).StatusCode.Should().Be(HttpStatusCode.OK);
                (await broken.Client().GetAsync("/public/esia.zip")).StatusCode.Should().Be(HttpStatusCode.OK);
                broken.Get<RequestJournal>().FileProblem.Should().NotBeNull();
                broken.Get<RequestJournal>().Count.Should().Be(2);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public class JournalDiskFullTests
{
    // /dev/full answers every write with ENOSPC, the kernel's own "No space left on device".
    [Fact]
    public async Task A_full_disk_under_the_journal_file_keeps_the_server_serving_and_says_so()
    {
        File.Exists("/dev/full").Should().BeTrue("Linux provides /dev/full");
        await using var host = await MockEsiaHost.StartAsync("--MockEsia:JournalFile=/dev/full");
        var requests = new EsiaRequests("MOCKHEADLESS");

        var tokens = await Flow.TokensAsync(host.Client(), requests, host.Clock.GetUtcNow());
        tokens.GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();

        var journal = host.Get<RequestJournal>();
        journal.Count.Should().Be(2, "the journal keeps every entry in memory");
        journal.FileProblem.Should().Contain("No space left on device").And.Contain("2 entries not written");
        var health = await host.Client().GetStringAsync("/health");
        health.Should().Contain("\"status\":\"ok\"").And.Contain("No space left on device");
    }
}

public class AccessTokenExpiryTests
{
    [Fact]
    public async Task Expiring_aClients_access_tokens_gets_401_until_a_refresh_without_moving_the_clock_far()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var client = host.Client();
        var requests = new EsiaRequests("MOCKHEADLESS");
        var tokens = await Flow.TokensAsync(client, requests, host.Clock.GetUtcNow());
        async Task<HttpStatusCode> Rest(string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/rs/prns/1000000001");
            request.Headers.Authorization = new("Bearer", token);
            return (await client.SendAsync(request)).StatusCode;
        }

        var before = host.Clock.GetUtcNow();
        (await client.PostAsync("/__admin/tokens/expire?clientId=MOCKHEADLESS", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (host.Clock.GetUtcNow() - before).Should().Be(TimeSpan.FromSeconds(1));
        (await Rest(tokens.GetProperty("access_token").GetString()!)).Should().Be(HttpStatusCode.Unauthorized);
        var (_, refreshed) = await Flow.TokenAsync(client, requests.Refresh(tokens.GetProperty("refresh_token").GetString()!, host.Clock.GetUtcNow()));
        (await Rest(refreshed.GetProperty("access_token").GetString()!)).Should().Be(HttpStatusCode.OK);
    }
}
