using System.Net;
using System.Text.Json;
using MockEpgu.Orders;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Endpoints;

/// <summary>getOrdersStatus and getUpdatedAfter (epgu-api.md §2.7; §6.1 items 1, 16).</summary>
public class StatusListEndpointsTests : EpguTest
{
    private async Task<JsonElement> ListAsync(string token, string pathAndQuery)
    {
        var (response, text) = await SendAsync(Call(HttpMethod.Get, pathAndQuery, token));
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task getOrdersStatus_lists_this_systems_orders_found_or_not_with_zero_based_pages_section_2_7()
    {
        var token = await PersonTokenAsync();
        var (a, b) = (await ReserveAsync(token), await ReserveAsync(token));
        await SubmitAsync(token, b);
        Host.Clock.Advance(TimeSpan.FromSeconds(2));
        var foreign = await ReserveAsync(await OrganisationTokenAsync(), """{"region":"45000000000","serviceCode":"10000000374","targetCode":"-10000000374"}""");
        (await Admin.EpguOrdersAsync()).Single(o => o.OrderId == foreign).ClientId.Should().Be("MOCKSYS");

        var list = await ListAsync(token, $"/api/gusmev/order/getOrdersStatus?pageNum=0&pageSize=10&orderIds={a},{b},{foreign},1234567890");
        list.GetProperty("count").GetInt32().Should().Be(4);
        list.GetProperty("totalCount").GetInt32().Should().Be(4);
        var content = list.GetProperty("content").EnumerateArray().ToArray();
        content.Select(c => c.GetProperty("orderId").GetInt64()).Should().Equal(a, b, foreign, 1234567890);
        content.Select(c => c.GetProperty("orderSearchStatus").GetString()).Should().Equal(new[] { "FOUND", "FOUND", "NOT_FOUND", "NOT_FOUND" }, "another system's order is not found");
        content[2].GetProperty("status").ValueKind.Should().Be(JsonValueKind.Null);
        content[0].GetProperty("status").GetProperty("statusId").GetInt32().Should().Be(0);
        content[1].GetProperty("status").GetProperty("statusId").GetInt32().Should().Be(21, "the last of the order's statuses");
        content[1].GetProperty("status").GetProperty("statusName").GetString().Should().Be("Заявление отправлено в ведомство");
        content[1].GetProperty("status").GetProperty("updated").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$", "UTC, no offset");

        var second = await ListAsync(token, $"/api/gusmev/order/getOrdersStatus/?pageNum=1&pageSize=3&orderIds={a},{b},{foreign},1234567890");
        second.GetProperty("count").GetInt32().Should().Be(1);
        second.GetProperty("totalCount").GetInt32().Should().Be(4);
        second.GetProperty("content")[0].GetProperty("orderId").GetInt64().Should().Be(1234567890, "page 1 is the second page");
    }

    [Fact]
    public async Task getUpdatedAfter_lists_what_changed_after_a_UTC_time()
    {
        var token = await PersonTokenAsync();
        var early = await ReserveAsync(token);
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = EpguTime.ListDate(Now);
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var late = await ReserveAsync(token);

        var list = await ListAsync(token, $"/api/gusmev/order/getUpdatedAfter?pageNum=0&pageSize=10&updatedAfter={after}");
        list.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("orderId").GetInt64()).Should().Equal(late);

        await SubmitAsync(token, early);
        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        var both = await ListAsync(token, $"/api/gusmev/order/getUpdatedAfter/?pageNum=0&pageSize=10&updatedAfter={after}");
        both.GetProperty("totalCount").GetInt32().Should().Be(2);
        both.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("orderId").GetInt64()).Should().Equal(late, early);
    }

    [Fact]
    public async Task Missing_or_bad_paging_and_dates_get_bad_request()
    {
        var token = await PersonTokenAsync();
        (await SendAsync(Call(HttpMethod.Get, "/api/gusmev/order/getOrdersStatus?pageNum=0&pageSize=10&orderIds=1", token))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var query in new[] { "getOrdersStatus?pageSize=10&orderIds=1", "getOrdersStatus?pageNum=0&pageSize=10", "getOrdersStatus?pageNum=0&pageSize=0&orderIds=1",
                     "getOrdersStatus?pageNum=0&pageSize=10&orderIds=1,x", "getUpdatedAfter?pageNum=0&pageSize=10", "getUpdatedAfter?pageNum=0&pageSize=10&updatedAfter=yesterday" })
        {
            var (response, body) = await SendAsync(Call(HttpMethod.Get, "/api/gusmev/order/" + query, token));
            ShouldBeError(response, body, HttpStatusCode.BadRequest, "bad_request");
        }
    }

    [Fact]
    public async Task The_trailing_slash_reading_serves_one_form_or_both()
    {
        var token = await PersonTokenAsync();
        const string query = "?pageNum=0&pageSize=10&orderIds=1";
        await Admin.SetReadingAsync("EpguStatusListSlash", "WithoutOnly");
        (await SendAsync(Call(HttpMethod.Get, "/api/gusmev/order/getOrdersStatus/" + query, token))).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SendAsync(Call(HttpMethod.Get, "/api/gusmev/order/getOrdersStatus" + query, token))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        await Admin.SetReadingAsync("EpguStatusListSlash", "WithOnly");
        (await SendAsync(Call(HttpMethod.Get, "/api/gusmev/order/getOrdersStatus" + query, token))).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SendAsync(Call(HttpMethod.Get, "/api/gusmev/order/getOrdersStatus/" + query, token))).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
