using System.Net;
using System.Text.Json;
using Esia.TestSupport;
using MockEsia.Admin;
using MockEsia.Tests.Support;

namespace MockEsia.Tests.Security;

/// <summary>docs/security.md, finding 7: with Redis away, /health says so, an admin write is refused instead of answered 201 and never shared, and a reset changes nothing.</summary>
public class RedisOutageTests
{
    [RedisFact]
    public async Task Health_is_degraded_with_the_reason_admin_writes_answer_503_and_a_reset_never_half_applies()
    {
        using var redis = RedisServer.Start();
        await using var host = await MockEsiaHost.StartAsync($"--MockEsia:Redis={redis.Configuration},syncTimeout=1000,asyncTimeout=1000",
            $"--MockEsia:RedisPrefix=outage-{Guid.NewGuid():N}");
        var client = host.Client();
        JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement.GetProperty("status").GetString().Should().Be("ok");
        (await client.PostAsync("/__admin/faults", JsonContent.Create(new { endpoint = "Token", kind = "Html500" }))).StatusCode.Should().Be(HttpStatusCode.Created);
        var control = host.Get<MockEsiaControl>();
        var frozen = control.Clock.IsFrozen;

        redis.Dispose();
        for (var i = 0; i < 100 && JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement.GetProperty("status").GetString() == "ok"; i++)
        {
            await Task.Delay(50);
        }

        var health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement;
        health.GetProperty("status").GetString().Should().Be("degraded");
        health.GetProperty("store").GetString().Should().Contain("Redis").And.Contain("does not answer");

        var write = await client.PostAsync(frozen ? "/__admin/clock/resume" : "/__admin/clock/freeze", null);
        write.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await write.Content.ReadAsStringAsync()).Should().Contain("nothing was changed");
        control.Clock.IsFrozen.Should().Be(frozen);

        (await client.PostAsync(AdminPaths.Reset, null)).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        control.Faults.All.Should().ContainSingle("the reset changed nothing");
        (await client.GetAsync(AdminPaths.Faults)).StatusCode.Should().Be(HttpStatusCode.OK, "reading still works");
    }
}
