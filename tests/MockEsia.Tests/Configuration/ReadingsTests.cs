using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>
/// The behaviours the reference calls unknown, each under both readings (docs/readings.md: unknown client §3.3, old
/// refresh token §5.3, refresh profile §5.3, query parameters §5, nonce §6.3), and what ESIA has that the first round
/// lacked: PKCE (reference §3.1) and <c>v2/te</c> (§1.2).
/// </summary>
public class ReadingsTests : InMemoryTest
{
    private readonly EsiaRequests _headless = new("MOCKHEADLESS");

    private Task<HttpResponseMessage> SetReading(string name, string value) =>
        Client.PutAsync($"/__admin/readings/{name}?value={value}", null);

    private async Task<string> CodeWith(params (string Name, string Value)[] extra)
    {
        var p = _headless.Authorize(Now, sign: false);
        foreach (var (name, value) in extra)
        {
            p[name] = value;
        }

        _headless.Sign(p, SignedStringKind.V2Authorize);
        var query = EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)));
        query.Should().ContainKey("code", string.Join(", ", query.Select(kv => $"{kv.Key}={kv.Value}")));
        return query["code"];
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> Redeem(string code, string? verifier)
    {
        var form = _headless.Token(code, Now);
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return await Flow.TokenAsync(Client, form);
    }

    // A login with access_type=offline, redeemed: its refresh token.
    private async Task<string> OfflineRefreshTokenAsync() =>
        (await Redeem(await CodeWith(("access_type", "offline")), null)).Body.GetProperty("refresh_token").GetString()!;

    private static string S256(string verifier) => Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    [Fact]
    public async Task PKCE_S256_is_checked_when_the_client_sends_a_challenge()
    {
        var verifier = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var (ok, _) = await Redeem(await CodeWith(("code_challenge", S256(verifier)), ("code_challenge_method", "S256")), verifier);
        ok.StatusCode.Should().Be(HttpStatusCode.OK);

        var (wrong, body) = await Redeem(await CodeWith(("code_challenge", S256(verifier)), ("code_challenge_method", "S256")), verifier + "x");
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007040");

        var (missing, missingBody) = await Redeem(await CodeWith(("code_challenge", S256(verifier))), null);
        missingBody.GetProperty("error_description").GetString().Should().Contain("ESIA-007014").And.Contain("[code_verifier]");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var (unasked, unaskedBody) = await Redeem(await CodeWith(), verifier);
        unasked.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unaskedBody.GetProperty("error_description").GetString().Should().StartWith("ESIA-007039", "a verifier without a challenge at v2/ac");

        (await Redeem(await CodeWith(), null)).Response.StatusCode.Should().Be(HttpStatusCode.OK, "without PKCE the flow is as before (PKCE is optional)");
    }

    [Fact]
    public async Task PKCE_without_a_named_method_follows_the_PkceMethod_reading()
    {
        var verifier = new string('v', 50);
        (await Redeem(await CodeWith(("code_challenge", S256(verifier))), verifier)).Response.StatusCode.Should().Be(HttpStatusCode.OK, "S256 is the default reading");
        (await Redeem(await CodeWith(("code_challenge", verifier)), verifier)).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await SetReading("PkceMethod", "Plain")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Redeem(await CodeWith(("code_challenge", verifier)), verifier)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Redeem(await CodeWith(("code_challenge", S256(verifier)), ("code_challenge_method", "S256")), verifier)).Response.StatusCode
            .Should().Be(HttpStatusCode.OK, "a named method is honoured under either reading");

        var p = _headless.Authorize(Now, sign: false);
        p["code_challenge"] = S256(verifier);
        p["code_challenge_method"] = "S512";
        _headless.Sign(p, SignedStringKind.V2Authorize);
        EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)))["error_description"].Should().StartWith("ESIA-007003");
    }

    [Fact]
    public async Task V2_te_serves_the_authorization_code_grant_with_scope_org_in_the_signed_string()
    {
        var p = _headless.Authorize(Now, sign: false);
        p["scope_org"] = "org_inn";
        _headless.Sign(p, SignedStringKind.V2Authorize);
        var code = EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)))["code"];
        var form = _headless.Token(code, Now);
        form["scope_org"] = "org_inn";
        _headless.Sign(form, SignedStringKind.V3AuthorizationCode);
        var (response, body) = await Flow.TokenAsync(Client, form, "/aas/oauth2/v2/te");
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();
        var entries = await Client.GetFromJsonAsync<JsonElement>("/__admin/journal?endpoint=v2/te");
        entries.GetArrayLength().Should().Be(1, "the journal names the endpoint v2/te");
    }

    [Fact]
    public async Task Token_parameters_in_the_query_string_of_a_POST_count_under_Accept_and_not_under_Refuse()
    {
        // Reference §5: the body is documented; the query only inferred. Refuse is the default, never laxer than ESIA.
        var refused = await Client.PostAsync(EsiaRequests.Url("/aas/oauth2/v3/te", _headless.Token(await CodeWith(), Now)), null);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("ESIA-007003");

        (await SetReading("TokenParametersInQuery", "Accept")).StatusCode.Should().Be(HttpStatusCode.OK);
        var accepted = await Client.PostAsync(EsiaRequests.Url("/aas/oauth2/v3/te", _headless.Token(await CodeWith(), Now)), null);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_client_gets_the_page_or_a_redirect_with_ESIA_007005()
    {
        var p = new EsiaRequests("NOSUCHSYS").Authorize(Now);
        var page = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p));
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the default reading shows ESIA's error page");

        (await SetReading("UnknownClient", "Redirect")).StatusCode.Should().Be(HttpStatusCode.OK);
        var redirect = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p));
        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var query = EsiaRequests.Query(redirect);
        query["error"].Should().Be("unauthorized_client");
        query["error_description"].Should().StartWith("ESIA-007005");
        query["state"].Should().Be(p["state"]);
    }

    [Fact]
    public async Task A_rotated_refresh_token_is_revoked_or_valid_until_expiry()
    {
        var old = await OfflineRefreshTokenAsync();
        (await Flow.TokenAsync(Client, _headless.Refresh(old, Now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await Flow.TokenAsync(Client, _headless.Refresh(old, Now));
        again.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the default reading revokes the old token");
        again.Body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007011");

        (await SetReading("OldRefreshToken", "ValidUntilExpiry")).StatusCode.Should().Be(HttpStatusCode.OK);
        old = await OfflineRefreshTokenAsync();
        (await Flow.TokenAsync(Client, _headless.Refresh(old, Now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Flow.TokenAsync(Client, _headless.Refresh(old, Now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refresh_in_the_other_profile_says_which_profile_it_looks_like_and_which_setting_accepts_it()
    {
        var refresh = await OfflineRefreshTokenAsync();

        var alternative = _headless.Refresh(refresh, Now, kind: SignedStringKind.V3RefreshAlternative);
        var (response, body) = await Flow.TokenAsync(Client, alternative);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007053");
        var diagnostic = response.Headers.GetValues("X-MockEsia-Diagnostic").Single();
        diagnostic.Should().Contain("Alternative refresh profile").And.Contain("refreshProfile is Strict").And.Contain("Set refreshProfile to Alternative");

        alternative.Remove("redirect_uri");
        alternative.Remove("client_certificate_hash");
        var shaped = await Flow.TokenAsync(Client, alternative);
        shaped.Body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007014");
        shaped.Response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("shape of the Alternative refresh profile").And.Contain("set refreshProfile to Alternative");
    }

    [Fact]
    public async Task The_nonce_is_echoed_in_the_id_token_only_under_NonceEcho_Echo()
    {
        async Task<EsiaJwt> IdToken()
        {
            var code = await CodeWith(("nonce", "n-0S6_WzA2Mj"));
            var (_, body) = await Redeem(code, null);
            EsiaJwt.TryParse(body.GetProperty("id_token").GetString(), out var id, out _).Should().BeTrue();
            return id!;
        }

        (await IdToken()).Payload.ContainsKey("nonce").Should().BeFalse("the default reading omits it, as no real token shows one");
        (await SetReading("NonceEcho", "Echo")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await IdToken()).GetString("nonce").Should().Be("n-0S6_WzA2Mj");
    }

    [Fact]
    public async Task The_admin_API_lists_every_reading_sets_server_wide_ones_and_reset_restores_them()
    {
        var readings = await Client.GetFromJsonAsync<JsonElement>("/__admin/readings");
        var names = readings.EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToArray();
        names.Should().Contain(["UnregisteredRedirect", "UnknownClient", "OldRefreshToken", "PkceMethod", "TokenParametersInQuery", "refreshProfile", "strictState"]);
        readings.EnumerateArray().Should().OnlyContain(r => r.GetProperty("whyDefault").GetString()!.Length > 20
            && (r.GetProperty("reference").GetString()!.StartsWith('§') || r.GetProperty("reference").GetString()!.StartsWith("epgu-api.md §", StringComparison.Ordinal)));
        readings.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "refreshProfile").GetProperty("bothSatisfiable").GetBoolean()
            .Should().BeFalse("the two refresh strings exclude each other");

        var bad = await SetReading("PkceMethod", "S512");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("S256").And.Contain("Plain");
        (await SetReading("refreshProfile", "Alternative")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "client switches are set on the client");

        (await SetReading("PkceMethod", "plain")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Client.PostAsync("/__admin/reset", null)).EnsureSuccessStatusCode();
        var after = await Client.GetFromJsonAsync<JsonElement>("/__admin/readings");
        after.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "PkceMethod").GetProperty("current").GetString().Should().Be("S256");
    }
}
