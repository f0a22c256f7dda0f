using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Endpoints;

/// <summary>Sending the archive, as far as part 1 goes: it opens as a zip and its files become the order's (epgu-api.md §2.2, §2.3).</summary>
public class PushEndpointsTests : EpguTest
{
    [Fact]
    public async Task A_one_shot_push_reserves_and_submits_200_with_the_number()
    {
        var token = await PersonTokenAsync();
        var form = new MultipartFormDataContent { { new StringContent(Order113), "meta" } };
        form.Add(new ByteArrayContent(PensionArchive()), "file", "archive.zip");
        var (response, text) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/push", token, form));
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var orderId = JsonDocument.Parse(text).RootElement.GetProperty("orderId").GetInt64();
        Host.Clock.Advance(TimeSpan.FromSeconds(1));
        (await OrderAsync(token, orderId)).GetProperty("orderAttachmentFiles").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Chunks_answer_206_until_the_last_one_answers_200_and_the_bytes_join_into_the_zip()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        var archive = ZipBytes(("trans_0001.xml", "<trans/>"u8.ToArray()), ("req_0001.xml", "<req/>"u8.ToArray()), ("scan.pdf", new byte[6_000_000]));
        var half = 5_000_000;
        var (first, firstBody) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/push/chunked", token, Chunk(orderId, archive[..half], 0, 2)));
        first.StatusCode.Should().Be(HttpStatusCode.PartialContent, firstBody);
        JsonDocument.Parse(firstBody).RootElement.GetProperty("orderId").GetInt64().Should().Be(orderId);
        var (last, lastBody) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/push/chunked", token, Chunk(orderId, archive[half..], 1, 2)));
        last.StatusCode.Should().Be(HttpStatusCode.OK, lastBody);
        JsonDocument.Parse(lastBody).RootElement.GetProperty("orderId").GetInt64().Should().Be(orderId);
        (await OrderAsync(token, orderId)).GetProperty("orderAttachmentFiles").EnumerateArray().Select(f => f.GetProperty("fileName").GetString())
            .Should().BeEquivalentTo(["trans_0001.xml", "req_0001.xml", "scan.pdf"]);

        var again = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/push/chunked", token, Chunk(orderId, archive, null, null)));
        ShouldBeError(again.Response, again.Body, HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task No_file_or_no_reserved_order_is_a_bad_request_never_a_500()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        foreach (var form in new[] { Chunk(1234567890, PensionArchive(), null, null),
                     new MultipartFormDataContent { { new StringContent(orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "orderId" } } })
        {
            var (response, body) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/push/chunked", token, form));
            ShouldBeError(response, body, HttpStatusCode.BadRequest, "bad_request");
        }

        var broken = new StringContent("--x\r\nContent-Disposition: form-data; name=\"orderId\"\r\n\r\n1", System.Text.Encoding.UTF8);
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        var (malformed, text) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/push/chunked", token, broken));
        ShouldBeError(malformed, text, HttpStatusCode.BadRequest, "bad_request");
    }
}
