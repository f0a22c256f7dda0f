using System.Net;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Uploads;

/// <summary>Chunked uploads' rules (epgu-api.md §2.2; §6.1 item 7): sizes, order, the 5-minute window, numbering and meta readings.</summary>
public class ChunkedUploadTests : EpguTest
{
    private const int Min = 5_000_000;

    // An archive of about 11 MB (stored, not deflated), split as asked.
    private static byte[] LargeArchive() =>
        ZipBytes(("trans_0001.xml", "<trans/>"u8.ToArray()), ("req_0001.xml", "<req/>"u8.ToArray()), ("scan.pdf", new byte[11_000_000]));

    private static byte[][] Split(byte[] archive, params int[] sizes)
    {
        var parts = new List<byte[]>();
        var at = 0;
        foreach (var size in sizes)
        {
            parts.Add(archive[at..(at + size)]);
            at += size;
        }

        parts.Add(archive[at..]);
        return [.. parts];
    }

    [Fact]
    public async Task Middle_chunks_come_in_any_order_and_in_parallel_the_bytes_join_into_the_archive_section_2_2()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        var parts = Split(LargeArchive(), Min, Min / 2 + 500_000, Min / 2 + 500_000);
        parts[1].Length.Should().BeLessThan(Min, "the test needs a too-small middle chunk");
        (await SendChunkAsync(token, orderId, parts[0], 0, 4)).Response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        var small = await SendChunkAsync(token, orderId, parts[1], 1, 4);
        ShouldBeError(small.Response, small.Body, HttpStatusCode.BadRequest, "bad_request");
        small.Response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("every chunk but the last");

        var again = await ReserveAsync(token);
        var three = Split(LargeArchive(), Min, Min);
        (await SendChunkAsync(token, again, three[0], 0, 3)).Response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        var early = await SendChunkAsync(token, again, three[2], 2, 3);
        ShouldBeError(early.Response, early.Body, HttpStatusCode.BadRequest, "bad_request");
        early.Response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("the last goes last");
        (await SendChunkAsync(token, again, three[1], 1, 3)).Response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        (await SendChunkAsync(token, again, three[2], 2, 3)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        var details = await DetailsAsync(token, again);
        details.GetProperty("code").GetString().Should().Be("OK");
        (await OrderAsync(token, again)).GetProperty("orderAttachmentFiles").EnumerateArray().Single(f => f.GetProperty("fileName").GetString() == "scan.pdf")
            .GetProperty("fileSize").GetInt64().Should().Be(11_000_000);
    }

    [Fact]
    public async Task Parallel_middle_chunks_are_all_taken()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        var archive = ZipBytes(("trans_0001.xml", "<trans/>"u8.ToArray()), ("req_0001.xml", "<req/>"u8.ToArray()), ("scan.pdf", new byte[21_000_000]));
        var parts = Split(archive, Min, Min, Min, Min);
        (await SendChunkAsync(token, orderId, parts[0], 0, 5)).Response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        var middle = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => SendChunkAsync(token, orderId, parts[i], i, 5)));
        middle.Should().OnlyContain(m => m.Response.StatusCode == HttpStatusCode.PartialContent);
        (await SendChunkAsync(token, orderId, parts[4], 4, 5)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        (await OrderAsync(token, orderId)).GetProperty("orderStatusId").GetInt32().Should().Be(3, "the joined archive is the original");
    }

    [Fact]
    public async Task The_first_chunk_comes_first_chunks_are_not_sent_twice_and_all_come_within_five_minutes()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        var parts = Split(LargeArchive(), Min);
        var notFirst = await SendChunkAsync(token, orderId, parts[1], 1, 2);
        ShouldBeError(notFirst.Response, notFirst.Body, HttpStatusCode.BadRequest, "bad_request");
        (await SendChunkAsync(token, orderId, parts[0], 0, 2)).Response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        var twice = await SendChunkAsync(token, orderId, parts[0], 0, 2);
        ShouldBeError(twice.Response, twice.Body, HttpStatusCode.BadRequest, "bad_request");

        Host.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await SendChunkAsync(token, orderId, parts[1], 1, 2);
        ShouldBeError(late.Response, late.Body, HttpStatusCode.BadRequest, "bad_request");
        late.Response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("within 5 minutes");

        (await SendChunkAsync(token, orderId, parts[0], 0, 2)).Response.StatusCode.Should().Be(HttpStatusCode.PartialContent, "the expired upload was forgotten: it starts again");
        (await SendChunkAsync(token, orderId, parts[1], 1, 2)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Chunks_out_of_range_or_inconsistent_are_refused_and_the_numbering_reading_counts_from_one()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        var parts = Split(LargeArchive(), Min);
        foreach (var (chunk, chunks) in new (int?, int?)[] { (2, 2), (-1, 2), (0, 0), (1, null) })
        {
            var (response, body) = await SendChunkAsync(token, orderId, parts[0], chunk, chunks);
            ShouldBeError(response, body, HttpStatusCode.BadRequest, "bad_request");
        }

        await Admin.SetReadingAsync("EpguChunkBase", "One");
        (await SendChunkAsync(token, orderId, parts[0], 1, 2)).Response.StatusCode.Should().Be(HttpStatusCode.PartialContent, "chunk=1 is the first under One");
        (await SendChunkAsync(token, orderId, parts[1], 2, 2)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_meta_reading_wants_meta_on_every_chunk()
    {
        var token = await PersonTokenAsync();
        var orderId = await ReserveAsync(token);
        await Admin.SetReadingAsync("EpguChunkMeta", "EveryChunk");
        var without = await SendChunkAsync(token, orderId, PensionArchive());
        ShouldBeError(without.Response, without.Body, HttpStatusCode.BadRequest, "bad_request");
        (await SendChunkAsync(token, orderId, PensionArchive(), meta: Order113)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_push_over_50_000_000_bytes_is_refused_section_2_3()
    {
        var token = await PersonTokenAsync();
        var form = new MultipartFormDataContent { { new StringContent(Order113), "meta" } };
        form.Add(new ByteArrayContent(new byte[50_000_001]), "file", "archive.zip");
        var (response, body) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/push", token, form));
        ShouldBeError(response, body, HttpStatusCode.BadRequest, "bad_request");
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().Contain("/push/chunked");
        (await Admin.EpguOrdersAsync()).Should().BeEmpty("nothing was reserved");
    }
}
