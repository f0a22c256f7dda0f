using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Esia.Protocol.Tokens;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>
/// What MockEsia gives a conformance harness to judge apps by consequences: per-client token lifetimes (an app's clock
/// is its own), forged tokens that name another person, and token fingerprints in the journal that follow one token
/// from te to every REST call carrying it, whatever client it names.
/// </summary>
public class HarnessSupportTests : InMemoryTest
{
    private readonly EsiaRequests _requests = new("MOCKHEADLESS");

    private static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];

    private Task<HttpResponseMessage> PutHeadlessAsync(object extra)
    {
        var client = new Dictionary<string, object?>
        {
            ["clientId"] = "MOCKHEADLESS",
            ["certificates"] = new[] { "pki/clients/client-gost256.cer.pem" },
            ["redirectUris"] = new[] { "http://localhost:8080/signin-esia" },
            ["headlessPersonOid"] = 1000000001,
        };
        foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
        {
            client[property.Name] = property.Value;
        }

        return Client.PutAsJsonAsync("/__admin/clients", client);
    }

    // ESIA's lifetimes (reference §3.4, §5.2: access 3600 s) stay the default; a client's own is a test aid for apps whose clock is their own.
    [Fact]
    public async Task A_client_can_have_its_own_access_token_lifetime()
    {
        (await PutHeadlessAsync(new { accessTokenLifetimeSeconds = 60, idTokenLifetimeSeconds = 120 })).StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await Flow.TokensAsync(Client, _requests, Now);
        body.GetProperty("expires_in").GetInt64().Should().Be(60);
        EsiaJwt.TryParse(body.GetProperty("access_token").GetString(), out var access, out _).Should().BeTrue();
        (access!.GetNumber("exp") - access.GetNumber("iat")).Should().Be(60);
        EsiaJwt.TryParse(body.GetProperty("id_token").GetString(), out var id, out _).Should().BeTrue();
        (id!.GetNumber("exp") - id.GetNumber("iat")).Should().Be(120);

        var clients = await Client.GetFromJsonAsync<JsonElement[]>("/__admin/clients");
        clients!.Single(c => c.GetProperty("clientId").GetString() == "MOCKHEADLESS").GetProperty("accessTokenLifetimeSeconds").GetInt32().Should().Be(60);
    }

    [Fact]
    public async Task A_lifetime_that_is_not_positive_is_refused()
    {
        var response = await PutHeadlessAsync(new { accessTokenLifetimeSeconds = 0 });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("accessTokenLifetimeSeconds");
    }

    [Fact]
    public async Task A_forged_id_token_can_name_another_person_while_the_access_token_stays_sound()
    {
        (await Client.PostAsJsonAsync("/__admin/faults", new { endpoint = "Token", kind = "WrongAudience", target = "Id", subject = 1000000002, clientId = "MOCKHEADLESS" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await Flow.TokensAsync(Client, _requests, Now);
        EsiaJwt.TryParse(body.GetProperty("id_token").GetString(), out var id, out _).Should().BeTrue();
        id!.GetString("aud").Should().Be("OTHERSYS");
        id.Payload["sub"]!.GetValue<long>().Should().Be(1000000002);
        id.Payload["urn:esia:sbj"]!["urn:esia:sbj:oid"]!.GetValue<long>().Should().Be(1000000002);
        EsiaJwt.TryParse(body.GetProperty("access_token").GetString(), out var access, out _).Should().BeTrue();
        access!.Payload["urn:esia:sbj_id"]!.GetValue<long>().Should().Be(1000000001, "only the id_token is forged");
        access.GetString("client_id").Should().Be("MOCKHEADLESS");
    }

    [Fact]
    public async Task A_subject_on_a_fault_that_issues_no_tokens_is_refused()
    {
        var response = await Client.PostAsJsonAsync("/__admin/faults", new { endpoint = "Token", kind = "Html500", subject = 1000000002 });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("subject");
    }

    [Fact]
    public async Task The_journal_follows_a_token_from_te_to_every_REST_call_carrying_it_whatever_client_it_names()
    {
        (await Client.PostAsJsonAsync("/__admin/faults", new { endpoint = "Token", kind = "WrongAudience", target = "Access", subject = 1000000002, clientId = "MOCKHEADLESS" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await Flow.TokensAsync(Client, _requests, Now);
        var access = body.GetProperty("access_token").GetString()!;
        var te = (await Client.GetFromJsonAsync<JsonElement[]>("/__admin/journal?endpoint=v3/te&limit=1"))!.Single();
        te.GetProperty("tokens").GetProperty("access").GetString().Should().Be(Fingerprint(access));
        te.GetProperty("tokens").GetProperty("id").GetString().Should().Be(Fingerprint(body.GetProperty("id_token").GetString()!));
        te.GetProperty("tokens").GetProperty("refresh").GetString().Should().Be(Fingerprint(body.GetProperty("refresh_token").GetString()!));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/rs/prns/1000000002");
        request.Headers.Authorization = new("Bearer", access);
        await Client.SendAsync(request);
        var carried = (await Client.GetFromJsonAsync<JsonElement[]>($"/__admin/journal?token={Fingerprint(access)}"))!;
        carried.Select(e => e.GetProperty("endpoint").GetString()).Should().BeEquivalentTo(["rs", "v3/te"]);
        var rest = carried.Single(e => e.GetProperty("endpoint").GetString() == "rs");
        rest.GetProperty("tokens").GetProperty("bearer").GetString().Should().Be(Fingerprint(access));
        rest.GetProperty("path").GetString().Should().Be("/rs/prns/1000000002");
        (await Client.GetFromJsonAsync<JsonElement[]>("/__admin/journal?clientId=MOCKHEADLESS&endpoint=rs"))!.Should().BeEmpty(
            "a forged access token names another client, which is why the harness follows fingerprints, not client ids");
        (await Client.GetFromJsonAsync<JsonElement[]>($"/__admin/journal?token={Fingerprint("another token")}"))!.Should().BeEmpty();
    }
}
