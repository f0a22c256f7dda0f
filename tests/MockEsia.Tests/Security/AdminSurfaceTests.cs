using System.Net;
using MockEsia.Admin;
using MockEsia.Tests.Support;

namespace MockEsia.Tests.Security;

/// <summary>docs/security.md, findings 2 and 10: the admin surface safe by default, and the headers every page carries.</summary>
public class AdminSurfaceTests
{
    private static HttpRequestMessage Request(HttpMethod method, string path, string? host = null, string? origin = null, string? site = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (site is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", site);
        }

        return request;
    }

    [Fact]
    public async Task A_foreign_Host_cannot_read_or_change_the_admin_API_but_ESIA_endpoints_answer_it()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var client = host.Client();

        var rebound = await client.SendAsync(Request(HttpMethod.Get, AdminPaths.Journal, host: "evil.example:5000"));
        rebound.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a DNS-rebinding page must not read the journal");
        (await rebound.Content.ReadAsStringAsync()).Should().Contain("evil.example").And.Contain("MockEsia:AllowedHosts");
        (await client.SendAsync(Request(HttpMethod.Get, "/public/esia.zip", host: "evil.example:5000"))).StatusCode.Should().Be(HttpStatusCode.OK, "ESIA's own endpoints answer any host");
        (await client.SendAsync(Request(HttpMethod.Get, AdminPaths.Journal, host: "127.0.0.1:5000"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(Request(HttpMethod.Get, AdminPaths.Journal, host: "app.localhost"))).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var allowed = await MockEsiaHost.StartAsync("--MockEsia:AllowedHosts=mockesia;other");
        (await allowed.Client().SendAsync(Request(HttpMethod.Get, AdminPaths.Journal, host: "mockesia:8080"))).StatusCode.Should().Be(HttpStatusCode.OK, "a compose service name can be allowed");
    }

    [Fact]
    public async Task A_page_on_another_origin_cannot_change_state_even_without_a_token()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var client = host.Client();
        var before = host.Get<MockEsiaControl>().Clock.IsFrozen;

        var forged = await client.SendAsync(Request(HttpMethod.Post, "/__admin/clock/resume", origin: "http://evil.example"));
        forged.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.SendAsync(Request(HttpMethod.Post, AdminPaths.Reset, site: "cross-site"))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a no-cors fetch says cross-site even without Origin");
        host.Get<MockEsiaControl>().Clock.IsFrozen.Should().Be(before, "nothing changed");

        (await client.SendAsync(Request(HttpMethod.Post, "/__admin/clock/freeze", origin: "http://localhost", site: "same-origin"))).StatusCode.Should().Be(HttpStatusCode.OK, "the dashboard itself is same-origin");
        (await client.SendAsync(Request(HttpMethod.Post, "/__admin/clock/freeze"))).StatusCode.Should().Be(HttpStatusCode.OK, "scripts and tests send no Origin");
        (await client.SendAsync(Request(HttpMethod.Get, AdminPaths.Journal, origin: "http://evil.example"))).StatusCode.Should().Be(HttpStatusCode.OK, "reading is guarded by the Host check and the browser's same-origin policy");
    }

    [Fact]
    public async Task The_token_in_the_query_opens_only_the_pages_never_the_API()
    {
        await using var host = await MockEsiaHost.StartAsync("--MockEsia:AdminToken=s3cret");
        var client = host.Client();

        (await client.GetAsync("/__admin/ui?token=s3cret")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(AdminPaths.Journal + "?token=s3cret")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a URL would carry the token into logs and history");
        (await client.PostAsync(AdminPaths.Reset + "?token=s3cret", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/__admin/ui?token=s3cre")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var bearer = Request(HttpMethod.Get, AdminPaths.Journal);
        bearer.Headers.Authorization = new("Bearer", "s3cret");
        (await client.SendAsync(bearer)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/aas/oauth2/login?req=unknown")]
    [InlineData("/aas/oauth2/consent?req=unknown")]
    [InlineData("/__admin/ui")]
    [InlineData("/health")]
    public async Task Every_answer_forbids_framing_sniffing_and_referrers(string path)
    {
        await using var host = await MockEsiaHost.StartAsync();
        var response = await host.Client().GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("frame-ancestors 'none'", "a consent page cannot be framed (clickjacking)").And.Contain("default-src 'none'");
        if (path == "/__admin/ui")
        {
            policy.Should().MatchRegex("script-src 'sha256-[A-Za-z0-9+/=]+'", "only the dashboard's own script runs").And.NotContain("unsafe-inline'; script");
        }
        else
        {
            policy.Should().NotContain("script-src", "no other page runs any script (default-src 'none')");
        }
    }
}
