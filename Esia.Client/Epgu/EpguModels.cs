using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Esia.Client.Epgu;

/// <summary>The three strings of an order (epgu-api.md §2.1): the service's form code, its ФРГУ target, the applicant's OKATO.</summary>
/// <param name="ServiceCode">E.g. <c>10000000113</c>.</param>
/// <param name="TargetCode">E.g. <c>-10000000113</c>.</param>
/// <param name="Region">An 11-digit OKATO (a region's when nothing finer is known).</param>
public sealed record EpguOrderMeta(
    [property: JsonPropertyName("serviceCode")] string ServiceCode,
    [property: JsonPropertyName("targetCode")] string TargetCode,
    [property: JsonPropertyName("region")] string Region);

/// <summary>The details answer (§2.5): the processing state, the СМЭВ message id, and the order.</summary>
/// <param name="Code">The processing state: <c>OK</c>, or one of §3.2 (<c>INVALID_FILES_STRUCTURE</c>, <c>FILES_VERIFICATION_FAILED</c>, …).</param>
/// <param name="Message">Its text, if any.</param>
/// <param name="MessageId">The СМЭВ request's id (sent as <c>messageId</c> or <c>message_id</c>).</param>
/// <param name="Order">The order, once it exists on the portal.</param>
public sealed record EpguOrderDetails(string Code, string? Message, string? MessageId, EpguOrder? Order)
{
    /// <summary>Whether processing refused the order (a final state of §3.2 other than <c>DONE</c>/<c>OK</c>).</summary>
    public bool Failed => Code is not ("OK" or "DONE" or "NEW" or "FILES_VERIFICATION" or "FILES_VERIFICATION_SUCCESS" or "RETRY" or "VALIDATION");
}

/// <summary>An order as the details' <c>order</c> string describes it (§2.5), with the fields an integrator acts on.</summary>
public sealed record EpguOrder
{
    /// <summary>The order number.</summary>
    public long Id { get; init; }

    /// <summary>The current portal status (§3.1).</summary>
    public int StatusId { get; init; }

    /// <summary>Its title.</summary>
    public string StatusName { get; init; } = "";

    /// <summary>Whether a final status was reached.</summary>
    public bool Closed { get; init; }

    /// <summary>Whether the agency sent result files.</summary>
    public bool HasResult { get; init; }

    /// <summary>When the order last changed.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The service's form code.</summary>
    public string? ServiceCode { get; init; }

    /// <summary>The status history, oldest first.</summary>
    public IReadOnlyList<EpguStatus> Statuses { get; init; } = [];

    /// <summary>The files submitted (object type 2).</summary>
    public IReadOnlyList<EpguFile> AttachmentFiles { get; init; } = [];

    /// <summary>The agency's result files (object type 3).</summary>
    public IReadOnlyList<EpguFile> ResponseFiles { get; init; } = [];

    /// <summary>The current status step (the last of <see cref="Statuses"/>), if any.</summary>
    public EpguStatus? Current => Statuses.Count == 0 ? null : Statuses[^1];

    /// <summary>Whether the current status lets the applicant cancel (§3.4).</summary>
    public bool CancelAllowed => !Closed && Current?.CancelAllowed == true;
}

/// <summary>One step of an order's history (§2.5).</summary>
/// <param name="Id">The status-history id.</param>
/// <param name="StatusId">The portal status.</param>
/// <param name="Title">Its title.</param>
/// <param name="Date">When it was reached.</param>
/// <param name="Final">Whether it is final.</param>
/// <param name="CancelAllowed">Whether cancelling is allowed in it.</param>
/// <param name="Comment">The sender's comment.</param>
public sealed record EpguStatus(long Id, int StatusId, string Title, DateTimeOffset? Date, bool Final, bool CancelAllowed, string? Comment);

/// <summary>A file of an order (§2.4, §2.9).</summary>
/// <param name="FileName">Its name in the archive, or the agency's.</param>
/// <param name="Link">The <c>terrabyte://00/{orderId}/{fileName}/{type}</c> link.</param>
/// <param name="Type"><c>REQUEST</c>, <c>ATTACHMENT</c>, <c>RESULT</c>, ….</param>
/// <param name="ObjectType">2 submitted, 3 the agency's result (from the link).</param>
/// <param name="Size">Its size, when given.</param>
public sealed record EpguFile(string FileName, string? Link, string? Type, int ObjectType, long? Size);

/// <summary>One order of a status list (§2.7).</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Found">Whether it was found (<c>FOUND</c>).</param>
/// <param name="StatusId">Its current status, when found.</param>
/// <param name="StatusName">The status's title.</param>
/// <param name="Updated">When it last changed (UTC).</param>
public sealed record EpguOrderStatus(long OrderId, bool Found, int? StatusId, string? StatusName, DateTimeOffset? Updated);

/// <summary>An item of a dictionary (§2.8).</summary>
/// <param name="Value">Its value (the key).</param>
/// <param name="Title">Its title.</param>
/// <param name="ParentValue">The parent's value, in a hierarchy.</param>
/// <param name="IsLeaf">Whether it has no children.</param>
/// <param name="Attributes">Its attributes (name → string value).</param>
public sealed record EpguDictionaryItem(string Value, string Title, string? ParentValue, bool IsLeaf, IReadOnlyDictionary<string, string> Attributes);

/// <summary>Reads API ЕПГУ's answers into the models, with the dates in their real formats.</summary>
public static class EpguJson
{
    private static readonly string[] OrderDateFormats = ["yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ss.fff", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>
    /// A date of the <c>order</c> string: <c>2023-12-13T14:23:02.845+0300</c> (the offset without a colon, §2.5); the
    /// status lists' dates carry no offset and are UTC (§2.7). Null when absent or unreadable.
    /// </summary>
    public static DateTimeOffset? Date(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // .NET's zzz wants "+03:00"; the portal writes "+0300".
        if (text.Length > 5 && (text[^5] is '+' or '-') && char.IsDigit(text[^1]) && text[^3] != ':')
        {
            text = text[..^2] + ":" + text[^2..];
        }

        return DateTimeOffset.TryParseExact(text, OrderDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    /// <summary>The details answer, with its <c>order</c> string parsed.</summary>
    public static EpguOrderDetails Details(JsonElement body)
    {
        var messageId = Text(body, "messageId") ?? Text(body, "message_id");
        EpguOrder? order = null;
        if (body.TryGetProperty("order", out var raw) && raw.ValueKind == JsonValueKind.String && raw.GetString() is { Length: > 0 } text)
        {
            using var document = JsonDocument.Parse(text);
            order = Order(document.RootElement);
        }

        return new EpguOrderDetails(Text(body, "code") ?? "OK", Text(body, "message"), messageId, order);
    }

    /// <summary>The decoded <c>order</c> object.</summary>
    public static EpguOrder Order(JsonElement o)
    {
        var statuses = o.TryGetProperty("statuses", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(Status).ToArray() : [];
        return new EpguOrder
        {
            Id = Number(o, "id") ?? 0,
            StatusId = (int)(Number(o, "orderStatusId") ?? statuses.LastOrDefault()?.StatusId ?? 0),
            StatusName = Text(o, "orderStatusName") ?? statuses.LastOrDefault()?.Title ?? "",
            Closed = Flag(o, "closed"),
            HasResult = Flag(o, "hasResult"),
            Updated = Date(Text(o, "updated")),
            ServiceCode = Text(o, "eserviceId"),
            Statuses = statuses,
            AttachmentFiles = Files(o, "orderAttachmentFiles"),
            ResponseFiles = Files(o, "orderResponseFiles"),
        };
    }

    /// <summary>A status list's items (§2.7).</summary>
    public static IReadOnlyList<EpguOrderStatus> StatusList(JsonElement body, out int totalCount)
    {
        totalCount = (int)(Number(body, "totalCount") ?? Number(body, "TotalCount") ?? 0);
        var content = body.TryGetProperty("content", out var c) || body.TryGetProperty("Content", out c) ? c : default;
        return content.ValueKind != JsonValueKind.Array ? [] : content.EnumerateArray().Select(item =>
        {
            var status = item.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
            var found = Text(item, "orderSearchStatus") == "FOUND";
            return new EpguOrderStatus(Number(item, "orderId") ?? 0, found, status.ValueKind == JsonValueKind.Object ? (int?)Number(status, "statusId") : null,
                status.ValueKind == JsonValueKind.Object ? Text(status, "statusName") : null,
                status.ValueKind == JsonValueKind.Object && Date(Text(status, "updated")) is { } u ? new DateTimeOffset(u.DateTime, TimeSpan.Zero) : null);
        }).ToArray();
    }

    /// <summary>A dictionary's items (§2.8).</summary>
    public static IReadOnlyList<EpguDictionaryItem> DictionaryItems(JsonElement body) =>
        body.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(i => new EpguDictionaryItem(Text(i, "value") ?? "", Text(i, "title") ?? "", Text(i, "parentValue"), Flag(i, "isLeaf"),
                i.TryGetProperty("attributeValues", out var a) && a.ValueKind == JsonValueKind.Object
                    ? a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.ToString(), StringComparer.Ordinal)
                    : new Dictionary<string, string>())).ToArray()
            : [];

    private static EpguStatus Status(JsonElement s) => new(Number(s, "id") ?? 0, (int)(Number(s, "statusId") ?? 0), Text(s, "title") ?? "", Date(Text(s, "date")),
        Flag(s, "finalStatus"), Flag(s, "cancelAllowed"), Text(s, "comment"));

    private static IReadOnlyList<EpguFile> Files(JsonElement o, string name) =>
        o.TryGetProperty(name, out var files) && files.ValueKind == JsonValueKind.Array
            ? files.EnumerateArray().Select(f =>
            {
                var link = Text(f, "link");
                var type = link?.Split('/') is { Length: > 1 } parts && int.TryParse(parts[^1], CultureInfo.InvariantCulture, out var t) ? t : name == "orderResponseFiles" ? 3 : 2;
                return new EpguFile(Text(f, "fileName") ?? "", link, Text(f, "type"), type, Number(f, "fileSize"));
            }).ToArray()
            : [];

    private static string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Number(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
        ? v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var s) ? s : null
        : null;

    // The order-level hasResult is a boolean; the statuses' is "N"/"Y" (§2.5).
    private static bool Flag(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
        && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() is "Y" or "true"));
}
