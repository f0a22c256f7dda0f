using System.Net;
using System.Text;
using System.Text.Json;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Endpoints;

/// <summary>File download under both paths and both readings of <c>objectId</c> (epgu-api.md §2.9; §6.1 item 15).</summary>
public class DownloadEndpointTests : EpguTest
{
    private async Task<(string Token, long OrderId, JsonElement Order)> FinishedOrderAsync()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        await SubmitAsync(token, orderId);
        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        return (token, orderId, await OrderAsync(token, orderId));
    }

    [Fact]
    public async Task The_result_and_the_submitted_files_download_under_both_paths_by_order_id_or_status_history_id()
    {
        var (token, orderId, order) = await FinishedOrderAsync();
        var result = order.GetProperty("orderResponseFiles")[0];
        var name = result.GetProperty("fileName").GetString()!;
        var historyId = order.GetProperty("currentStatusHistoryId").GetInt64();
        foreach (var path in new[]
                 {
                     $"/api/storage/v2/files/{orderId}/3/download?mnemonic={name}",
                     $"/api/storage/v2/files/{historyId}/3/download?mnemonic={name}",
                     $"/api/gusmev/files/download/{orderId}/3?mnemonic={name}&eserviceCode=10000000113",
                     $"/api/gusmev/files/download/{historyId}/3?mnemonic={name}",
                 })
        {
            var response = await Client.SendAsync(Call(HttpMethod.Get, path, token));
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/octet-stream");
            Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).Should().Contain(orderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var submitted = await Client.SendAsync(Call(HttpMethod.Get, $"/api/storage/v2/files/{orderId}/2/download?mnemonic=req_0001.xml", token));
        (await submitted.Content.ReadAsStringAsync()).Should().Be("<req/>");
    }

    [Fact]
    public async Task Missing_files_other_applicants_and_the_objectId_readings_are_refused()
    {
        var (token, orderId, order) = await FinishedOrderAsync();
        var name = order.GetProperty("orderResponseFiles")[0].GetProperty("fileName").GetString()!;
        var historyId = order.GetProperty("currentStatusHistoryId").GetInt64();
        (await Client.SendAsync(Call(HttpMethod.Get, $"/api/storage/v2/files/{orderId}/3/download?mnemonic={name}", token))).StatusCode.Should().Be(HttpStatusCode.OK);

        var (missing, body) = await SendAsync(Call(HttpMethod.Get, $"/api/storage/v2/files/{orderId}/3/download?mnemonic=nothing.pdf", token));
        ShouldBeError(missing, body, HttpStatusCode.NotFound, "not_found");
        var wrongType = await SendAsync(Call(HttpMethod.Get, $"/api/storage/v2/files/{orderId}/2/download?mnemonic={name}", token));
        wrongType.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var noMnemonic = await SendAsync(Call(HttpMethod.Get, $"/api/storage/v2/files/{orderId}/3/download", token));
        ShouldBeError(noMnemonic.Response, noMnemonic.Body, HttpStatusCode.BadRequest, "bad_request");
        var wrongService = await SendAsync(Call(HttpMethod.Get, $"/api/gusmev/files/download/{orderId}/3?mnemonic={name}&eserviceCode=10000000109", token));
        ShouldBeError(wrongService.Response, wrongService.Body, HttpStatusCode.BadRequest, "bad_request");
        var foreign = await SendAsync(Call(HttpMethod.Get, $"/api/storage/v2/files/{orderId}/3/download?mnemonic={name}", await OrganisationTokenAsync()));
        ShouldBeError(foreign.Response, foreign.Body, HttpStatusCode.Forbidden, "order_access");
        (await Client.SendAsync(Call(HttpMethod.Get, $"/api/storage/v2/files/{orderId}/3/download?mnemonic={name}", null))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await Admin.SetReadingAsync("EpguDownloadObjectId", "OrderId");
        (await Client.SendAsync(Call(HttpMethod.Get, $"/api/storage/v2/files/{historyId}/3/download?mnemonic={name}", token))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await Admin.SetReadingAsync("EpguDownloadObjectId", "StatusHistoryId");
        (await Client.SendAsync(Call(HttpMethod.Get, $"/api/storage/v2/files/{orderId}/3/download?mnemonic={name}", token))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Client.SendAsync(Call(HttpMethod.Get, $"/api/storage/v2/files/{historyId}/3/download?mnemonic={name}", token))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
