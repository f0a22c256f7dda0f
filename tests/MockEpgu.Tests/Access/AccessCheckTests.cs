using System.Net;
using System.Net.Http.Headers;
using Esia.Protocol.Tokens;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Access;

/// <summary>
/// Who may call API ЕПГУ (epgu-api.md §1.3, §2.11, §6.1 items 2–4): each refusal is proven from a request that is
/// accepted, changed in one thing.
/// </summary>
public class AccessCheckTests : EpguTest
{
    private async Task<(HttpResponseMessage Response, string Body)> ReserveWith(string? token, string body = Order113) =>
        await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, Json(body)));

    [Fact]
    public async Task A_missing_expired_or_foreign_token_gets_401_without_a_body_section_2_11()
    {
        var token = await PersonTokenAsync();
        (await ReserveWith(token)).Response.StatusCode.Should().Be(HttpStatusCode.OK, "the accepted request");

        var (missing, missingBody) = await ReserveWith(null);
        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        missingBody.Should().BeEmpty();
        missing.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("Authorization: Bearer");

        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");
        (await ReserveWith(forged)).Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a signature that does not verify");
        (await ReserveWith("not-a-jwt")).Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        Host.Clock.Advance(TimeSpan.FromDays(2));
        var (expired, body) = await ReserveWith(token);
        expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        body.Should().BeEmpty();
        expired.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("expired");
    }

    [Fact]
    public async Task An_id_token_is_not_an_access_token()
    {
        var requests = new MockEsia.Tests.Support.EsiaRequests("MOCKHEADLESS");
        var tokens = await MockEsia.Tests.Support.Flow.TokensAsync(Client, requests, Now, "openid fullname");
        (await ReserveWith(tokens.GetProperty("id_token").GetString())).Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_person_without_the_APIPGU_consent_gets_access_denied_person_permissions_section_1_3()
    {
        (await ReserveWith(await PersonTokenAsync())).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var (response, body) = await ReserveWith(await PersonTokenAsync(permissions: null));
        ShouldBeError(response, body, HttpStatusCode.Forbidden, "access_denied_person_permissions");
    }

    [Fact]
    public async Task An_expired_consent_refuses_the_person_even_on_a_fresh_token()
    {
        var shortConsent = Apipgu.Replace("525600", "1", StringComparison.Ordinal);
        var token = await PersonTokenAsync(shortConsent);
        (await ReserveWith(token)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        Host.Clock.Advance(TimeSpan.FromMinutes(2));
        var (response, body) = await ReserveWith(token);
        ShouldBeError(response, body, HttpStatusCode.Forbidden, "access_denied_person_permissions");
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("no live APIPGU consent");
    }

    [Fact]
    public async Task The_service_table_refuses_unknown_services_ungranted_systems_and_services_and_applicant_types_section_5_2()
    {
        var token = await PersonTokenAsync();
        (await ReserveWith(token)).Response.StatusCode.Should().Be(HttpStatusCode.OK, "MOCKHEADLESS is granted 10000000113 by default");

        var unknown = await ReserveWith(token, Order113.Replace("10000000113", "10000099999", StringComparison.Ordinal));
        ShouldBeError(unknown.Response, unknown.Body, HttpStatusCode.Conflict, "service_not_found");

        var forPersons = await ReserveWith(token, """{"region":"45000000000","serviceCode":"10000000374","targetCode":"-10000000374"}""");
        ShouldBeError(forPersons.Response, forPersons.Body, HttpStatusCode.Forbidden, "access_denied_user");

        await Admin.SetEpguServicesAsync("MOCKHEADLESS", ["10000000109"]);
        var service = await ReserveWith(token);
        ShouldBeError(service.Response, service.Body, HttpStatusCode.Forbidden, "access_denied_service");

        await Admin.SetEpguServicesAsync("MOCKHEADLESS", []);
        var system = await ReserveWith(token);
        ShouldBeError(system.Response, system.Body, HttpStatusCode.Forbidden, "access_denied_system");
        system.Response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("epguServices");
    }

    [Fact]
    public async Task Organisations_apply_for_organisation_services_the_head_and_an_authorised_employee_may_a_plain_employee_may_not_section_1_3()
    {
        const string goskey = """{"region":"45000000000","serviceCode":"10000000374","targetCode":"-10000000374"}""";
        var organisation = await OrganisationTokenAsync();
        (await ReserveWith(organisation, goskey)).Response.StatusCode.Should().Be(HttpStatusCode.OK, "the organisation's own (impersonal) key");
        (await ReserveWith(await OrganisationTokenAsync(AuthorisedEmployeeKey), goskey)).Response.StatusCode.Should().Be(HttpStatusCode.OK);

        var plain = await OrganisationTokenAsync(PlainEmployeeKey);
        EsiaJwt.TryParse(plain, out var jwt, out _).Should().BeTrue();
        jwt!.GetNumber("urn:esia:sbj_id").Should().Be(1000000005, "the API-key token names the employee who made the key");
        var (response, body) = await ReserveWith(plain, goskey);
        ShouldBeError(response, body, HttpStatusCode.Forbidden, "bad_delegation");

        var form = new MultipartFormDataContent { { new StringContent(goskey), "meta" } };
        form.Add(new ByteArrayContent(Zip(("req.xml", "<req/>"))), "file", "archive.zip");
        var pushed = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/push", plain, form));
        ShouldBeError(pushed.Response, pushed.Body, HttpStatusCode.Forbidden, "push_denied");

        var personal = await ReserveWith(organisation);
        ShouldBeError(personal.Response, personal.Body, HttpStatusCode.Forbidden, "access_denied_user");
    }

    [Fact]
    public async Task Another_applicants_or_another_systems_order_gets_order_access_section_2_5()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        (await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}", token))).Response.StatusCode.Should().Be(HttpStatusCode.OK);

        var other = await PersonTokenAsync();
        (await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}", other))).Response.StatusCode.Should().Be(HttpStatusCode.OK, "the same person and system");

        var organisation = await OrganisationTokenAsync();
        var (response, body) = await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}", organisation));
        ShouldBeError(response, body, HttpStatusCode.Forbidden, "order_access");
    }

    [Fact]
    public async Task Bad_parameters_get_bad_request_naming_them_section_2_1()
    {
        var token = await PersonTokenAsync();
        (await ReserveWith(token)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var body in new[] { """{"region":"45000000000","serviceCode":"10000000113"}""", "{not json", """["a"]""",
                     """{"region":"Москва","serviceCode":"10000000113","targetCode":"-10000000113"}""", """{"region":"45000000000","serviceCode":"10000000113","targetCode":"-1"}""" })
        {
            var (response, text) = await ReserveWith(token, body);
            ShouldBeError(response, text, HttpStatusCode.BadRequest, "bad_request");
        }

        var form = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, new MultipartFormDataContent { { new StringContent(Order113), "meta" } }));
        ShouldBeError(form.Response, form.Body, HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task A_token_for_another_audience_type_is_refused_even_with_the_scope()
    {
        var token = await PersonTokenAsync();
        using var request = Call(HttpMethod.Post, "/api/gusmev/order", token, Json(Order113));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        (await Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "only a Bearer header carries the token");
    }

    [Fact]
    public async Task A_token_renewed_with_prm_chg_works_while_the_consent_lives_section_1_3()
    {
        await PersonTokenAsync();
        var requests = new MockEsia.Tests.Support.EsiaRequests("MOCKHEADLESS");
        var (response, body) = await MockEsia.Tests.Support.Flow.TokenAsync(Client, requests.ClientCredentials(Now, "prm_chg?oid=1000000001"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        (await ReserveWith(body.GetProperty("access_token").GetString())).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
