using System.Net;
using System.Text;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>
/// <c>client_credentials</c> with <c>scope=prm_chg?oid=&lt;oid&gt;</c>: a person's token renewed without the person, on the
/// consents they gave the system (reference §5.4, §10; epgu-api.md §1.3).
/// </summary>
public class ConsentRenewalTests : InMemoryTest
{
    private const string Apipgu = """
        [{"responsibleObject":"ООО «Тестовый оператор»","sysname":"APIPGU","expire":60,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],
          "purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]
        """;

    private readonly EsiaRequests _requests = new("MOCKHEADLESS");

    private async Task ConsentAsync()
    {
        var p = _requests.Authorize(Now, "openid fullname", sign: false);
        p["permissions"] = Base64Url.Encode(Encoding.UTF8.GetBytes(Apipgu));
        _requests.Sign(p, SignedStringKind.V2Authorize);
        EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p))).Should().ContainKey("code");
    }

    [Fact]
    public async Task A_consent_given_renews_the_persons_token_with_its_scopes_and_no_refresh_token()
    {
        await ConsentAsync();
        var (response, body) = await Flow.TokenAsync(Client, _requests.ClientCredentials(Now, "prm_chg?oid=1000000001"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.TryGetProperty("refresh_token", out _).Should().BeFalse();
        body.TryGetProperty("id_token", out _).Should().BeFalse("no openid in a renewal");
        EsiaJwt.TryParse(body.GetProperty("access_token").GetString(), out var token, out _).Should().BeTrue();
        token!.GetNumber("urn:esia:sbj_id").Should().Be(1000000001);
        token.GetString("scope").Should().Contain("http://lk.gosuslugi.ru/api-order");
        token.GetString("client_id").Should().Be("MOCKHEADLESS");
    }

    [Fact]
    public async Task No_consent_an_expired_one_or_a_malformed_scope_is_refused_with_invalid_scope()
    {
        var (never, neverBody) = await Flow.TokenAsync(Client, _requests.ClientCredentials(Now, "prm_chg?oid=1000000001"));
        never.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        neverBody.GetProperty("error_description").GetString().Should().StartWith("ESIA-007006");
        never.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("no live consent");

        await ConsentAsync();
        (await Flow.TokenAsync(Client, _requests.ClientCredentials(Now, "prm_chg?oid=1000000001"))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var scope in new[] { "prm_chg", "prm_chg?oid=x", "prm_chg?oid=1000000001 fullname", "prm_chg?oid=999" })
        {
            var (response, body) = await Flow.TokenAsync(Client, _requests.ClientCredentials(Now, scope));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, scope);
            body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007006", scope);
        }

        Host.Clock.Advance(TimeSpan.FromMinutes(61));
        var (expired, _) = await Flow.TokenAsync(Client, _requests.ClientCredentials(Now, "prm_chg?oid=1000000001"));
        expired.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the consent lasted 60 minutes");
    }
}
