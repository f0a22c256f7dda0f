using System.Net;
using MockEsia.Journal;
using MockEsia.State;
using MockEsia.Tests.Support;
using MockEsia.Time;

namespace MockEsia.Tests;

/// <summary>The in-memory store: expiry that touches only what expires, and a cap on live refresh tokens.</summary>
public class InMemoryStoreTests
{
    private static readonly DateTimeOffset Start = MockEsiaHost.Start;

    private static (InMemoryStore Store, VirtualClock Clock) Create(int max = int.MaxValue)
    {
        var clock = new VirtualClock();
        clock.Set(Start);
        clock.Freeze();
        return (new InMemoryStore(clock, max), clock);
    }

    private static RefreshGrant Refresh(string token, DateTimeOffset expires) => new(token, "MOCKSYS", "http://localhost/cb", ["openid"], 1000000001, "sid", Start, expires);

    private static CodeGrant Code(string code, DateTimeOffset expires) => new(code, "MOCKSYS", "http://localhost/cb", ["openid"], 1000000001, "sid", "state", "online", Start, expires);

    [Fact]
    public async Task A_sweep_removes_exactly_what_has_expired_and_leaves_the_rest()
    {
        var (store, clock) = Create();
        for (var i = 0; i < 1000; i++)
        {
            await store.SaveCodeAsync(Code($"c{i}", Start.AddSeconds(240)));
            await store.SaveRefreshAsync(Refresh($"r{i}", Start.AddDays(14)));
        }

        store.SweepExpired().Should().Be(0, "nothing has expired yet");
        clock.Advance(TimeSpan.FromSeconds(260));
        store.SweepExpired().Should().Be(1000, "the codes' bucket has passed");
        store.Counts.Codes.Should().Be(0);
        store.Counts.RefreshTokens.Should().Be(1000);
        clock.Advance(TimeSpan.FromDays(14));
        store.SweepExpired().Should().Be(1000);
        store.Counts.RefreshTokens.Should().Be(0);
        store.SweepExpired().Should().Be(0, "a bucket is drained once");
    }

    [Fact]
    public async Task A_session_saved_again_lives_on_and_an_entry_saved_expired_goes_at_the_next_sweep()
    {
        var (store, clock) = Create();
        await store.SaveSessionAsync(new SsoSession("s1", 1000000001, Start, Start.AddMinutes(1)));
        await store.SaveSessionAsync(new SsoSession("s1", 1000000001, Start, Start.AddHours(3)));
        await store.SaveCodeAsync(Code("late", Start.AddSeconds(-5)));
        clock.Advance(TimeSpan.FromMinutes(2));
        store.SweepExpired().Should().Be(1, "only the code, saved already expired");
        (await store.FindSessionAsync("s1", clock.GetUtcNow())).Should().NotBeNull("the session was extended");
    }

    [Fact]
    public async Task Beyond_the_cap_the_oldest_refresh_tokens_are_evicted()
    {
        var (store, clock) = Create(max: 100);
        for (var i = 0; i < 150; i++)
        {
            await store.SaveRefreshAsync(Refresh($"r{i}", Start.AddDays(14)));
        }

        store.Counts.RefreshTokens.Should().Be(100);
        store.EvictedRefreshTokens.Should().Be(50);
        (await store.FindRefreshAsync("r0", clock.GetUtcNow())).Should().BeNull("the oldest went first");
        (await store.FindRefreshAsync("r49", clock.GetUtcNow())).Should().BeNull();
        (await store.FindRefreshAsync("r50", clock.GetUtcNow())).Should().NotBeNull();
        (await store.FindRefreshAsync("r149", clock.GetUtcNow())).Should().NotBeNull();

        for (var i = 50; i < 150; i++)
        {
            await store.RedeemRefreshAsync($"r{i}", clock.GetUtcNow());
        }

        await store.SaveRefreshAsync(Refresh("fresh", Start.AddDays(14)));
        store.EvictedRefreshTokens.Should().Be(50, "redeemed tokens do not count against the cap");
    }

    [Fact]
    public async Task An_eviction_is_noted_in_the_journal_and_the_evicted_token_gets_ESIA_007011()
    {
        await using var host = await MockEsiaHost.StartAsync("--MockEsia:MaxRefreshTokens=1");
        var client = host.Client();
        var requests = new EsiaRequests("MOCKHEADLESS");

        async Task<string> OfflineLogin()
        {
            var p = requests.Authorize(host.Clock.GetUtcNow(), sign: false);
            p["access_type"] = "offline";
            requests.Sign(p, Esia.Protocol.Secrets.SignedStringKind.V2Authorize);
            var code = EsiaRequests.Query(await client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)))["code"];
            return (await Flow.TokenAsync(client, requests.Token(code, host.Clock.GetUtcNow()))).Body.GetProperty("refresh_token").GetString()!;
        }

        var first = await OfflineLogin();
        await OfflineLogin();
        host.Get<RequestJournal>().Query(new JournalQuery { Endpoint = "v3/te" }).First().Checks.Should().Contain(c => c.Name == "store.cap");
        var (response, body) = await Flow.TokenAsync(client, requests.Refresh(first, host.Clock.GetUtcNow()));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007011");
    }

    [Fact]
    public async Task The_benchmark_prefill_stores_live_grants_through_the_store_and_a_login_still_works()
    {
        await using var host = await MockEsiaHost.StartAsync(b => b.Services.AddSingleton<IStartupFilter>(new MockEsia.BenchHost.StorePrefill(3000)));
        var store = (InMemoryStore)host.Get<IMockEsiaStore>();
        store.Counts.RefreshTokens.Should().Be(3000);
        var client = host.Client();
        var requests = new EsiaRequests("MOCKHEADLESS");
        var code = EsiaRequests.Query(await client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(host.Clock.GetUtcNow()))))["code"];
        (await Flow.TokenAsync(client, requests.Token(code, host.Clock.GetUtcNow()))).Response.StatusCode.Should().Be(HttpStatusCode.OK);

        var runtime = await client.GetFromJsonAsync<MockEsia.Abstractions.RuntimeFigures>(MockEsia.Abstractions.AdminPaths.Runtime);
        runtime!.AllocatedBytes.Should().BePositive();
        runtime.CpuSeconds.Should().BePositive();
        runtime.ThreadPoolThreads.Should().BePositive();
        runtime.Gost.Should().Be("Fast");
        host.Get<MockEsia.Tokens.SigningKeys>().Gost.Signing.Should().Be(Esia.Protocol.Crypto.GostImplementation.Fast, "MockEsia's own test keys sign with the fast code");
    }
}
