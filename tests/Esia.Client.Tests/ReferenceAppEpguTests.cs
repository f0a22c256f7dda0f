using System.Net;
using System.Text.RegularExpressions;
using Esia.TestSupport;

namespace Esia.Client.Tests;

/// <summary>
/// The sample app submits an application through API ЕПГУ (epgu-api.md §2) with Esia.Client, against MockEsia over real
/// HTTP: the APIPGU consent at login, reservation and chunked upload, status on MockEsia's clock, result download,
/// cancelling, and the token renewed through prm_chg after a 401.
/// </summary>
public class ReferenceAppEpguTests : IClassFixture<LoopbackStack>, IAsyncLifetime
{
    private readonly LoopbackStack _stack;
    private readonly LoopbackBrowser _browser = new();

    public ReferenceAppEpguTests(LoopbackStack stack) => _stack = stack;

    public async Task InitializeAsync()
    {
        await _stack.ResetAsync();
        _stack.Control.Clock.Freeze();
    }

    public Task DisposeAsync()
    {
        _browser.Dispose();
        return Task.CompletedTask;
    }

    private IReadOnlyList<JournalEntry> Journal(string endpoint) => _stack.Control.Journal.Query(new JournalQuery { Endpoint = endpoint }).Reverse().ToArray();

    private async Task<(HttpResponseMessage Response, string Page)> GoAsync(string path, HttpMethod? method = null)
    {
        var response = await _browser.FollowAsync(_stack.App(path), method);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task<long> SubmitAsync()
    {
        await _browser.LoginAsync(_stack.App("/login"));
        var (response, page) = await GoAsync("/epgu/orders", HttpMethod.Post);
        response.StatusCode.Should().Be(HttpStatusCode.OK, page);
        return long.Parse(Regex.Match(page, "data-testid=\"epgu-order-id\">(\\d+)<").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_app_submits_follows_the_status_to_the_end_and_downloads_the_result()
    {
        var orderId = await SubmitAsync();
        Journal("v2/ac").Single().Parameters.Should().ContainKey("permissions", "the login asks for the APIPGU consent (§1.3)");
        Journal("epgu/order").Should().ContainSingle().Which.OrderId.Should().Be(orderId);
        Journal("epgu/push/chunked").Should().ContainSingle().Which.Status.Should().Be(200, "a small archive goes as one chunk, which submits the order");
        var order = _stack.Control.EpguOrderSummaries().Single();
        order.Code.Should().Be("OK", "the sample archive is flat and holds the pension service's pair (§2.4)");

        _stack.Control.Clock.Advance(TimeSpan.FromSeconds(10));
        var (_, page) = await GoAsync($"/epgu/orders/{orderId}");
        page.Should().Contain("data-testid=\"epgu-status\">Услуга оказана<");
        var result = await _browser.FollowAsync(_stack.App($"/epgu/orders/{orderId}/result"));
        result.StatusCode.Should().Be(HttpStatusCode.OK);
        (await result.Content.ReadAsStringAsync()).Should().Contain($"orderId=\"{orderId}\"");

        var reads = Journal("epgu/details").Count;
        _stack.Control.Clock.Advance(TimeSpan.FromSeconds(10));
        await GoAsync($"/epgu/orders/{orderId}");
        Journal("epgu/details").Should().HaveCount(reads, "an order in a final status is never asked about again");
    }

    [Fact]
    public async Task The_order_page_asks_no_more_often_than_the_poll_interval()
    {
        var orderId = await SubmitAsync();
        for (var i = 0; i < 5; i++)
        {
            await GoAsync($"/epgu/orders/{orderId}");
        }

        Journal("epgu/details").Should().HaveCount(1, "the clock stands still, so the answer of the first view stands for the interval");
        _stack.Control.Clock.Advance(TimeSpan.FromSeconds(1));
        await GoAsync($"/epgu/orders/{orderId}");
        Journal("epgu/details").Should().HaveCount(2);
    }

    [Fact]
    public async Task Cancel_is_offered_and_sent_only_when_the_status_allows_it()
    {
        var orderId = await SubmitAsync();
        var (_, draft) = await GoAsync($"/epgu/orders/{orderId}");
        draft.Should().NotContain("epgu-cancel", "a just-submitted order (status 0) cannot be cancelled (§3.4)");
        var (_, refused) = await GoAsync($"/epgu/orders/{orderId}/cancel", HttpMethod.Post);
        refused.Should().Contain("epgu-error");
        Journal("epgu/cancel").Should().BeEmpty("the client checks the status before it calls cancel");

        _stack.Control.Clock.Advance(TimeSpan.FromSeconds(2));
        await GoAsync($"/epgu/orders/{orderId}/cancel", HttpMethod.Post);
        Journal("epgu/cancel").Should().ContainSingle().Which.Status.Should().Be(200);
        _stack.Control.EpguOrderSummaries().Single().StatusName.Should().Be("Заявление отменено");
    }

    [Fact]
    public async Task A_401_is_met_with_one_prm_chg_renewal_and_the_same_order()
    {
        await _browser.LoginAsync(_stack.App("/login"));
        _stack.Control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Epgu, Operation = "epgu/push", Kind = FaultKind.Unauthorized });
        var (response, page) = await GoAsync("/epgu/orders", HttpMethod.Post);
        response.StatusCode.Should().Be(HttpStatusCode.OK, page);
        Journal("v3/te").Where(e => e.Parameters["grant_type"] == "client_credentials").Should().ContainSingle()
            .Which.Parameters["scope"].Should().Be("prm_chg?oid=1000000001");
        Journal("epgu/push/chunked").Select(e => e.Status).Should().Equal(401, 200);
        _stack.Control.EpguOrderSummaries().Should().ContainSingle("the retry uploads to the reserved order, it does not reserve another");
    }

    [Fact]
    public async Task A_withdrawn_consent_is_told_to_the_person_without_a_retry_loop()
    {
        await _browser.LoginAsync(_stack.App("/login"));
        (await _stack.Control.WithdrawConsentsAsync(1000000001)).Should().Be(1);
        var (response, page) = await GoAsync("/epgu/orders", HttpMethod.Post);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Should().Contain("Нет согласия");
        Journal("epgu/order").Should().ContainSingle().Which.ErrorCode.Should().Be("access_denied_person_permissions");
    }

    [Fact]
    public async Task Outages_are_retried_with_a_growing_wait_and_give_one_order()
    {
        await _browser.LoginAsync(_stack.App("/login"));
        _stack.Control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Epgu, Operation = "epgu/order", Kind = FaultKind.ServiceUnavailable });
        _stack.Control.Faults.Add(new Fault { Endpoint = FaultEndpoint.Epgu, Operation = "epgu/order", Kind = FaultKind.InternalError });
        var (_, page) = await GoAsync("/epgu/orders", HttpMethod.Post);
        page.Should().Contain("epgu-order-id");
        var calls = Journal("epgu/order");
        calls.Select(e => e.Status).Should().Equal(503, 500, 200);
        (calls[2].RealTime - calls[1].RealTime).Should().BeGreaterThan(calls[1].RealTime - calls[0].RealTime, "the wait doubles");
        _stack.Control.EpguOrderSummaries().Should().ContainSingle();
    }
}
