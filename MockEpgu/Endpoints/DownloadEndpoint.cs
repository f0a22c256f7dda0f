using MockEpgu.Errors;
using MockEpgu.Orders;

namespace MockEpgu.Endpoints;

/// <summary>
/// File download (epgu-api.md §2.9) under v1.12.1's <c>GET /api/storage/v2/files/{objectId}/{objectType}/download?mnemonic=</c>
/// and v1.13's <c>GET /api/gusmev/files/download/{objectId}/{objectType}?mnemonic=&amp;eserviceCode=</c>: the raw bytes.
/// <c>objectId</c> is the order id or one of its status-history ids (reading <c>EpguDownloadObjectId</c>); <c>objectType</c>
/// 2 for submitted files, 3 for the agency's results; <c>mnemonic</c> the file name.
/// </summary>
/// <param name="gate">The door.</param>
/// <param name="orders">The orders.</param>
public sealed class DownloadEndpoint(CallerGate gate, OrderBook orders)
{
    /// <summary>Answers a download.</summary>
    public async Task<IResult> HandleAsync(HttpContext context, long objectId, int objectType)
    {
        var (caller, denied) = await gate.EnterAsync(context);
        if (denied is not null)
        {
            return denied;
        }

        var mnemonic = context.Request.Query["mnemonic"].ToString();
        if (mnemonic.Length == 0)
        {
            return CallerGate.Missing(context, "mnemonic", "String");
        }

        var reading = gate.Readings.DownloadObjectId;
        var order = (reading != DownloadObjectIdReading.StatusHistoryId ? orders.Find(objectId) : null)
            ?? (reading != DownloadObjectIdReading.OrderId ? orders.All().FirstOrDefault(o => o.Steps.Any(s => s.Id == objectId)) : null);
        if (order is null)
        {
            return EpguResults.Error(context, EpguErrors.NotFound, $"No order has the {(reading switch
            {
                DownloadObjectIdReading.OrderId => "order id",
                DownloadObjectIdReading.StatusHistoryId => "status-history id",
                _ => "order id or status-history id",
            })} {objectId} (reading EpguDownloadObjectId={reading}).", "Файл не найден");
        }

        Access.EpguCallNote.Of(context).OrderId = order.Id;
        if (Access.AccessCheck.Order(caller!, order) is { } refusal)
        {
            return CallerGate.Refuse(context, refusal);
        }

        if (context.Request.Query["eserviceCode"].ToString() is { Length: > 0 } eservice && eservice != order.Service.Code)
        {
            return CallerGate.BadRequest(context, $"eserviceCode {eservice} does not match the order", $"Order {order.Id} is for service {order.Service.Code}, not {eservice}.");
        }

        var file = order.Files.FirstOrDefault(f => f.ObjectType == objectType && f.Name == mnemonic);
        return file is null
            ? EpguResults.Error(context, EpguErrors.NotFound, $"Order {order.Id} has no file '{mnemonic}' of type {objectType} (2: submitted, 3: the agency's result; " +
                $"it has {string.Join(", ", order.Files.Select(f => $"{f.Name} ({f.ObjectType})"))}).", "Файл не найден")
            : Results.Stream(file.Open(), "application/octet-stream", file.Name);
    }
}
