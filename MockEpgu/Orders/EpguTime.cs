using System.Globalization;

namespace MockEpgu.Orders;

/// <summary>API ЕПГУ's two date formats (epgu-api.md §2.5, §2.7).</summary>
public static class EpguTime
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    /// <summary>Inside <c>order</c>: Moscow time, <c>yyyy-MM-dd'T'HH:mm:ss.SSS+0300</c> (offset without a colon; the Go client parses exactly this).</summary>
    public static string OrderDate(DateTimeOffset time) => time.ToOffset(Moscow).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0300";

    /// <summary>In the status lists and <c>updatedAfter</c>: UTC without an offset, <c>yyyy-MM-dd'T'HH:mm:ss.SSS</c>.</summary>
    public static string ListDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>updatedAfter</c> (UTC, milliseconds optional); null when malformed.</summary>
    public static DateTimeOffset? ParseListDate(string? text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.fff", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? new DateTimeOffset(parsed, TimeSpan.Zero)
            : null;
}
