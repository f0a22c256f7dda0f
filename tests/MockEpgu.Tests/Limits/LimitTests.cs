using System.Net;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Limits;

/// <summary>Приложение 3's limits, on by default, counted on MockEsia's clock, cleared by a reset (epgu-api.md §4; §6.1 item 19).</summary>
public class LimitTests : EpguTest
{
    protected override string[] HostArguments => ["--MockEsia:Epgu:Limits:OrdersPerServicePerUser=2", "--MockEsia:Epgu:Limits:RequestsPerMinute=12"];

    [Fact]
    public async Task Past_the_orders_per_service_per_person_the_next_is_429_limitation_exception_until_the_window_passes()
    {
        var token = await PersonTokenAsync();
        await ReserveAsync(token);
        await ReserveAsync(token);
        var (response, body) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, Json(Order113)));
        ShouldBeError(response, body, HttpStatusCode.TooManyRequests, "limitation_exception");
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("OrdersPerServicePerUser");
        (await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, Json("""{"region":"92000000000","serviceCode":"10000000109","targetCode":"-10000000109"}"""))))
            .Response.StatusCode.Should().Be(HttpStatusCode.OK, "another service counts apart");

        Host.Clock.Advance(TimeSpan.FromMinutes(10));
        await ReserveAsync(token);
    }

    [Fact]
    public async Task Past_the_requests_per_minute_the_next_is_429_without_a_body_and_the_next_minute_or_a_reset_clears_it()
    {
        var token = await PersonTokenAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 13; i++)
        {
            statuses.Add((await Client.SendAsync(Call(HttpMethod.Post, "/api/gusmev/order/1234567890", token))).StatusCode);
        }

        statuses.Take(12).Should().OnlyContain(s => s == HttpStatusCode.NoContent);
        var (limited, body) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order/1234567890", token));
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        body.Should().BeEmpty();
        statuses[^1].Should().Be(HttpStatusCode.TooManyRequests);

        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Client.SendAsync(Call(HttpMethod.Post, "/api/gusmev/order/1234567890", token))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Admin.ResetAsync();
        var fresh = await PersonTokenAsync();
        (await Client.SendAsync(Call(HttpMethod.Post, "/api/gusmev/order/1234567890", fresh))).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }
}
