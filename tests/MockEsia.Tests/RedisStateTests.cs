using System.Net;
using Esia.TestSupport;
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

    private Task<MockEsiaHost> ReplicaAsync() => MockEsiaHost.StartAsync($"--MockEsia:Redis={_redis.Configuration}", $"--MockEsia:RedisPrefix={_prefix}");

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
    public async Task A_restart_loses_no_code_refresh_token_or_session()
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
    public async Task Redis_going_away_is_answered_ESIA_007008_with_the_reason_never_500()
    {
        using var own = RedisServer.Start();
        await using var host = await MockEsiaHost.StartAsync($"--MockEsia:Redis={own.Configuration},connectTimeout=500,syncTimeout=500,asyncTimeout=500", $"--MockEsia:RedisPrefix={_prefix}");
        var now = host.Clock.GetUtcNow();
        var (code, _) = await Flow.CodeAsync(host.Client(), _requests, now);
        own.Dispose();

        var (response, body) = await Flow.TokenAsync(host.Client(), _requests.Token(code, now));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007008");
        Uri.UnescapeDataString(response.Headers.GetValues("X-MockEsia-Diagnostic").Single()).Should().Contain("Redis");
    }

    [RedisFact]
    public async Task A_configured_but_absent_Redis_stops_the_start_with_the_reason()
    {
        var act = () => MockEsiaHost.StartAsync($"--MockEsia:Redis=127.0.0.1:{FreePort.Next()},connectTimeout=300");
        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Redis does not answer");
    }
}
