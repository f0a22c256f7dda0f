using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Esia.Protocol.Tokens;
using Esia.TestSupport;
using MockEsia.Tests.Support;
using MockEsia.Tokens;

namespace MockEsia.Tests;

public class PersonApiTests : InMemoryTest
{
    private const long Oid = 1000000001;
    private readonly EsiaRequests _requests = new("MOCKHEADLESS");

    private async Task<string> AccessTokenAsync(string scope) =>
        (await Flow.TokensAsync(Client, _requests, Now, scope)).GetProperty("access_token").GetString()!;

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task The_person_shows_only_the_granted_fields_with_ESIAs_headers()
    {
        var token = await AccessTokenAsync("openid fullname birthdate");
        var response = await GetAsync($"/rs/prns/{Oid}", token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var person = await Json(response);
        person.GetProperty("firstName").GetString().Should().Be("Имя001");
        person.GetProperty("lastName").GetString().Should().Be("Фамилия001");
        person.GetProperty("birthDate").GetString().Should().Be("01.01.1990");
        person.GetProperty("trusted").GetBoolean().Should().BeTrue();
        person.TryGetProperty("snils", out _).Should().BeFalse("snils was not granted");
        person.TryGetProperty("inn", out _).Should().BeFalse();
        response.Content.Headers.ContentType!.ToString().Should().Contain("schema=").And.Contain("/rs/model/prn/Person-3");
        response.Headers.NonValidated["ETag"].ToString().Should().MatchRegex("^[0-9A-F]{40}$", "ESIA sends a bare 40-hex ETag");
        // Reference §8.3: one Link per relation, and Location; §8.4: the 2025 fields.
        var relations = response.Headers.GetValues("Link").Select(l => System.Text.RegularExpressions.Regex.Match(l, "rel=([a-z]+)").Groups[1].Value).ToArray();
        relations.Should().BeEquivalentTo(["parent", "permissions", "context", "events", "requests", "sec", "addresses", "roles", "contacts", "documents",
            "vehicles", "kids", "terminals", "organizations"]);
        response.Headers.Location!.ToString().Should().EndWith($"/rs/prns/{Oid}");
        person.GetProperty("rfgUOperatorCheck").GetBoolean().Should().BeFalse();
        person.GetProperty("kidAccCreatedByParent").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Collections_list_links_or_embed_elements_filtered_by_scope()
    {
        var token = await AccessTokenAsync("openid email id_doc vehicles");
        var links = await Json(await GetAsync($"/rs/prns/{Oid}/ctts", token));
        links.GetProperty("size").GetInt32().Should().Be(1);
        links.GetProperty("elements")[0].GetString().Should().EndWith($"/rs/prns/{Oid}/ctts/{Oid * 10 + 2}");

        var embedded = await Json(await GetAsync($"/rs/prns/{Oid}/ctts?embed=(elements)", token));
        var contact = embedded.GetProperty("elements")[0];
        contact.GetProperty("type").GetString().Should().Be("EML", "email grants e-mail contacts, not the mobile phone");
        contact.GetProperty("vrfStu").GetString().Should().Be("VERIFIED");

        var element = await Json(await GetAsync($"/rs/prns/{Oid}/ctts/{Oid * 10 + 2}", token));
        element.GetProperty("value").GetString().Should().Be("EsiaTest001@yandex.ru");

        var docs = await Json(await GetAsync($"/rs/prns/{Oid}/docs?embed=(elements)", token));
        docs.GetProperty("elements")[0].GetProperty("type").GetString().Should().Be("RF_PASSPORT");
        docs.GetProperty("elements")[0].GetProperty("issueId").GetString().Should().MatchRegex("^[0-9]{6}$", "reference §8.5: the division code as six digits");
        var vehicles = await Json(await GetAsync($"/rs/prns/{Oid}/vhls?embed=(elements)", token));
        vehicles.GetProperty("elements")[0].GetProperty("numberPlate").GetString().Should().Be("А001АА77");

        (await GetAsync($"/rs/prns/{Oid}/addrs", token)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "addresses was not granted");
        (await GetAsync($"/rs/prns/{Oid}/nonsense", token)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_root_takes_nested_embeds()
    {
        var token = await AccessTokenAsync("openid fullname contacts addresses usr_org kid_fullname kid_birthdate");
        var root = await Json(await GetAsync($"/rs/prns/{Oid}?embed=(contacts.elements,addresses.elements,organizations.elements,kids.elements,vehicles.elements)", token));
        root.GetProperty("contacts").GetProperty("size").GetInt32().Should().Be(2);
        root.GetProperty("addresses").GetProperty("elements")[0].GetProperty("type").GetString().Should().Be("PRG");
        root.GetProperty("organizations").GetProperty("elements")[0].GetProperty("ogrn").GetString().Should().Be("1027700000001");
        var kid = root.GetProperty("kids").GetProperty("elements")[0];
        kid.GetProperty("firstName").GetString().Should().Be("Ребёнок");
        kid.TryGetProperty("snils", out _).Should().BeFalse();
        root.TryGetProperty("vehicles", out _).Should().BeFalse("vehicles was not granted");
        var roles = await Json(await GetAsync($"/rs/prns/{Oid}/roles", token));
        roles.GetProperty("elements")[0].GetProperty("oid").GetInt64().Should().Be(1002416012);
    }

    [Fact]
    public async Task Missing_invalid_expired_and_forged_tokens_get_401()
    {
        (await GetAsync($"/rs/prns/{Oid}", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync($"/rs/prns/{Oid}", "garbage")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var token = await AccessTokenAsync("openid fullname");
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{Base64Url.Encode(TestPki.ClientOther.Sign(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])))}";
        var response = await GetAsync($"/rs/prns/{Oid}", forged);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().StartWith("[rest.invalid_token] ").And.MatchRegex("^[ -~]+$");
        var journal = Host.Services.GetRequiredService<MockEsia.Journal.RequestJournal>().Query(new JournalQuery(), 1000);
        journal.Last(e => e.Status == 401).Diagnostic.Should().StartWith("[rest.invalid_token] ", "the journal records the REST refusal's diagnosis");

        var idToken = (await Flow.TokensAsync(Client, _requests, Now, "openid fullname")).GetProperty("id_token").GetString();
        (await GetAsync($"/rs/prns/{Oid}", idToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an id_token is not an access token");

        Host.Clock.Advance(TimeSpan.FromSeconds(3601));
        (await GetAsync($"/rs/prns/{Oid}", token)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_by_another_replica_is_verified_and_accepted_and_one_byte_off_is_not()
    {
        await using var replica = await MockEsiaHost.StartAsync();
        replica.Clock.Set(Now);
        var token = (await Flow.TokensAsync(replica.Client(), _requests, Now, "openid fullname")).GetProperty("access_token").GetString()!;
        Host.Get<IssuedAccessTokens>().Contains(token).Should().BeFalse("this server did not issue it");

        (await GetAsync($"/rs/prns/{Oid}", token)).StatusCode.Should().Be(HttpStatusCode.OK, "it carries a valid signature by a key this ESIA publishes");

        var parts = token.Split('.');
        var signature = Base64Url.TryDecode(parts[2])!;
        signature[5] ^= 1;
        (await GetAsync($"/rs/prns/{Oid}", $"{parts[0]}.{parts[1]}.{Base64Url.Encode(signature)}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void The_issued_token_registry_is_bounded_and_forgets_the_oldest_first()
    {
        var issued = new IssuedAccessTokens();
        for (var i = 0; i < IssuedAccessTokens.Capacity + 500; i++)
        {
            issued.Add($"token-{i}");
        }

        issued.Count.Should().Be(IssuedAccessTokens.Capacity);
        issued.Contains("token-0").Should().BeFalse();
        issued.Contains("token-499").Should().BeFalse();
        issued.Contains($"token-{IssuedAccessTokens.Capacity + 499}").Should().BeTrue();
    }

    [Fact]
    public async Task Another_persons_data_is_forbidden()
    {
        var token = await AccessTokenAsync("openid fullname");
        (await GetAsync("/rs/prns/1000000002", token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Organisations_answer_to_org_scoped_tokens()
    {
        var form = _requests.ClientCredentials(Now);
        var token = (await Flow.TokenAsync(Client, form)).Body.GetProperty("access_token").GetString();
        var org = await Json(await GetAsync("/rs/orgs/1002416012", token));
        org.GetProperty("inn").GetString().Should().Be("7700000001");
        org.GetProperty("ogrn").GetString().Should().Be("1027700000001");
        org.TryGetProperty("fullName", out _).Should().BeFalse();
        (await GetAsync("/rs/orgs/999", token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
