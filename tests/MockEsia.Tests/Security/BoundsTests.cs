using System.Net;
using Esia.Protocol.Secrets;
using MockEsia.Journal;
using MockEsia.State;
using MockEsia.Tests.Support;

namespace MockEsia.Tests.Security;

/// <summary>docs/security.md, findings 3, 6, 8 and 10: memory bounded in every store an unauthenticated request can fill, and nothing secret or raw kept from what it sends.</summary>
public class BoundsTests
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [Fact]
    public async Task A_long_parameter_is_journalled_as_its_start_its_length_and_a_fingerprint_and_a_huge_body_is_refused()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var client = host.Client();
        var long60k = string.Concat(Enumerable.Repeat("openid fullname ", 3750));

        ((int)(await client.PostAsync("/aas/oauth2/v3/te", Form(("client_id", "MOCKSYS"), ("scope", long60k)))).StatusCode).Should().BeLessThan(500);
        var scope = host.Get<RequestJournal>().Query(new JournalQuery { Endpoint = "v3/te" })[0].Parameters["scope"];
        scope.Length.Should().BeLessThan(400);
        scope.Should().StartWith("openid fullname").And.Contain("(60000 chars, sha256 ");

        var huge = await client.PostAsync("/aas/oauth2/v3/te", Form(("client_id", "MOCKSYS"), ("scope", new string('y', 100_000))));
        ((int)huge.StatusCode).Should().BeInRange(400, 499, "ESIA's forms are small; 64 KB is the most its endpoints take");
    }

    [Fact]
    public async Task The_journal_is_bounded_in_bytes_as_well_as_in_entries()
    {
        await using var host = await MockEsiaHost.StartAsync("--MockEsia:JournalMaxBytes=200000");
        var client = host.Client();
        for (var i = 0; i < 100; i++)
        {
            await client.GetAsync($"/aas/oauth2/v2/ac?client_id=MOCKSYS&scope={Uri.EscapeDataString(string.Concat(Enumerable.Repeat("openid fullname ", 125)))}&state={i}");
        }

        var journal = host.Get<RequestJournal>();
        journal.Bytes.Should().BeLessThanOrEqualTo(200_000);
        journal.Count.Should().BeLessThan(100).And.BeGreaterThan(10, "the newest are kept");
        journal.Query(new JournalQuery(), 1)[0].Parameters["state"].Should().Be("99");
    }

    [Fact]
    public async Task The_dashboard_shows_one_page_of_the_journal_and_links_to_the_older_ones()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var client = host.Client();
        for (var i = 0; i < 60; i++)
        {
            await client.GetAsync("/public/esia.zip");
        }

        var page = await client.GetStringAsync("/__admin/ui");
        System.Text.RegularExpressions.Regex.Matches(page, "data-testid=\"journal-entry-").Count.Should().Be(50);
        page.Should().Contain("data-testid=\"journal-older\"");
        var older = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/__admin/ui\\?before=\\d+)\"").Groups[1].Value;
        System.Text.RegularExpressions.Regex.Matches(await client.GetStringAsync(older), "data-testid=\"journal-entry-").Count.Should().Be(10);
    }

    [Fact]
    public async Task Replaying_one_signed_authorization_URL_keeps_at_most_the_cap_of_pending_requests_oldest_forgotten_first()
    {
        await using var host = await MockEsiaHost.StartAsync("--MockEsia:MaxPendingAuthorizationsPerClient=5");
        var client = host.Client();
        var url = EsiaRequests.Url("/aas/oauth2/v2/ac", new EsiaRequests().Authorize(host.Clock.GetUtcNow()));
        var requests = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var location = (await client.GetAsync(url)).Headers.Location!.OriginalString;
            requests.Add(location[(location.IndexOf("req=", StringComparison.Ordinal) + 4)..]);
        }

        ((InMemoryStore)host.Get<IMockEsiaStore>()).Counts.Pending.Should().Be(5);
        (await client.GetAsync("/aas/oauth2/login?req=" + requests[0])).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the oldest was forgotten");
        (await client.GetAsync("/aas/oauth2/login?req=" + requests[^1])).StatusCode.Should().Be(HttpStatusCode.OK, "the newest is kept");
    }

    [Fact]
    public async Task Values_shaped_like_secrets_are_shortened_whatever_parameter_carries_them()
    {
        await using var host = await MockEsiaHost.StartAsync();
        const string jwt = "eyJhbGciOiJHT1NUMzQxMF8yMDEyXzI1NiJ9.eyJzdWIiOiIxMDAwMDAwMDAxIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1oZXJlLXRoYXQtaXMtbG9uZw";
        var secret = new string('A', 60) + "-_b";
        const string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        await host.Client().GetAsync($"/aas/oauth2/v2/ac?client_id=MOCKSYS&Code={jwt}&CLIENT_SECRET={secret}&code_verifier={verifier}&state=7b0e4b7a-1b36-4c8e-9c8f-1d2e3f4a5b6c");

        var entry = host.Get<RequestJournal>().Query(new JournalQuery { Endpoint = "v2/ac" })[0];
        entry.Parameters["Code"].Should().NotContain(jwt).And.Contain("chars)");
        entry.Parameters["CLIENT_SECRET"].Should().NotContain(secret);
        entry.Parameters["code_verifier"].Should().NotContain(verifier);
        entry.Parameters["state"].Should().Be("7b0e4b7a-1b36-4c8e-9c8f-1d2e3f4a5b6c", "a UUID is no secret");
        entry.Path.Should().NotContain(jwt);
    }

    [Theory]
    [InlineData("MOCK\r\nFAKE LINE", "MOCK\\u000D\\u000AFAKE LINE")]
    [InlineData("\u001b[31mred", "\\u001B[31mred")]
    [InlineData("plain", "plain")]
    public void Control_characters_are_escaped_before_a_value_reaches_a_log_line(string value, string logged) => SecretText.Printable(value).Should().Be(logged);
}
