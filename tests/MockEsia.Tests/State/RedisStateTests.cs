using System.Net;
using Esia.TestSupport;
using MockEsia.Admin;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.State;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>One Redis for the class; each test its own key prefix, so tests stay independent.</summary>
public sealed class RedisFixture : IDisposable
{
    private readonly Lazy<RedisServer> _server = new(RedisServer.Start);

    public string Configuration => _server.Value.Configuration;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

public class RedisStateTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8];
    private readonly EsiaRequests _requests = new("MOCKHEADLESS");

    public RedisStateTests(RedisFixture redis) => _redis = redis;

    // The host sets and freezes its clock as it starts; that change is shared asynchronously, and is stored before the test
    // acts, or it could be versioned after (and so win over) a change the test makes on another replica.
    private async Task<MockEsiaHost> ReplicaAsync()
    {
        var host = await MockEsiaHost.StartAsync($"--MockEsia:Redis={_redis.Configuration}", $"--MockEsia:RedisPrefix={_prefix}");
        await host.Get<RedisReplication>().FlushAsync();
        return host;
    }

    [RedisFact]
    public async Task A_code_issued_by_one_replica_is_redeemed_by_another_once()
    {
        await using var a = await ReplicaAsync();
        await using var b = await ReplicaAsync();
        b.Clock.Set(a.Clock.GetUtcNow());
        a.Get<IMockEsiaStore>().Should().BeOfType<RedisStore>();

        var (code, _) = await Flow.CodeAsync(a.Client(), _requests, a.Clock.GetUtcNow());
        var (first, body) = await Flow.TokenAsync(b.Client(), _requests.Token(code, b.Clock.GetUtcNow()));
        first.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        (await Flow.TokenAsync(a.Client(), _requests.Token(code, a.Clock.GetUtcNow()))).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [RedisFact]
    public async Task Parallel_redemptions_across_replicas_give_exactly_one_token()
    {
        await using var a = await ReplicaAsync();
        await using var b = await ReplicaAsync();
        var now = a.Clock.GetUtcNow();
        b.Clock.Set(now);
        HttpClient[] clients = [a.Client(), b.Client()];
        for (var round = 0; round < 5; round++)
        {
            var (code, _) = await Flow.CodeAsync(clients[round % 2], _requests, now);
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => clients[i % 2].PostAsync("/aas/oauth2/v3/te", EsiaRequests.Form(_requests.Token(code, now)))));
            results.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
            results.Count(r => r.StatusCode == HttpStatusCode.BadRequest).Should().Be(7);

            var refresh = (await Flow.TokensAsync(clients[0], _requests, now)).GetProperty("refresh_token").GetString()!;
            var refreshed = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => clients[i % 2].PostAsync("/aas/oauth2/v3/te", EsiaRequests.Form(_requests.Refresh(refresh, now)))));
            refreshed.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        }
    }

    [RedisFact]
    public async Task A_restart_loses_no_code_or_refresh_token()
    {
        string code, refresh;
        DateTimeOffset now;
        await using (var before = await ReplicaAsync())
        {
            now = before.Clock.GetUtcNow();
            (code, _) = await Flow.CodeAsync(before.Client(), _requests, now);
            refresh = (await Flow.TokensAsync(before.Client(), _requests, now)).GetProperty("refresh_token").GetString()!;
        }

        await using var after = await ReplicaAsync();
        after.Clock.Set(now);
        (await Flow.TokenAsync(after.Client(), _requests.Token(code, now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Flow.TokenAsync(after.Client(), _requests.Refresh(refresh, now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [RedisFact]
    public async Task A_browser_login_spread_over_two_replicas_works_and_its_SSO_session_outlives_both()
    {
        var requests = new EsiaRequests("MOCKSYS");
        var cookies = new System.Net.CookieContainer();
        DateTimeOffset now;
        await using (var a = await ReplicaAsync())
        await using (var b = await ReplicaAsync())
        {
            now = a.Clock.GetUtcNow();
            var browser = new Browser(new HttpClient(new RoundRobin([a.Handler(), b.Handler()])) { BaseAddress = new Uri("http://localhost/") });

            var response = await browser.LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(now)));
            var code = EsiaRequests.Query(response)["code"];
            (await Flow.TokenAsync(b.Client(), requests.Token(code, now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
            browser.HasSsoCookie.Should().BeTrue();
            browser.CopyCookiesTo(cookies);
        }

        await using var after = await ReplicaAsync();
        var returning = new Browser(after.Client());
        returning.CopyCookiesFrom(cookies);
        var again = await returning.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(now)));
        again.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/consent", "the SSO session kept in Redis skips the login page after a restart");
    }

    /// <summary>A load balancer in miniature: each request to the next replica in turn.</summary>
    private sealed class RoundRobin(HttpMessageHandler[] replicas) : HttpMessageHandler
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            new HttpMessageInvoker(replicas[(Interlocked.Increment(ref _next) & int.MaxValue) % replicas.Length], disposeHandler: false).SendAsync(request, cancellationToken);
    }

    [RedisFact]
    public async Task Expiry_follows_the_virtual_clock_and_revocation_and_reset_reach_every_replica()
    {
        await using var a = await ReplicaAsync();
        await using var b = await ReplicaAsync();
        var now = a.Clock.GetUtcNow();
        b.Clock.Set(now);
        var (code, _) = await Flow.CodeAsync(a.Client(), _requests, now);
        b.Clock.Advance(TimeSpan.FromSeconds(241));
        (await Flow.TokenAsync(b.Client(), _requests.Token(code, b.Clock.GetUtcNow()))).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "codes live 240 s of virtual time");

        var refresh = (await Flow.TokensAsync(a.Client(), _requests, now)).GetProperty("refresh_token").GetString()!;
        (await b.Get<IMockEsiaStore>().RevokeRefreshTokensAsync(1000000001)).Should().Be(1);
        (await Flow.TokenAsync(a.Client(), _requests.Refresh(refresh, now))).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (code, _) = await Flow.CodeAsync(a.Client(), _requests, now);
        await b.Get<IMockEsiaStore>().ClearAsync();
        (await Flow.TokenAsync(a.Client(), _requests.Token(code, now))).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [RedisFact]
    public async Task The_clock_faults_cutoffs_and_journal_are_shared_by_replicas()
    {
        await using var a = await ReplicaAsync();
        await using var b = await ReplicaAsync();
        var control = a.Get<MockEsiaControl>();

        control.Clock.Set(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await Eventually(() => b.Clock.GetUtcNow() == new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero), "the clock set on A reaches B");
        var now = b.Clock.GetUtcNow();

        var fault = control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Authorize, Kind = FaultKind.Refuse, Times = 3 });
        await Eventually(() => b.Get<FaultRegistry>().All.Any(f => f.Id == fault.Id), "the fault added on A reaches B");
        HttpClient[] clients = [a.Client(), b.Client()];
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => clients[i % 2].GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", _requests.Authorize(now)))));
        var errors = answers.Select(r => EsiaRequests.Query(r)).Where(q => q.ContainsKey("error")).Select(q => q["error_description"]).ToArray();
        errors.Should().HaveCount(3, "a fault for 3 requests applies 3 times over both replicas").And.OnlyContain(e => e.StartsWith("ESIA-007004", StringComparison.Ordinal));

        var access = (await Flow.TokensAsync(b.Client(), _requests, now)).GetProperty("access_token").GetString()!;
        control.ExpireAccessTokens("MOCKHEADLESS");
        await Eventually(() => b.Get<AccessTokenCutoffs>().IsExpired("MOCKHEADLESS", now.ToUnixTimeSeconds()), "the cutoff set on A reaches B");
        var rest = new HttpRequestMessage(HttpMethod.Get, "/rs/prns/1000000001");
        rest.Headers.Authorization = new("Bearer", access);
        (await b.Client().SendAsync(rest)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var seen = await a.Get<RequestJournal>().WaitAsync(new JournalQuery { Endpoint = "rs" }, TimeSpan.FromSeconds(5));
        seen.Should().NotBeNull("B's /rs request is in A's journal");
        seen!.Status.Should().Be(401);
        a.Get<RequestJournal>().Query(new JournalQuery()).Select(e => e.Id).Should().OnlyHaveUniqueItems();
    }

    [RedisFact]
    public async Task After_a_reset_on_one_replica_changes_still_reach_the_others()
    {
        await using var a = await ReplicaAsync();
        await using var b = await ReplicaAsync();
        a.Get<MockEsiaControl>().Clock.Advance(TimeSpan.FromHours(1));
        await Eventually(() => b.Clock.GetUtcNow() == a.Clock.GetUtcNow(), "the clock advanced on A reaches B");

        await a.Get<MockEsiaControl>().ResetAsync();
        var set = new DateTimeOffset(2026, 12, 24, 18, 0, 0, TimeSpan.Zero);
        b.Get<MockEsiaControl>().Clock.Set(set);
        await Eventually(() => Math.Abs((a.Clock.GetUtcNow() - set).TotalSeconds) < 60, "a change after the reset (the clock runs again) still reaches A");
        b.Get<MockEsiaControl>().Faults.Add(new Fault { Endpoint = FaultEndpoint.Rest, Kind = FaultKind.Forbidden });
        await Eventually(() => a.Get<FaultRegistry>().All.Count == 1, "a fault added after the reset reaches A");
    }

    [RedisFact]
    public async Task A_restart_keeps_the_clock_faults_and_journal()
    {
        DateTimeOffset set = new(2027, 5, 1, 9, 30, 0, TimeSpan.Zero);
        long journalled;
        await using (var before = await ReplicaAsync())
        {
            var control = before.Get<MockEsiaControl>();
            control.Clock.Set(set);
            control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007008", Times = null });
            await Flow.CodeAsync(before.Client(), _requests, set);
            journalled = control.Journal.Count;
        }

        await using var after = await MockEsiaHost.StartAsync($"--MockEsia:Redis={_redis.Configuration}", $"--MockEsia:RedisPrefix={_prefix}");
        after.Get<FaultRegistry>().All.Should().ContainSingle(f => f.ErrorCode == "ESIA-007008");
        after.Get<RequestJournal>().Count.Should().Be((int)journalled).And.BeGreaterThan(0);
    }

    private static async Task Eventually(Func<bool> condition, string because)
    {
        for (var i = 0; i < 250 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        condition().Should().BeTrue(because);
    }

    [RedisFact]
    public async Task Redis_going_away_is_answered_ESIA_007008_with_the_reason_never_500()
    {
        using var own = RedisServer.Start();
        await using var host = await MockEsiaHost.StartAsync($"--MockEsia:Redis={own.Configuration},syncTimeout=2000,asyncTimeout=2000", $"--MockEsia:RedisPrefix={_prefix}");
        var now = host.Clock.GetUtcNow();
        var (code, _) = await Flow.CodeAsync(host.Client(), _requests, now);
        own.Dispose();

        var (response, body) = await Flow.TokenAsync(host.Client(), _requests.Token(code, now));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007008");
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("Redis");
    }

    [RedisFact]
    public async Task A_configured_but_absent_Redis_stops_the_start_with_the_reason()
    {
        var act = () => MockEsiaHost.StartAsync($"--MockEsia:Redis=127.0.0.1:{FreePort.Next()},connectTimeout=300");
        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Redis does not answer");
    }
}
