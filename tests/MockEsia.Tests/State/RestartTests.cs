using System.Net;
using Esia.TestSupport;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>MockEsia killed (SIGKILL) mid-flow and started again: what survives, in memory and with Redis.</summary>
public class RestartTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;
    private readonly EsiaRequests _requests = new("MOCKHEADLESS");

    public RestartTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task In_memory_a_kill_loses_codes_and_refresh_tokens_and_the_client_is_told_so()
    {
        var port = FreePort.Next();
        string code, refresh;
        await using (var first = await MockEsiaProcess.StartAsync(port))
        {
            (code, _) = await Flow.CodeAsync(first.Client, _requests, DateTimeOffset.UtcNow);
            refresh = (await Flow.TokensAsync(first.Client, _requests, DateTimeOffset.UtcNow)).GetProperty("refresh_token").GetString()!;
            await first.KillAsync();
        }

        await using var second = await MockEsiaProcess.StartAsync(port);
        var (response, body) = await Flow.TokenAsync(second.Client, _requests.Token(code, DateTimeOffset.UtcNow));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007011");
        (await Flow.TokenAsync(second.Client, _requests.Refresh(refresh, DateTimeOffset.UtcNow))).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Flow.TokensAsync(second.Client, _requests, DateTimeOffset.UtcNow)).GetProperty("access_token").GetString().Should().NotBeNullOrEmpty("a new login works at once");
    }

    [RedisFact]
    public async Task With_Redis_a_kill_loses_nothing()
    {
        var port = FreePort.Next();
        string[] settings = [$"--MockEsia:Redis={_redis.Configuration}", $"--MockEsia:RedisPrefix=kill{Guid.NewGuid():N}"];
        string code, refresh;
        await using (var first = await MockEsiaProcess.StartAsync(port, settings))
        {
            (code, _) = await Flow.CodeAsync(first.Client, _requests, DateTimeOffset.UtcNow);
            refresh = (await Flow.TokensAsync(first.Client, _requests, DateTimeOffset.UtcNow)).GetProperty("refresh_token").GetString()!;
            (await first.Client.PostAsJsonAsync("/__admin/clock/advance", new { seconds = 60 })).EnsureSuccessStatusCode();
            await first.KillAsync();
        }

        await using var second = await MockEsiaProcess.StartAsync(port, settings);
        var now = DateTimeOffset.UtcNow.AddSeconds(60);
        (await Flow.TokenAsync(second.Client, _requests.Token(code, now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Flow.TokenAsync(second.Client, _requests.Refresh(refresh, now))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var clock = await second.Client.GetStringAsync("/__admin/clock");
        DateTimeOffset.Parse(System.Text.Json.JsonDocument.Parse(clock).RootElement.GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeAfter(DateTimeOffset.UtcNow.AddSeconds(50), "the clock moved before the kill stays moved");
        var journal = await second.Client.GetStringAsync("/__admin/journal");
        journal.Should().Contain("v2/ac", "the journal written before the kill is still there");
    }
}
