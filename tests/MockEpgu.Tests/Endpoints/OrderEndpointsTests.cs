using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Endpoints;

/// <summary>Reserving, details and cancelling (epgu-api.md §2.1, §2.5, §2.6, §3.4; §6.1 items 5, 9–12, 17).</summary>
public partial class OrderEndpointsTests : EpguTest
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0300$")]
    private static partial Regex OrderDate();

    [Fact]
    public async Task Reserving_answers_orderId_as_a_JSON_number_and_makes_a_draft_section_2_1()
    {
        var token = await PersonTokenAsync();
        var (response, text) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, Json(Order113)));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var id = JsonDocument.Parse(text).RootElement.GetProperty("orderId");
        id.ValueKind.Should().Be(JsonValueKind.Number, "the Go client and the spec read a number, never a string");
        id.GetInt64().Should().BeInRange(1_000_000_000, 9_999_999_999, "ten digits, as real order numbers");

        var order = await OrderAsync(token, id.GetInt64());
        order.GetProperty("orderStatusId").GetInt32().Should().Be(0);
        order.GetProperty("currentStatusHistory").GetProperty("title").GetString().Should().Be("Черновик заявления");
        order.GetProperty("closed").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task The_table_spelling_of_the_three_strings_is_taken_too()
    {
        var token = await PersonTokenAsync();
        (await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, Json("""{"Region":"45000000000","ServiceCode":"10000000113","TargetCode":"-10000000113"}"""))))
            .Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Details_carry_order_as_an_escaped_JSON_string_with_the_real_keys_and_types_section_2_5()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        await SubmitAsync(token, orderId);
        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        var (response, text) = await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}?embed=STATUS_HISTORY", token));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var details = JsonDocument.Parse(text).RootElement;
        details.GetProperty("code").GetString().Should().Be("OK");
        details.GetProperty("message").ValueKind.Should().Be(JsonValueKind.Null);
        Guid.TryParse(details.GetProperty("messageId").GetString(), out _).Should().BeTrue();
        details.GetProperty("order").ValueKind.Should().Be(JsonValueKind.String, "order is escaped JSON text (§6.1 item 11)");

        var order = JsonDocument.Parse(details.GetProperty("order").GetString()!).RootElement;
        order.GetProperty("id").GetInt64().Should().Be(orderId);
        order.GetProperty("orderStatusId").ValueKind.Should().Be(JsonValueKind.Number);
        order.GetProperty("hasResult").ValueKind.Should().Be(JsonValueKind.True, "a boolean at order level");
        order.GetProperty("closed").GetBoolean().Should().BeTrue();
        order.GetProperty("eserviceId").GetString().Should().Be("10000000113");
        order.GetProperty("serviceTargetId").GetString().Should().Be("-10000000113");
        order.GetProperty("servicePassportId").GetString().Should().Be("600113");
        order.GetProperty("userId").GetInt64().Should().Be(1000000001);
        order.GetProperty("personType").GetString().Should().Be("PERSON");
        foreach (var date in new[] { "updated", "orderDate", "requestDate" })
        {
            OrderDate().IsMatch(order.GetProperty(date).GetString()!).Should().BeTrue(date);
        }

        var statuses = order.GetProperty("statuses").EnumerateArray().ToArray();
        statuses.Select(s => s.GetProperty("statusId").GetInt32()).Should().Equal(0, 17, 21, 2, 3);
        statuses.Should().OnlyContain(s => s.GetProperty("hasResult").ValueKind == JsonValueKind.String, "a string inside statuses");
        statuses.Should().OnlyContain(s => OrderDate().IsMatch(s.GetProperty("date").GetString()!));
        order.GetProperty("currentStatusHistory").GetRawText().Should().Be(statuses[^1].GetRawText(), "the last of statuses");
        order.GetProperty("currentStatusHistoryId").GetInt64().Should().Be(statuses[^1].GetProperty("id").GetInt64());
        statuses[^1].GetProperty("finalStatus").GetBoolean().Should().BeTrue();

        var submitted = order.GetProperty("orderAttachmentFiles").EnumerateArray().ToArray();
        submitted.Select(f => f.GetProperty("type").GetString()).Should().BeEquivalentTo(["ATTACHMENT", "REQUEST"]);
        var req = submitted.Single(f => f.GetProperty("type").GetString() == "REQUEST");
        req.GetProperty("id").GetString().Should().Be($"{orderId}/files/cmVxXzAwMDEueG1s", "base64url of req_0001.xml, no padding (§2.4)");
        req.GetProperty("link").GetString().Should().Be($"terrabyte://00/{orderId}/req_0001.xml/2");
        var result = order.GetProperty("orderResponseFiles").EnumerateArray().Single();
        result.GetProperty("link").GetString().Should().EndWith("/3");
    }

    [Fact]
    public async Task An_unknown_order_is_204_without_a_body_section_2_5()
    {
        var token = await PersonTokenAsync();
        var (response, text) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order/1234567890", token));
        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        text.Should().BeEmpty();
    }

    [Fact]
    public async Task The_message_id_key_follows_its_reading()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        await Admin.SetReadingAsync("EpguMessageIdKey", "Snake");
        var (_, text) = await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}", token));
        var details = JsonDocument.Parse(text).RootElement;
        details.TryGetProperty("message_id", out _).Should().BeTrue();
        details.TryGetProperty("messageId", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Cancelling_works_only_where_the_status_allows_it_and_needs_a_reason_section_2_6_and_3_4()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        var draft = await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}/cancel?reason=test", token));
        ShouldBeError(draft.Response, draft.Body, HttpStatusCode.Conflict, "cancel_not_allowed");

        await SubmitAsync(token, orderId);
        Host.Clock.Advance(TimeSpan.FromSeconds(2));
        (await OrderAsync(token, orderId)).GetProperty("currentStatusHistory").GetProperty("cancelAllowed").GetBoolean().Should().BeTrue();

        var noReason = await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}/cancel", token, Json("")));
        ShouldBeError(noReason.Response, noReason.Body, HttpStatusCode.BadRequest, "bad_request");
        noReason.Body.Should().Contain("Required request parameter 'reason'", "the real server's words (§2.6)");

        var cancelled = await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}/cancel", token, Json("""{"reason":"передумал"}""")));
        cancelled.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        cancelled.Body.Should().BeEmpty();
        var order = await OrderAsync(token, orderId);
        order.GetProperty("closed").GetBoolean().Should().BeTrue();
        order.GetProperty("orderStatusId").GetInt32().Should().Be(10);
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await OrderAsync(token, orderId)).GetProperty("orderStatusId").GetInt32().Should().Be(10, "a cancelled order stays cancelled");

        var again = await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}/cancel?reason=x", token));
        ShouldBeError(again.Response, again.Body, HttpStatusCode.Conflict, "cancel_not_allowed");
    }

    [Fact]
    public async Task A_service_that_allows_no_cancelling_refuses_it_in_every_status()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token, """{"region":"92000000000","serviceCode":"10000000109","targetCode":"-10000000109"}""");
        await SubmitAsync(token, orderId);
        Host.Clock.Advance(TimeSpan.FromSeconds(2));
        var (response, body) = await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}/cancel?reason=x", token));
        ShouldBeError(response, body, HttpStatusCode.Conflict, "cancel_not_allowed");
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("does not let orders be cancelled");
    }

    [Fact]
    public async Task Cancelling_an_unknown_order_answers_by_its_reading_and_the_reason_reading_can_make_reason_optional()
    {
        var token = await PersonTokenAsync();
        (await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order/1234567890/cancel?reason=x", token))).Response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Admin.SetReadingAsync("EpguCancelNotFound", "NotFound");
        await Admin.SetReadingAsync("EpguCancelReason", "Optional");
        var (response, body) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order/1234567890/cancel", token));
        ShouldBeError(response, body, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_order_meta_reading_takes_a_form_data_meta_as_the_Goskey_spec_shows()
    {
        var token = await PersonTokenAsync();
        await Admin.SetReadingAsync("EpguOrderMeta", "JsonOrForm");
        var (response, text) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, new MultipartFormDataContent { { new StringContent(Order113), "meta" } }));
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
    }

    [Fact]
    public async Task Every_call_is_journalled_with_its_order_and_the_tokens_fingerprint()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}", token));
        var entries = await Admin.JournalAsync(new JournalQuery { Token = MockEsia.Journal.TokenFingerprint.Of(token) });
        entries.Select(e => e.Endpoint).Should().Contain([EndpointNames.EpguOrder, EndpointNames.EpguDetails]);
        entries.Where(e => e.Endpoint.StartsWith("epgu/", StringComparison.Ordinal)).Should().OnlyContain(e => e.OrderId == orderId && e.ClientId == "MOCKHEADLESS" && e.PersonOid == 1000000001);

        await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, Json("""{"region":"45000000000"}""")));
        var refused = (await Admin.JournalAsync(new JournalQuery { Endpoint = EndpointNames.EpguOrder, ErrorCode = "bad_request" })).Single();
        refused.Diagnostic.Should().Contain("serviceCode");
    }
}
