using System.Net;
using System.Net.Http.Headers;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary><c>scope_org</c> (reference §3.1, §8.6): the person chooses an organisation; the tokens read it through <c>/rs/orgs/{oid}</c>.</summary>
public class OrganisationTests : InMemoryTest
{
    private readonly EsiaRequests _requests = new();

    private Dictionary<string, string?> Authorize(string scopeOrg)
    {
        var p = _requests.Authorize(Now, "openid fullname", sign: false);
        p["scope_org"] = scopeOrg;
        _requests.Sign(p, SignedStringKind.V2Authorize);
        return p;
    }

    private async Task<HttpStatusCode> GetOrg(long oid, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/rs/orgs/{oid}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await Client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_person_of_several_organisations_chooses_one_on_the_consent_page_and_the_tokens_read_only_that_one()
    {
        var p = Authorize("org_inn org_ogrn");
        var browser = new Browser(Client);
        var req = (await browser.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p))).Headers.Location!.OriginalString.Split("req=")[1];
        await browser.PostAsync("/aas/oauth2/login", ("req", req), ("person", "1000000001"));
        var page = await (await browser.GetAsync($"/aas/oauth2/consent?req={req}")).Content.ReadAsStringAsync();
        page.Should().Contain("data-testid=\"org-choice\"").And.Contain("data-testid=\"org-1002416012\"").And.Contain("data-testid=\"org-1002416020\"").And.Contain("АО «Пример»");

        var query = EsiaRequests.Query(await browser.PostAsync("/aas/oauth2/consent", ("req", req), ("decision", "grant"), ("org", "1002416020")));
        var form = _requests.Token(query["code"], Now, "openid fullname");
        form["scope_org"] = "org_inn org_ogrn";
        _requests.Sign(form, SignedStringKind.V3AuthorizationCode);
        var (response, body) = await Flow.TokenAsync(Client, form);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        var token = body.GetProperty("access_token").GetString()!;
        EsiaJwt.TryParse(token, out var access, out _).Should().BeTrue();
        access!.GetString("scope").Should().Contain("org_inn?org_oid=1002416020").And.NotContain("org_oid=1002416012");
        (await GetOrg(1002416020, token)).Should().Be(HttpStatusCode.OK);
        (await GetOrg(1002416012, token)).Should().Be(HttpStatusCode.Forbidden, "the person chose the other organisation");
    }

    [Fact]
    public async Task A_person_who_is_no_organisations_employee_gets_ESIA_007194()
    {
        var response = await new Browser(Client).LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", Authorize("org_inn")), personOid: 1000000002);
        EsiaRequests.Query(response)["error_description"].Should().StartWith("ESIA-007194");
    }

    [Fact]
    public async Task A_person_scope_in_scope_org_is_ESIA_007006()
    {
        var response = await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", Authorize("fullname")));
        EsiaRequests.Query(response)["error_description"].Should().StartWith("ESIA-007006");
    }
}
