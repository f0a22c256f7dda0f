using System.Text.Json;
using MockEpgu.Access;
using MockEpgu.Errors;
using MockEpgu.Orders;
using MockEpgu.Services;

namespace MockEpgu.Endpoints;

/// <summary>The order's three strings: form code, target code, OKATO (§2.1).</summary>
/// <param name="ServiceCode">The form code.</param>
/// <param name="TargetCode">The ФРГУ target code.</param>
/// <param name="Region">The OKATO.</param>
public sealed record OrderMeta(string ServiceCode, string TargetCode, string Region)
{
    /// <summary>Reads the three strings from a JSON object (lower camel case, or the table's upper case); the refusal's message otherwise.</summary>
    public static (OrderMeta? Meta, string? Problem) Parse(string json)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException ex)
        {
            return (null, $"JSON parse error: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, $"The body is a JSON {root.ValueKind}, not an object with serviceCode, targetCode and region.");
        }

        string? Read(string name) => root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } p
            ? p.Value.GetString()
            : null;
        var (service, target, region) = (Read("serviceCode"), Read("targetCode"), Read("region"));
        var missing = new[] { ("serviceCode", service), ("targetCode", target), ("region", region) }.Where(x => string.IsNullOrWhiteSpace(x.Item2)).Select(x => x.Item1).ToArray();
        return missing.Length > 0
            ? (null, $"The field(s) {string.Join(", ", missing)} are missing or not strings.")
            : (new OrderMeta(service!, target!, region!), null);
    }

    /// <summary>Whether the region is an OKATO: 2 to 11 digits (a region's OKATO when nothing finer is known, §2.1).</summary>
    public bool RegionIsOkato => Region.Length is >= 2 and <= 11 && Region.All(char.IsAsciiDigit);
}

/// <summary>
/// <c>POST /api/gusmev/order</c> (reserve a number, §2.1), <c>POST /api/gusmev/order/{orderId}</c> (details, §2.5) and
/// <c>POST /api/gusmev/order/{orderId}/cancel</c> (§2.6, §3.4).
/// </summary>
/// <param name="gate">The door.</param>
/// <param name="orders">The orders.</param>
/// <param name="services">The services.</param>
public sealed class OrderEndpoints(CallerGate gate, OrderBook orders, ServiceCatalogue services)
{
    /// <summary>Reserves an order number: 200 <c>{"orderId": n}</c>, a JSON number; the order is a draft (status 0).</summary>
    public async Task<IResult> ReserveAsync(HttpContext context)
    {
        var (caller, denied) = await gate.EnterAsync(context);
        if (denied is not null)
        {
            return denied;
        }

        var (meta, problem) = await ReadMetaAsync(context);
        if (meta is null)
        {
            return CallerGate.BadRequest(context, problem!, problem!);
        }

        var checkedMeta = Check(context, caller!, meta, push: false);
        if (checkedMeta.Denied is not null)
        {
            return checkedMeta.Denied;
        }

        if (gate.CountOrder(context, caller!, checkedMeta.Service!) is { } limited)
        {
            return limited;
        }

        var order = orders.Reserve(caller!.ClientId, caller.OwnerOid, caller.PersonOid, caller.ApplicantType, checkedMeta.Service!, meta.TargetCode, meta.Region);
        EpguCallNote.Of(context).OrderId = order.Id;
        return EpguResults.Json(new OrderIdBody(order.Id));
    }

    /// <summary>The service of <paramref name="meta"/>, checked for the caller (§2.1's access and authority checks).</summary>
    public (EpguServiceDefinition? Service, IResult? Denied) Check(HttpContext context, EpguCaller caller, OrderMeta meta, bool push)
    {
        var service = services.Find(meta.ServiceCode);
        if (AccessCheck.Service(caller, meta.ServiceCode, service, gate.ServicesOf(caller.ClientId), push) is { } denial)
        {
            return (null, CallerGate.Refuse(context, denial));
        }

        if (meta.TargetCode != service!.TargetCode)
        {
            return (null, CallerGate.BadRequest(context, $"targetCode {meta.TargetCode} does not belong to service {service.Code}",
                $"Service {service.Code}'s target code is {service.TargetCode}, not {meta.TargetCode}."));
        }

        return !meta.RegionIsOkato
            ? (null, CallerGate.BadRequest(context, $"region {meta.Region} is not an OKATO code", $"region '{meta.Region}' is not an OKATO code (2 to 11 digits, e.g. 45000000000)."))
            : (service, null);
    }

    /// <summary>The details: <c>{"code":"OK","message":null,"messageId":…,"order":"…"}</c>; 204 for an unknown order.</summary>
    public async Task<IResult> DetailsAsync(HttpContext context, long orderId)
    {
        var (_, order, denied) = await gate.EnterOrderAsync(context, orderId);
        if (denied is not null)
        {
            return denied;
        }

        lock (order!.Gate)
        {
            return EpguResults.Json(OrderDocument.Details(order, gate.Readings));
        }
    }

    /// <summary>Cancels an order whose status allows it: 200 without a body; <c>cancel_not_allowed</c> otherwise.</summary>
    public async Task<IResult> CancelAsync(HttpContext context, long orderId)
    {
        EpguCallNote.Of(context).OrderId = orderId;
        var (caller, denied) = await gate.EnterAsync(context);
        if (denied is not null)
        {
            return denied;
        }

        if (gate.Readings.CancelReason == CancelReasonReading.Required && string.IsNullOrWhiteSpace(await ReasonAsync(context)))
        {
            return CallerGate.Missing(context, "reason", "String");
        }

        if (orders.Find(orderId) is not { } order)
        {
            return gate.Readings.CancelNotFound == CancelNotFoundReading.NotFound
                ? EpguResults.Error(context, EpguErrors.NotFound, $"No order {orderId} exists (reading EpguCancelNotFound=NotFound: v1.12.1's 404).")
                : EpguResults.NoOrder(context, orderId);
        }

        if (AccessCheck.Order(caller!, order) is { } refusal)
        {
            return CallerGate.Refuse(context, refusal);
        }

        if (!order.Service.CancelAllowed)
        {
            return EpguResults.Error(context, EpguErrors.CancelNotAllowed, $"Service {order.Service.Code} does not let orders be cancelled (its spec: «Возможность отмены — Не предусмотрено»).");
        }

        return orders.Cancel(order)
            ? Results.Ok()
            : EpguResults.Error(context, EpguErrors.CancelNotAllowed, $"Order {order.Id} is in status {order.Current.Status.Id} «{order.Current.Status.Title}», " +
                "whose cancelAllowed is false: wait for a status that allows it, or for a final one (§3.4).");
    }

    // The three strings: a JSON body, or (reading EpguOrderMeta=JsonOrForm) a form-data meta field.
    private async Task<(OrderMeta? Meta, string? Problem)> ReadMetaAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.HasFormContentType)
        {
            if (gate.Readings.OrderMeta != OrderMetaReading.JsonOrForm)
            {
                return (null, $"Content type '{request.ContentType}' not supported: send the order as a JSON body (reading EpguOrderMeta=JsonOnly).");
            }

            var form = await MultipartForm.ReadAsync(request);
            return form?.Fields.TryGetValue("meta", out var meta) == true ? OrderMeta.Parse(meta) : (null, "Required part 'meta' is not present.");
        }

        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, $"Content type '{request.ContentType ?? "(none)"}' not supported: send Content-Type: application/json.");
        }

        using var reader = new StreamReader(request.Body);
        return OrderMeta.Parse(await reader.ReadToEndAsync(context.RequestAborted));
    }

    // The undocumented reason, wherever it is sent: the query, a form field, or a JSON body's member.
    private static async Task<string?> ReasonAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Query["reason"].ToString() is { Length: > 0 } inQuery)
        {
            return inQuery;
        }

        if (request.HasFormContentType)
        {
            return (await MultipartForm.ReadAsync(request))?.Fields.GetValueOrDefault("reason");
        }

        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body);
            try
            {
                return JsonDocument.Parse(await reader.ReadToEndAsync(context.RequestAborted)).RootElement is { ValueKind: JsonValueKind.Object } root
                    && root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }
}

/// <summary><c>{"orderId": n}</c>, a JSON number (§2.1).</summary>
/// <param name="OrderId">The order number.</param>
public sealed record OrderIdBody([property: System.Text.Json.Serialization.JsonPropertyName("orderId")] long OrderId);
