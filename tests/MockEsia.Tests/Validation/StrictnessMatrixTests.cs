using System.Net;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using Esia.TestSupport;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>
/// Never laxer than ESIA: for every check ESIA makes (reference §3–§7), the input ESIA refuses is refused here too, with
/// ESIA's code. Each row starts from a request MockEsia accepts (proved by the first test of each kind) and spoils one thing.
/// </summary>
public class StrictnessMatrixTests : InMemoryTest
{
    private static readonly EsiaRequests Headless = new("MOCKHEADLESS");

    /// <summary>v2/ac rows: the reference section, the spoiler (re-signing when the signed string should still hold), ESIA's code.</summary>
    public static TheoryData<string, string, string> AuthorizeRows() => new()
    {
        { "§3.1 client_secret missing", "remove client_secret", "ESIA-007014" },
        { "§3.1 client_certificate_hash missing", "remove client_certificate_hash", "ESIA-007014" },
        { "§3.1 scope missing", "remove scope", "ESIA-007014" },
        { "§3.1 response_type missing", "remove response_type", "ESIA-007014" },
        { "§3.1 state missing", "remove state", "ESIA-007014" },
        { "§3.1 timestamp missing", "remove timestamp", "ESIA-007014" },
        { "§3.1 response_type other than code", "response_type=token", "ESIA-007009" },
        { "§3.1 state not a UUID", "state=abc", "ESIA-007003" },
        { "§4.2 timestamp malformed", "timestamp=2026-11-29T10:00:00Z", "ESIA-007015" },
        { "§4.2 timestamp an hour off", "timestamp=+1h", "ESIA-007015" },
        { "§8.1 unknown scope", "scope=openid nosuchscope", "ESIA-007006" },
        { "§3.1 access_type neither online nor offline", "access_type=forever", "ESIA-007003" },
        { "§7.2 a parameter sent twice", "duplicate state", "ESIA-007003" },
        { "§4.4 signature over another string", "sign v1", "ESIA-007053" },
        { "§4.4 signature byte-reversed", "reverse signature", "ESIA-007053" },
        { "§4.4 signature by another key", "sign with OTHERSYS", "ESIA-007053" },
        { "§4.3 CMS on v2", "cms", "ESIA-007053" },
        { "§4.5 SHA-1 certificate hash", "hash sha1", "ESIA-007053" },
        { "§7.2 hash of another system's certificate (issue 31, item 2: the observed code)", "hash other", "ESIA-007005" },
        { "§4.5 hash of no registered certificate", "hash none", "ESIA-007053" },
        { "§4.4 client_secret not base64", "client_secret=!!!", "ESIA-007053" },
        { "§3.1 PKCE method unknown", "code_challenge_method=S512", "ESIA-007003" },
        { "§10 permissions not base64url JSON", "permissions=not-json", "ESIA-036700" },
        { "§8.6 person scope in scope_org", "scope_org=fullname", "ESIA-007006" },
        { "§3.1 state with a leading space (issue 31, item 3)", "state= 3f2504e0-4f89-11d3-9a0c-0305e82c3301", "ESIA-007003" },
        { "§15.7 white space around client_secret (issue 31, item 4)", "space client_secret", "ESIA-007053" },
        { "§15.7 a '+' of client_secret arriving as a space (issue 31, item 4)", "plus client_secret", "ESIA-007053" },
        { "§10 permissions in padded standard base64 (issue 31, item 9)", "permissions=" + PaddedPermissions, "ESIA-036700" },
    };

    // A valid APIPGU consent in standard base64 with its padding (reference §10 documents base64url without).
    private static readonly string PaddedPermissions = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
        """[{"responsibleObject":"ООО «Тест»","sysname":"APIPGU","expire":60,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]"""));

    private static Dictionary<string, string?> Spoil(string spoiler, DateTimeOffset now)
    {
        var p = Headless.Authorize(now, sign: false);
        var resign = true;
        switch (spoiler.Split(' ', 2))
        {
            case ["remove", var name]:
                p.Remove(name);
                resign = name != "client_secret";
                break;
            case ["duplicate", _]:
                break;
            case ["sign", "v1"]:
                Headless.Sign(p, SignedStringKind.V1);
                return p;
            case ["space", _]:
                Headless.Sign(p, SignedStringKind.V2Authorize);
                p["client_secret"] = " " + p["client_secret"];
                return p;
            case ["plus", _]:
                do
                {
                    Headless.Sign(p, SignedStringKind.V2Authorize, Base64Flavour.Standard);
                }
                while (!p["client_secret"]!.Contains('+', StringComparison.Ordinal));

                p["client_secret"] = p["client_secret"]!.Replace('+', ' ');
                return p;
            case ["reverse", _]:
                Headless.Sign(p, SignedStringKind.V2Authorize);
                p["client_secret"] = ClientSecretCodec.Encode(ClientSecretCodec.Decode(p["client_secret"]).Bytes.Reverse().ToArray());
                return p;
            case ["sign", _]:
                p["client_secret"] = ClientSecretCodec.Encode(TestPki.ClientOther.Sign(SignedString.Bytes(SignedStringKind.V2Authorize, EsiaRequests.Fields(p))));
                return p;
            case ["cms"]:
                p["client_secret"] = ClientSecretCodec.Encode(CmsSignature.Sign(TestPki.ClientGost256, SignedString.Bytes(SignedStringKind.V2Authorize, EsiaRequests.Fields(p))));
                return p;
            case ["hash", "sha1"]:
                p["client_certificate_hash"] = TestPki.ClientGost256.Certificate.Sha1Hex;
                break;
            case ["hash", "none"]:
                p["client_certificate_hash"] = new string('A', 64);
                break;
            case ["hash", _]:
                p["client_certificate_hash"] = TestPki.ClientOther.Certificate.Streebog256Hex;
                break;
            case ["timestamp=+1h"]:
                p["timestamp"] = EsiaTimestamp.Format(now.AddHours(1));
                break;
            default:
                var (key, value) = (spoiler[..spoiler.IndexOf('=', StringComparison.Ordinal)], spoiler[(spoiler.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                p[key] = value;
                if (key == "code_challenge_method")
                {
                    p["code_challenge"] = new string('A', 43);
                }

                resign = key != "client_secret";
                break;
        }

        if (resign)
        {
            Headless.Sign(p, SignedStringKind.V2Authorize);
        }

        return p;
    }

    [Fact]
    public async Task The_unspoilt_authorization_request_is_accepted()
    {
        var query = EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", Headless.Authorize(Now))));
        query.Should().ContainKey("code");
    }

    [Theory]
    [MemberData(nameof(AuthorizeRows))]
    public async Task Authorization_requests_ESIA_refuses_are_refused(string check, string spoiler, string code)
    {
        var p = Spoil(spoiler, Now);
        var url = EsiaRequests.Url("/aas/oauth2/v2/ac", p);
        if (spoiler.StartsWith("duplicate ", StringComparison.Ordinal))
        {
            url += "&state=" + Guid.NewGuid();
        }

        var response = await Client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, check);
        var query = EsiaRequests.Query(response);
        query.Should().NotContainKey("code", check);
        query["error_description"].Should().StartWith(code + ":", check);
    }

    /// <summary>Reference §15.7: a '+' of client_secret is sent as %2B (reading ClientSecretSpaces).</summary>
    [Fact]
    public async Task A_space_for_a_plus_in_client_secret_is_repaired_only_under_its_reading()
    {
        (await Client.PutAsync("/__admin/readings/ClientSecretSpaces?value=Repair", null)).EnsureSuccessStatusCode();
        var p = Headless.Authorize(Now, sign: false);
        // A '+' inside the value: one at either end, once a space, is indistinguishable from the white space around it that
        // the reading trims, so such a signature (about 1 in 32) is signed again rather than left to chance.
        static bool InnerPlus(string? secret) => secret is { Length: > 2 } s && s[1..^1].Contains('+', StringComparison.Ordinal) && s[0] != '+' && s[^1] != '+';
        for (var attempt = 0; attempt < 50 && !InnerPlus(p.GetValueOrDefault("client_secret")); attempt++)
        {
            Headless.Sign(p, SignedStringKind.V2Authorize, Base64Flavour.Standard);
        }

        InnerPlus(p["client_secret"]).Should().BeTrue("a GOST signature's standard base64 has an inner '+' within a few tries");
        p["client_secret"] = " " + p["client_secret"]!.Replace('+', ' ');
        EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p))).Should().ContainKey("code");
    }

    /// <summary>Reference §3.1 (<c>person_filter</c>, base64 of <c>conf_acc</c>, meaning unknown: reading PersonFilter) and §7.2 (ESIA-007055).</summary>
    [Fact]
    public async Task person_filter_conf_acc_admits_confirmed_accounts_only_with_ESIA_007055_for_others_issue_31_item_12()
    {
        var requests = new EsiaRequests();
        Dictionary<string, string?> Filtered(string filter = "Y29uZl9hY2M")
        {
            var p = requests.Authorize(Now, "openid fullname", sign: false);
            p["person_filter"] = filter;
            requests.Sign(p, SignedStringKind.V2Authorize);
            return p;
        }

        var confirmed = await new Browser(Client).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", Filtered()), personOid: 1000000001);
        EsiaRequests.Query(confirmed).Should().ContainKey("code", "a confirmed account passes the filter");
        var unconfirmed = await new Browser(Client).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", Filtered()), personOid: 1000000003);
        EsiaRequests.Query(unconfirmed)["error_description"].Should().StartWith("ESIA-007055");
        var unfiltered = await new Browser(Client).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(Now, "openid fullname")), personOid: 1000000003);
        EsiaRequests.Query(unfiltered).Should().ContainKey("code", "without the filter an unconfirmed account signs in, as on ESIA");
        var unknown = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", Filtered("b3RoZXI")));
        EsiaRequests.Query(unknown)["error_description"].Should().StartWith("ESIA-007003");

        (await Client.PutAsync("/__admin/readings/PersonFilter?value=Ignore", null)).EnsureSuccessStatusCode();
        var ignored = await new Browser(Client).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", Filtered()), personOid: 1000000003);
        EsiaRequests.Query(ignored).Should().ContainKey("code");
    }

    /// <summary>Reference §10: permissions is base64url without padding (reading PermissionsEncoding).</summary>
    [Fact]
    public async Task Padded_permissions_are_refused_only_for_their_encoding_the_lenient_reading_takes_them()
    {
        PaddedPermissions.Should().EndWith("==", "the row above must test the padding, nothing else");
        (await Client.PutAsync("/__admin/readings/PermissionsEncoding?value=AnyBase64", null)).EnsureSuccessStatusCode();
        var query = EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", Spoil("permissions=" + PaddedPermissions, Now))));
        query.Should().ContainKey("code");
    }

    /// <summary>Reference §5.4: the only v3 client_credentials evidence signs and sends redirect_uri (reading ClientCredentialsRedirectUri).</summary>
    [Fact]
    public async Task client_credentials_without_redirect_uri_is_refused_unless_its_reading_allows_it_issue_31_item_1()
    {
        var accepted = Headless.ClientCredentials(Now);
        (await Flow.TokenAsync(Client, accepted)).Response.StatusCode.Should().Be(HttpStatusCode.OK, "the unspoilt request");
        var form = Headless.ClientCredentials(Now);
        form.Remove("redirect_uri");
        Headless.Sign(form, SignedStringKind.V3ClientCredentials);
        var (response, body) = await Flow.TokenAsync(Client, form);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007014");
        (await Client.PutAsync("/__admin/readings/ClientCredentialsRedirectUri?value=Optional", null)).EnsureSuccessStatusCode();
        form = Headless.ClientCredentials(Now);
        form.Remove("redirect_uri");
        Headless.Sign(form, SignedStringKind.V3ClientCredentials);
        (await Flow.TokenAsync(Client, form)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Reference §5.4: client_credentials asks for organisation scopes (reading ClientCredentialsScopes).</summary>
    [Theory]
    [InlineData("fullname")]
    [InlineData("openid")]
    [InlineData("http://esia.gosuslugi.ru/org_inn?org_oid=999")]
    public async Task client_credentials_for_a_person_scope_or_an_unknown_organisation_is_refused_issue_31_item_8(string scope)
    {
        var (accepted, _) = await Flow.TokenAsync(Client, Headless.ClientCredentials(Now));
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, "the unspoilt request");
        var (response, body) = await Flow.TokenAsync(Client, Headless.ClientCredentials(Now, scope));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, scope);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007006");
        (await Client.PutAsync("/__admin/readings/ClientCredentialsScopes?value=Any", null)).EnsureSuccessStatusCode();
        (await Flow.TokenAsync(Client, Headless.ClientCredentials(Now, scope))).Response.StatusCode.Should().Be(HttpStatusCode.OK, "the lenient reading");
    }

    /// <summary>Reference §5.1, §5.3: the scope at te (reading WiderScopeAtToken).</summary>
    [Fact]
    public async Task A_wider_scope_at_te_is_dropped_under_its_reading_issue_31_item_7()
    {
        (await Client.PutAsync("/__admin/readings/WiderScopeAtToken?value=Drop", null)).EnsureSuccessStatusCode();
        var (grant, _) = await Flow.CodeAsync(Client, Headless, Now);
        var form = Headless.Token(grant, Now, "openid fullname email snils");
        var (response, body) = await Flow.TokenAsync(Client, form);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        Esia.Protocol.Tokens.EsiaJwt.TryParse(body.GetProperty("access_token").GetString(), out var access, out _).Should().BeTrue();
        access!.GetString("scope").Should().NotContain("snils", "what ac did not grant is dropped");
    }

    [Theory]
    [InlineData("§3.3 unknown client_id", "client_id", "NOSUCHSYS", "ESIA-007005")]
    [InlineData("§3.3 redirect_uri on an unregistered domain", "redirect_uri", "https://evil.example/cb", "ESIA-007023")]
    [InlineData("§3.1 redirect_uri missing", "redirect_uri", null, "ESIA-007014")]
    [InlineData("§3.3 redirect_uri with a trailing space, signed as sent (issue 31, item 5)", "redirect_uri", "http://localhost:8080/signin-esia ", "ESIA-007023")]
    public async Task Requests_with_nowhere_safe_to_redirect_get_ESIAs_error_page(string check, string parameter, string? value, string code)
    {
        var p = Headless.Authorize(Now, sign: false);
        p[parameter] = value;
        Headless.Sign(p, SignedStringKind.V2Authorize);
        var response = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, check);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"data-testid=\"error-code\">{code}<", check);
    }

    /// <summary>v3/te rows (authorization_code): the reference section, the spoiler, ESIA's code.</summary>
    public static TheoryData<string, string, string> TokenRows() => new()
    {
        { "§5.1 client_secret missing", "remove client_secret", "ESIA-007014" },
        { "§5.1 client_certificate_hash missing", "remove client_certificate_hash", "ESIA-007014" },
        { "§5.1 code missing", "remove code", "ESIA-007014" },
        { "§5.1 redirect_uri missing", "remove redirect_uri", "ESIA-007014" },
        { "§5.1 scope missing", "remove scope", "ESIA-007014" },
        { "§5.1 state missing", "remove state", "ESIA-007014" },
        { "§5.1 timestamp missing", "remove timestamp", "ESIA-007014" },
        { "§5.1 grant_type missing", "remove grant_type", "ESIA-007014" },
        { "§5.1 unknown grant_type", "grant_type=password", "ESIA-007012" },
        { "§4.2 timestamp an hour off", "timestamp=+1h", "ESIA-007015" },
        { "§5.1 state not a UUID", "state=abc", "ESIA-007003" },
        { "§3.4 redirect_uri on another host", "redirect_uri=http://elsewhere.example/cb", "ESIA-007011" },
        { "§4.4 signature over the v2/ac string", "sign v2", "ESIA-007053" },
        { "§4.4 signature by another key", "sign with OTHERSYS", "ESIA-007053" },
        { "§3.4 code reused", "reuse", "ESIA-007011" },
        { "§3.4 code expired (240 s)", "expire", "ESIA-007011" },
        { "§3.1 verifier without a challenge", "code_verifier=" + new string('v', 43), "ESIA-007039" },
        { "§5.1 token_type other than Bearer (issue 31, item 6)", "token_type=MAC", "ESIA-007003" },
        { "§5.1 state with a leading space (issue 31, item 3)", "state= 3f2504e0-4f89-11d3-9a0c-0305e82c3301", "ESIA-007003" },
        { "§5.1 scope wider than at ac (issue 31, item 7)", "scope=openid fullname email snils", "ESIA-007006" },
    };

    [Theory]
    [MemberData(nameof(TokenRows))]
    public async Task Token_requests_ESIA_refuses_are_refused(string check, string spoiler, string code)
    {
        var (grant, _) = await Flow.CodeAsync(Client, Headless, Now);
        var form = Headless.Token(grant, Now);
        var resign = true;
        switch (spoiler.Split(' ', 2))
        {
            case ["remove", var name]:
                form.Remove(name);
                resign = name != "client_secret";
                break;
            case ["sign", "v2"]:
                Headless.Sign(form, SignedStringKind.V2Authorize);
                resign = false;
                break;
            case ["sign", _]:
                form["client_secret"] = ClientSecretCodec.Encode(TestPki.ClientOther.Sign(SignedString.Bytes(SignedStringKind.V3AuthorizationCode, EsiaRequests.Fields(form))));
                resign = false;
                break;
            case ["reuse"]:
                (await Flow.TokenAsync(Client, form)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
                form = Headless.Token(grant, Now);
                break;
            case ["expire"]:
                Host.Clock.Advance(TimeSpan.FromSeconds(241));
                form = Headless.Token(grant, Now);
                break;
            case ["timestamp=+1h"]:
                form["timestamp"] = EsiaTimestamp.Format(Now.AddHours(1));
                break;
            default:
                var at = spoiler.IndexOf('=', StringComparison.Ordinal);
                form[spoiler[..at]] = spoiler[(at + 1)..];
                break;
        }

        if (resign)
        {
            Headless.Sign(form, SignedStringKind.V3AuthorizationCode);
        }

        var (response, body) = await Flow.TokenAsync(Client, form);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, check);
        body.GetProperty("error_description").GetString().Should().StartWith(code + ":", check);
    }

    [Fact]
    public async Task The_unspoilt_token_request_is_accepted()
    {
        var (grant, _) = await Flow.CodeAsync(Client, Headless, Now);
        (await Flow.TokenAsync(Client, Headless.Token(grant, Now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
