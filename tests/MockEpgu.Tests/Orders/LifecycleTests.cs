using System.Text.Json;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Orders;

/// <summary>An order's statuses on MockEsia's clock, and what the agency answers (epgu-api.md §3.1, §3.3; §6.1 item 13).</summary>
public class LifecycleTests : EpguTest
{
    private async Task<int[]> StatusIdsAsync(string token, long orderId) =>
        (await OrderAsync(token, orderId)).GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("statusId").GetInt32()).ToArray();

    [Fact]
    public async Task A_submitted_order_moves_0_17_21_2_then_final_with_the_observed_timings_section_3_3()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        Host.Clock.Advance(TimeSpan.FromMinutes(5));
        (await StatusIdsAsync(token, orderId)).Should().Equal([0], "a draft does not move until its files are sent");

        await SubmitAsync(token, orderId);
        (await StatusIdsAsync(token, orderId)).Should().Equal(0);
        Host.Clock.Advance(TimeSpan.FromMilliseconds(600));
        (await StatusIdsAsync(token, orderId)).Should().Equal(0, 17);
        Host.Clock.Advance(TimeSpan.FromMilliseconds(800));
        (await StatusIdsAsync(token, orderId)).Should().Equal(0, 17, 21);
        Host.Clock.Advance(TimeSpan.FromSeconds(5));
        (await StatusIdsAsync(token, orderId)).Should().Equal(0, 17, 21, 2);
        Host.Clock.Advance(TimeSpan.FromSeconds(1));
        var order = await OrderAsync(token, orderId);
        order.GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("statusId").GetInt32()).Should().Equal(0, 17, 21, 2, 3);
        order.GetProperty("closed").GetBoolean().Should().BeTrue();
        order.GetProperty("statuses")[3].GetProperty("comment").GetString().Should().Be("Сообщение доставлено");

        var dates = order.GetProperty("statuses").EnumerateArray().Select(s => DateTimeOffset.ParseExact(s.GetProperty("date").GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fffzzzz",
            System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        dates.Should().BeInAscendingOrder();
        (dates[^1] - dates[1]).Should().Be(TimeSpan.FromMilliseconds(6100), "each status carries the time it was reached, not the time it was read");
    }

    [Fact]
    public async Task The_agency_answers_as_scripted_per_order_or_per_service_through_the_admin_API()
    {
        var token = await PersonTokenAsync();
        var (refused, failed, accepted) = (await ReserveAsync(token), await ReserveAsync(token), await ReserveAsync(token));
        (await Admin.SetEpguOrderOutcomeAsync(refused, EpguOutcome.Refused)).Outcome.Should().Be(EpguOutcome.Refused);
        await Admin.SetEpguServiceOutcomeAsync("10000000113", EpguOutcome.Error);
        await Admin.SetEpguOrderOutcomeAsync(accepted, EpguOutcome.Accepted);
        foreach (var id in new[] { refused, failed, accepted })
        {
            await SubmitAsync(token, id);
        }

        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        (await StatusIdsAsync(token, refused))[^1].Should().Be(4);
        (await StatusIdsAsync(token, failed))[^1].Should().Be(24, "the service's scripted outcome");
        (await StatusIdsAsync(token, accepted))[^1].Should().Be(3, "the order's own outcome wins over the service's");
        (await OrderAsync(token, refused)).GetProperty("orderResponseFiles").GetArrayLength().Should().Be(0);

        var listed = await Admin.EpguOrdersAsync();
        listed.Should().HaveCount(3);
        listed.Single(o => o.OrderId == failed).Statuses.Select(s => s.StatusId).Should().Equal(0, 17, 21, 2, 24);
        listed.Should().OnlyContain(o => o.Closed && o.ClientId == "MOCKHEADLESS");

        await Admin.ResetAsync();
        (await Admin.EpguOrdersAsync()).Should().BeEmpty("a reset forgets the orders");
        (await Admin.EpguServicesAsync()).Single(s => s.Code == "10000000113").Outcome.Should().Be(EpguOutcome.Accepted, "and the scripted outcomes");
    }

    [Fact]
    public async Task Scripting_an_unknown_order_or_service_is_a_404_not_a_500()
    {
        var unknownOrder = () => Admin.SetEpguOrderOutcomeAsync(1, EpguOutcome.Refused);
        (await unknownOrder.Should().ThrowAsync<MockEsiaAdminException>()).Which.Status.Should().Be(System.Net.HttpStatusCode.NotFound);
        var unknownService = () => Admin.SetEpguServiceOutcomeAsync("1", EpguOutcome.Refused);
        (await unknownService.Should().ThrowAsync<MockEsiaAdminException>()).Which.Status.Should().Be(System.Net.HttpStatusCode.NotFound);
        var badGrant = () => Admin.SetEpguServicesAsync("MOCKSYS", ["1"]);
        (await badGrant.Should().ThrowAsync<MockEsiaAdminException>()).Which.Body.Should().Contain("No API ЕПГУ service has the code 1");
        JsonSerializer.Serialize((await Admin.ClientsAsync()).Single(c => c.ClientId == "MOCKSYS").EpguServices).Should().Contain("10000000374");
    }

    [Fact]
    public async Task The_dashboard_lists_orders_with_their_history_files_and_the_agencys_answer_buttons_and_the_start_page_the_services()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        var page = await Client.GetStringAsync("/__admin/ui");
        page.Should().Contain($"data-testid=\"epgu-order-{orderId}\"").And.Contain("Черновик заявления")
            .And.Contain($"data-testid=\"epgu-order-{orderId}-Refused\"").And.Contain(AdminPaths.EpguOrderOutcome(orderId, EpguOutcome.Refused))
            .And.Contain("data-testid=\"epgu-service-10000000109-Error\"").And.Contain("data-testid=\"epgu-services-MOCKSYS\"");
        await SubmitAsync(token, orderId);
        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        page = await Client.GetStringAsync("/__admin/ui");
        page.Should().Contain($"data-testid=\"epgu-order-{orderId}-files\"").And.Contain("req_0001.xml").And.Contain("Услуга оказана");
        var start = await Client.GetStringAsync("/");
        start.Should().Contain("data-testid=\"start-epgu-services\"").And.Contain("10000000374").And.Contain("Отправка документов на подпись в Госключ");
    }
}
