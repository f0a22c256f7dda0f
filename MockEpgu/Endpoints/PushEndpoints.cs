using MockEpgu.Access;
using MockEpgu.Archives;
using MockEpgu.Errors;
using MockEpgu.Orders;
using MockEpgu.Uploads;

namespace MockEpgu.Endpoints;

/// <summary>
/// <c>POST /api/gusmev/push</c> (one-shot upload and submission, §2.3) and <c>POST /api/gusmev/push/chunked</c> (upload
/// after reservation, §2.2). The upload's own rules (sizes, chunk order, the 5-minute window) are answered at once with
/// 400; the archive's checks (§2.4) end in a processing state in the order's details, as the real API answers them, with
/// MockEsia's diagnosis.
/// </summary>
/// <param name="gate">The door.</param>
/// <param name="orders">The orders.</param>
/// <param name="orderEndpoints">The service checks of <c>/order</c>.</param>
/// <param name="uploads">The uploads in progress and the archives on disk.</param>
/// <param name="services">The services, whose archive check an admin may script to refuse.</param>
public sealed class PushEndpoints(CallerGate gate, OrderBook orders, OrderEndpoints orderEndpoints, ChunkedUploads uploads, Services.ServiceCatalogue services)
{
    /// <summary>One-shot: reserves a number, checks, submits; 200 <c>{"orderId": n}</c>.</summary>
    public async Task<IResult> PushAsync(HttpContext context)
    {
        var (caller, form, denied) = await EnterAsync(context, "meta and file");
        if (denied is not null)
        {
            return denied;
        }

        if (!form!.Fields.TryGetValue("meta", out var metaText))
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

        if (!form.Files.TryGetValue("file", out var file))
        {
            return CallerGate.BadRequest(context, "Required part 'file' is not present.", "The form has no file part (the zip archive, §2.3).");
        }

        ChunkOutcome stored;
        await using (var content = file.OpenReadStream())
        {
            stored = await uploads.StoreAsync(content, context.RequestAborted);
        }

        if (stored.Refusal is { } why)
        {
            return CallerGate.BadRequest(context, why.Message, why.Diagnosis);
        }

        if (gate.CountOrder(context, caller!, service!) is { } limited)
        {
            return limited;
        }

        var order = orders.Reserve(caller!.ClientId, caller.OwnerOid, caller.PersonOid, caller.ApplicantType, service!, meta.TargetCode, meta.Region);
        EpguCallNote.Of(context).OrderId = order.Id;
        Submit(context, order, stored.Archive!);
        return EpguResults.Json(new OrderIdBody(order.Id));
    }

    /// <summary>After reservation: 206 <c>{"orderId": n}</c> for a non-final chunk, 200 on the final one, which submits the order.</summary>
    public async Task<IResult> PushChunkedAsync(HttpContext context)
    {
        var (caller, form, denied) = await EnterAsync(context, "orderId and file");
        if (denied is not null)
        {
            return denied;
        }

        if (!form!.Fields.TryGetValue("orderId", out var idText))
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

        if (gate.Readings.ChunkMeta == ChunkMetaReading.EveryChunk && !form.Fields.ContainsKey("meta"))
        {
            return CallerGate.BadRequest(context, "Required part 'meta' is not present.", "Reading EpguChunkMeta=EveryChunk: every chunk carries meta (a v1.14 reading, §2.2).");
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

        var first = gate.Readings.ChunkBase == ChunkBaseReading.One ? 1 : 0;
        var index = chunk.Value - first;
        if (chunks.Value is not null && chunk.Value is null)
        {
            return CallerGate.BadRequest(context, "chunk is required with chunks", "chunks was sent without chunk: send both, or neither for an archive in one piece (§2.2).");
        }

        ChunkOutcome outcome;
        await using (var content = file.OpenReadStream())
        {
            outcome = await uploads.AcceptAsync(orderId, index, chunks.Value, content, orders.Now, context.RequestAborted);
        }

        if (outcome.Refusal is { } why)
        {
            return CallerGate.BadRequest(context, why.Message, why.Diagnosis + (first == 1 ? " (reading EpguChunkBase=One: chunks count from 1)" : ""));
        }

        if (outcome.Partial)
        {
            return EpguResults.Json(new OrderIdBody(order.Id), StatusCodes.Status206PartialContent);
        }

        Submit(context, order, outcome.Archive!);
        return EpguResults.Json(new OrderIdBody(order.Id));
    }

    // The archive checked (§2.4); a refused one ends in its processing state, noted for the journal too.
    private void Submit(HttpContext context, Order order, string archive)
    {
        var verdict = ArchiveCheck.Check(archive, Path.GetDirectoryName(archive)!, order.Service, orders.Now);
        File.Delete(archive);
        if (verdict.Good && Scripted(services.OutcomeOf(order.Service)) is { } state)
        {
            verdict = verdict with { State = state, Diagnosis = $"The service's archive check is scripted to refuse every archive with {state} (admin: the service's outcome)." };
        }

        if (!verdict.Good)
        {
            EpguCallNote.Of(context).Diagnosis = $"Order {order.Id}'s archive ends in {verdict.State}: {verdict.Diagnosis}";
        }

        orders.Submit(order, verdict);
    }

    // The processing state a scripted archive refusal ends in, if the service's outcome is one.
    private static string? Scripted(EpguOutcome outcome) => outcome switch
    {
        EpguOutcome.InvalidFilesStructure => ProcessingStates.InvalidFilesStructure,
        EpguOutcome.FilesVerificationFailed => ProcessingStates.FilesVerificationFailed,
        _ => null,
    };

    // The caller and the form; or the answer refusing them.
    private async Task<(EpguCaller? Caller, MultipartForm? Form, IResult? Denied)> EnterAsync(HttpContext context, string fields)
    {
        var (caller, denied) = await gate.EnterAsync(context);
        if (denied is not null)
        {
            return (null, null, denied);
        }

        var form = await MultipartForm.ReadAsync(context.Request);
        return form is null
            ? (null, null, CallerGate.BadRequest(context, "Current request is not a multipart request", $"The body is not a readable multipart/form-data form with {fields}."))
            : (caller, form, null);
    }

    private static (long? Value, bool Bad) Number(MultipartForm form, string name) =>
        !form.Fields.TryGetValue(name, out var text) || text.Length == 0 ? (null, false) : long.TryParse(text, out var value) ? (value, false) : (null, true);
}
