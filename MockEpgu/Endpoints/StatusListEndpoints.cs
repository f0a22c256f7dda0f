using System.Globalization;
using System.Text.Json.Nodes;
using MockEpgu.Access;
using MockEpgu.Errors;
using MockEpgu.Orders;

namespace MockEpgu.Endpoints;

/// <summary>
/// <c>GET /api/gusmev/order/getOrdersStatus</c> and <c>GET /api/gusmev/order/getUpdatedAfter</c> (epgu-api.md §2.7):
/// <c>{count, totalCount, content[{orderId, orderSearchStatus, status{statusId, statusName, updated} | null}]}</c>, zero-based
/// pages, only the calling system's orders. With and without the trailing <c>/</c> (reading <c>EpguStatusListSlash</c>).
/// </summary>
/// <param name="gate">The door.</param>
/// <param name="orders">The orders.</param>
public sealed class StatusListEndpoints(CallerGate gate, OrderBook orders)
{
    /// <summary>The most one page may hold (MockEsia's bound; the real one is not known).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Statuses of the listed orders.</summary>
    public async Task<IResult> OrdersStatusAsync(HttpContext context)
    {
        var (caller, page, denied) = await EnterAsync(context);
        if (denied is not null)
        {
            return denied;
        }

        if (context.Request.Query["orderIds"].ToString() is not { Length: > 0 } idList)
        {
            return CallerGate.Missing(context, "orderIds", "List");
        }

        var ids = new List<long>();
        foreach (var part in idList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return CallerGate.BadRequest(context, $"Failed to convert value '{part}' to Long", $"orderIds holds '{part}', which is not an order number.");
            }

            ids.Add(id);
        }

        var found = ids.Select(id => (Id: id, Order: orders.Find(id) is { } o && o.ClientId == caller!.ClientId ? o : null)).ToArray();
        return List(found.Length, found.Skip(page.Number * page.Size).Take(page.Size).Select(f => Item(f.Id, f.Order)));
    }

    /// <summary>Statuses of this system's orders changed after <c>updatedAfter</c> (UTC).</summary>
    public async Task<IResult> UpdatedAfterAsync(HttpContext context)
    {
        var (caller, page, denied) = await EnterAsync(context);
        if (denied is not null)
        {
            return denied;
        }

        var text = context.Request.Query["updatedAfter"].ToString();
        if (text.Length == 0)
        {
            return CallerGate.Missing(context, "updatedAfter", "String");
        }

        if (EpguTime.ParseListDate(text) is not { } after)
        {
            return CallerGate.BadRequest(context, $"Failed to parse updatedAfter '{text}'", $"updatedAfter '{text}' is not yyyy-MM-ddTHH:mm:ss.SSS (UTC, no offset, §2.7).");
        }

        var changed = orders.All().Where(o => o.ClientId == caller!.ClientId && o.Current.Date > after).OrderBy(o => o.Current.Date).ThenBy(o => o.Id).ToArray();
        return List(changed.Length, changed.Skip(page.Number * page.Size).Take(page.Size).Select(o => Item(o.Id, o)));
    }

    // The path under the slash reading, the caller, and the page asked for; or the answer refusing them.
    private async Task<(EpguCaller? Caller, (int Number, int Size) Page, IResult? Denied)> EnterAsync(HttpContext context)
    {
        var slash = context.Request.Path.Value?.EndsWith('/') == true;
        var reading = gate.Readings.StatusListSlash;
        if ((slash && reading == StatusListSlashReading.WithoutOnly) || (!slash && reading == StatusListSlashReading.WithOnly))
        {
            return (null, default, EpguResults.NoSuchPath(context, $"Reading EpguStatusListSlash={reading}: the path {(slash ? "with" : "without")} a trailing / is not served."));
        }

        var (caller, denied) = await gate.EnterAsync(context);
        if (denied is not null)
        {
            return (null, default, denied);
        }

        var (page, bad) = Page(context);
        return (caller, page, bad);
    }

    private static ((int Number, int Size) Page, IResult? Bad) Page(HttpContext context)
    {
        var query = context.Request.Query;
        foreach (var name in new[] { "pageNum", "pageSize" })
        {
            if (query[name].ToString().Length == 0)
            {
                return (default, CallerGate.Missing(context, name, "Integer"));
            }
        }

        if (!int.TryParse(query["pageNum"], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || !int.TryParse(query["pageSize"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > MaxPageSize)
        {
            return (default, CallerGate.BadRequest(context, "pageNum and pageSize are numbers",
                $"pageNum must be 0 or more (pages count from 0) and pageSize 1 to {MaxPageSize}; got '{query["pageNum"]}' and '{query["pageSize"]}'."));
        }

        return ((number, size), null);
    }

    private static IResult List(int total, IEnumerable<JsonObject> items)
    {
        var content = new JsonArray(items.Select(i => (JsonNode)i).ToArray());
        return EpguResults.Json(new JsonObject { ["count"] = content.Count, ["totalCount"] = total, ["content"] = content });
    }

    private static JsonObject Item(long id, Order? order) => new()
    {
        ["orderId"] = id,
        ["orderSearchStatus"] = order is null ? "NOT_FOUND" : "FOUND",
        ["status"] = order is null ? null : new JsonObject
        {
            ["statusId"] = order.Current.Status.Id,
            ["statusName"] = order.Current.Status.Title,
            ["updated"] = EpguTime.ListDate(order.Current.Date),
        },
    };
}
