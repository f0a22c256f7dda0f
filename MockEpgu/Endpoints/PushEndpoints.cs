using System.IO.Compression;
using MockEpgu.Access;
using MockEpgu.Errors;
using MockEpgu.Orders;

namespace MockEpgu.Endpoints;

/// <summary>
/// <c>POST /api/gusmev/push</c> (one-shot upload and submission, §2.3) and <c>POST /api/gusmev/push/chunked</c> (upload
/// after reservation, §2.2). This part takes an archive without deep checks: it must open as a zip, whose files become
/// the order's; the archive's structure, signatures, chunk rules and limits are checked by part 2.
/// </summary>
/// <param name="gate">The door.</param>
/// <param name="orders">The orders.</param>
/// <param name="orderEndpoints">The service checks of <c>/order</c>.</param>
public sealed class PushEndpoints(CallerGate gate, OrderBook orders, OrderEndpoints orderEndpoints)
{
    /// <summary>One-shot: reserves a number, checks, submits; 200 <c>{"orderId": n}</c>.</summary>
    public async Task<IResult> PushAsync(HttpContext context)
    {
        var (caller, denied) = await gate.EnterAsync(context);
        if (denied is not null)
        {
            return denied;
        }

        var form = await MultipartForm.ReadAsync(context.Request);
        if (form is null)
        {
            return CallerGate.BadRequest(context, "Current request is not a multipart request", "The body is not a readable multipart/form-data form with meta and file.");
        }

        if (!form.Fields.TryGetValue("meta", out var metaText))
        {
            return CallerGate.BadRequest(context, "Required part 'meta' is not present.", "The form has no meta field (the order's three strings as JSON, §2.3).");
        }

        var (meta, problem) = OrderMeta.Parse(metaText);
        if (meta is null)
        {
            return CallerGate.BadRequest(context, problem!, "meta: " + problem);
        }

        var (service, refused) = orderEndpoints.Check(context, caller!, meta, push: true);
        if (refused is not null)
        {
            return refused;
        }

        var (files, bad) = await ArchiveAsync(context, form);
        if (files is null)
        {
            return bad!;
        }

        var order = orders.Reserve(caller!.ClientId, caller.OwnerOid, caller.PersonOid, caller.ApplicantType, service!, meta.TargetCode, meta.Region);
        EpguCallNote.Of(context).OrderId = order.Id;
        orders.Submit(order, files);
        return EpguResults.Json(new OrderIdBody(order.Id));
    }

    /// <summary>After reservation: 206 <c>{"orderId": n}</c> for a non-final chunk, 200 on the final one, which submits the order.</summary>
    public async Task<IResult> PushChunkedAsync(HttpContext context)
    {
        var (caller, denied) = await gate.EnterAsync(context);
        if (denied is not null)
        {
            return denied;
        }

        var form = await MultipartForm.ReadAsync(context.Request);
        if (form is null)
        {
            return CallerGate.BadRequest(context, "Current request is not a multipart request", "The body is not a readable multipart/form-data form with orderId and file.");
        }

        if (!form.Fields.TryGetValue("orderId", out var idText))
        {
            return CallerGate.Missing(context, "orderId", "Long");
        }

        if (!long.TryParse(idText, out var orderId))
        {
            return CallerGate.BadRequest(context, $"Failed to convert value '{idText}' to Long", $"orderId '{idText}' is not a number.");
        }

        EpguCallNote.Of(context).OrderId = orderId;
        var (chunk, chunks) = (Number(form, "chunk"), Number(form, "chunks"));
        if (chunk.Bad || chunks.Bad)
        {
            return CallerGate.BadRequest(context, "chunk and chunks are numbers", "chunk or chunks is not a number.");
        }

        if (orders.Find(orderId) is not { } order)
        {
            return CallerGate.BadRequest(context, $"Order {orderId} is not reserved", $"No order {orderId} was reserved (POST /api/gusmev/order first).");
        }

        if (AccessCheck.Order(caller!, order) is { } refusal)
        {
            return CallerGate.Refuse(context, refusal);
        }

        if (order.Submitted is not null)
        {
            return CallerGate.BadRequest(context, $"Order {orderId} has already been sent", $"Order {orderId} was submitted already; reserve a new number.");
        }

        if (!form.Files.TryGetValue("file", out var file))
        {
            return CallerGate.BadRequest(context, "Required part 'file' is not present.", "The form has no file part.");
        }

        byte[] whole;
        lock (order.Gate)
        {
            order.Upload ??= new MemoryStream();
            using (var stream = file.OpenReadStream())
            {
                stream.CopyTo(order.Upload);
            }

            var final = chunks.Value is null || chunk.Value == chunks.Value - 1;
            if (!final)
            {
                return EpguResults.Json(new OrderIdBody(order.Id), StatusCodes.Status206PartialContent);
            }

            whole = order.Upload.ToArray();
            order.Upload = null;
        }

        var (files, problem) = Entries(whole);
        if (files is null)
        {
            return CallerGate.BadRequest(context, "The archive is not a zip file", problem!);
        }

        orders.Submit(order, files);
        return EpguResults.Json(new OrderIdBody(order.Id));
    }

    private static (long? Value, bool Bad) Number(MultipartForm form, string name) =>
        !form.Fields.TryGetValue(name, out var text) || text.Length == 0 ? (null, false) : long.TryParse(text, out var value) ? (value, false) : (null, true);

    private static async Task<(IReadOnlyList<OrderFile>? Files, IResult? Bad)> ArchiveAsync(HttpContext context, MultipartForm form)
    {
        if (!form.Files.TryGetValue("file", out var file))
        {
            return (null, CallerGate.BadRequest(context, "Required part 'file' is not present.", "The form has no file part (the zip archive, §2.3)."));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        var (files, problem) = Entries(buffer.ToArray());
        return files is null ? (null, CallerGate.BadRequest(context, "The archive is not a zip file", problem!)) : (files, null);
    }

    /// <summary>The most an archive may unpack to (bounds a zip bomb; the largest archive any service allows is 100 MB, §2.4).</summary>
    public const long MaxUnpacked = 100_000_000;

    // The zip's files: the business file (req…) is REQUEST, the others ATTACHMENT (§2.4).
    private static (IReadOnlyList<OrderFile>? Files, string? Problem) Entries(byte[] zip)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            var files = new List<OrderFile>();
            var left = MaxUnpacked;
            foreach (var entry in archive.Entries.Where(e => e.Name.Length > 0))
            {
                using var content = new MemoryStream();
                using (var stream = entry.Open())
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = stream.Read(buffer)) > 0)
                    {
                        if ((left -= read) < 0)
                        {
                            return (null, $"The archive unpacks to more than {MaxUnpacked} bytes.");
                        }

                        content.Write(buffer, 0, read);
                    }
                }

                files.Add(new OrderFile(entry.FullName, content.ToArray(), 2, entry.Name.StartsWith("req", StringComparison.OrdinalIgnoreCase) ? "REQUEST" : "ATTACHMENT"));
            }

            return files.Count == 0 ? (null, "The zip archive holds no file.") : (files, null);
        }
        catch (InvalidDataException ex)
        {
            return (null, $"The file does not open as a zip archive: {ex.Message}");
        }
    }
}
