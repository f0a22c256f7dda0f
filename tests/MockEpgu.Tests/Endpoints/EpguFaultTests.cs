using System.Net;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Endpoints;

/// <summary>Faults at API ЕПГУ and the scripted processing outcomes, so integrators can test their retries (epgu-api.md §2.11, §3.2; §6.1 item 20).</summary>
public class EpguFaultTests : EpguTest
{
    [Theory]
    [InlineData("BadGateway", HttpStatusCode.BadGateway)]
    [InlineData("ServiceUnavailable", HttpStatusCode.ServiceUnavailable)]
    [InlineData("GatewayTimeout", HttpStatusCode.GatewayTimeout)]
    [InlineData("TooManyRequests", HttpStatusCode.TooManyRequests)]
    public async Task Gateway_faults_answer_without_a_body_once(string kind, HttpStatusCode status)
    {
        var token = await PersonTokenAsync();
        (await Client.PostAsJsonAsync("/__admin/faults", new { endpoint = "Epgu", kind, clientId = "MOCKHEADLESS" })).EnsureSuccessStatusCode();
        var (faulted, body) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, Json(Order113)));
        faulted.StatusCode.Should().Be(status);
        body.Should().BeEmpty();
        (await Admin.EpguOrdersAsync()).Should().BeEmpty("the faulted call reserved nothing");
        (await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, Json(Order113)))).Response.StatusCode.Should().Be(HttpStatusCode.OK, "a fault applies once");
    }

    [Fact]
    public async Task internal_error_is_a_JSON_500_and_faults_reach_the_dictionary_too()
    {
        var token = await PersonTokenAsync();
        (await Client.PostAsJsonAsync("/__admin/faults", new { endpoint = "Epgu", kind = "InternalError" })).EnsureSuccessStatusCode();
        var (response, body) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, Json(Order113)));
        ShouldBeError(response, body, HttpStatusCode.InternalServerError, "internal_error");

        (await Client.PostAsJsonAsync("/__admin/faults", new { endpoint = "Epgu", kind = "ServiceUnavailable" })).EnsureSuccessStatusCode();
        (await SendAsync(Call(HttpMethod.Post, "/api/nsi/v1/dictionary/BIC", null, Json("""{"treeFiltering":"ONELEVEL"}""")))).Response.StatusCode
            .Should().Be(HttpStatusCode.ServiceUnavailable);
        var rejected = await Client.PostAsJsonAsync("/__admin/faults", new { endpoint = "Epgu", kind = "WrongIssuer" });
        rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a token fault does not apply at API ЕПГУ");
    }

    [Fact]
    public async Task A_RETRY_outcome_pauses_processing_then_goes_on_a_Forbidden_one_ends_in_CREATE_ORDER_FORBIDDEN()
    {
        var token = await PersonTokenAsync();
        var (retry, forbidden) = (await ReserveAsync(token), await ReserveAsync(token));
        await Admin.SetEpguOrderOutcomeAsync(retry, EpguOutcome.Retry);
        await Admin.SetEpguOrderOutcomeAsync(forbidden, EpguOutcome.Forbidden);
        await SubmitAsync(token, retry);
        await SubmitAsync(token, forbidden);
        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        (await DetailsAsync(token, retry)).GetProperty("code").GetString().Should().Be("RETRY");
        (await OrderAsync(token, retry)).GetProperty("orderStatusId").GetInt32().Should().Be(17, "paused after registration");
        var refused = await DetailsAsync(token, forbidden);
        refused.GetProperty("code").GetString().Should().Be("CREATE_ORDER_FORBIDDEN");
        (await OrderAsync(token, forbidden)).GetProperty("orderStatusId").GetInt32().Should().Be(24);

        Host.Clock.Advance(TimeSpan.FromSeconds(40));
        (await DetailsAsync(token, retry)).GetProperty("code").GetString().Should().Be("OK");
        (await OrderAsync(token, retry)).GetProperty("orderStatusId").GetInt32().Should().Be(3);
    }
}
