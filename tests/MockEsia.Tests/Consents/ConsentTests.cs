using System.Net;
using System.Text;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>Consents (<c>permissions</c>, reference §10): parsed, validated with ESIA-0367xx, shown on the consent page, carried into the tokens.</summary>
public class ConsentTests : InMemoryTest
{
    private const string Valid = """
        [{"responsibleObject":"ООО «Тестовый оператор»","sysname":"APIPGU","expire":525600,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],
          "purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]
        """;

    private readonly EsiaRequests _requests = new();

    private Dictionary<string, string?> Authorize(string permissionsJson, string scope = "openid fullname")
    {
        var p = _requests.Authorize(Now, scope, sign: false);
        p["permissions"] = Base64Url.Encode(Encoding.UTF8.GetBytes(permissionsJson));
        _requests.Sign(p, SignedStringKind.V2Authorize);
        return p;
    }

    [Fact]
    public async Task A_valid_consent_is_shown_on_the_consent_page_and_carried_into_the_code_and_tokens()
    {
        var p = Authorize(Valid);
        var browser = new Browser(Client);
        var start = await browser.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p));
        var req = start.Headers.Location!.OriginalString.Split("req=")[1];
        await browser.PostAsync("/aas/oauth2/login", ("req", req), ("person", "1000000001"));
        var page = await (await browser.GetAsync($"/aas/oauth2/consent?req={req}")).Content.ReadAsStringAsync();
        page.Should().Contain("data-testid=\"permission-APIPGU\"").And.Contain("Доступ к API ЕПГУ").And.Contain("365 дн.")
            .And.Contain("http://lk.gosuslugi.ru/api-order").And.Contain("ООО «Тестовый оператор»");

        var query = EsiaRequests.Query(await browser.PostAsync("/aas/oauth2/consent", ("req", req), ("decision", "grant")));
        EsiaJwt.TryParse(query["code"], out var code, out _).Should().BeTrue();
        code!.GetString("scope").Should().Contain("http://lk.gosuslugi.ru/api-order");
        var (response, body) = await Flow.TokenAsync(Client, _requests.Token(query["code"], Now, "openid fullname"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        EsiaJwt.TryParse(body.GetProperty("access_token").GetString(), out var access, out _).Should().BeTrue();
        access!.GetString("scope").Should().Contain("http://lk.gosuslugi.ru/api-order").And.NotContain("api-order?oid=",
            "the real 2025 token carries consented URL scopes without ?oid= (reference §5.4, S15; issue 31, item 10)");
    }

    [Theory]
    [InlineData("not json at all", "ESIA-036700", "permissions.format")]
    [InlineData("""{"sysname":"APIPGU"}""", "ESIA-036700", "permissions.format")]
    [InlineData("""[{"sysname":"NOSUCH","expire":1,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]""", "ESIA-036701", "permissions.sysname")]
    [InlineData("""[{"expire":1,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]""", "ESIA-036701", "permissions.sysname")]
    [InlineData("""[{"sysname":"APIPGU","expire":1,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"fullname"}]}]""", "ESIA-036703", "permissions.scopes")]
    [InlineData("""[{"sysname":"APIPGU","expire":1,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[]}]""", "ESIA-036703", "permissions.scopes")]
    [InlineData("""[{"sysname":"APIPGU","expire":1,"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]""", "ESIA-036704", "permissions.actions")]
    [InlineData("""[{"sysname":"APIPGU","expire":1,"actions":[{"sysname":"DELETE_EVERYTHING"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]""", "ESIA-036704", "permissions.actions")]
    [InlineData("""[{"sysname":"APIPGU","expire":1,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]""", "ESIA-036705", "permissions.purposes")]
    [InlineData("""[{"sysname":"APIPGU","expire":1,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"SPAM"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]""", "ESIA-036705", "permissions.purposes")]
    [InlineData("""[{"sysname":"APIPGU","actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]""", "ESIA-036706", "permissions.expire")]
    [InlineData("""[{"sysname":"APIPGU","expire":-5,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]""", "ESIA-036706", "permissions.expire")]
    [InlineData("""[{"sysname":"APIPGU","expire":"year","actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]""", "ESIA-036706", "permissions.expire")]
    public async Task What_section_10_calls_wrong_is_refused_with_an_ESIA_0367xx_code(string json, string code, string check)
    {
        var response = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", Authorize(json)));
        EsiaRequests.Query(response)["error_description"].Should().StartWith(code + ":");
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().StartWith($"[{check}]");
    }

    [Fact]
    public async Task Consents_need_openid_in_scope()
    {
        var response = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", Authorize(Valid, "fullname")));
        EsiaRequests.Query(response)["error_description"].Should().StartWith("ESIA-036702:");
    }
}
