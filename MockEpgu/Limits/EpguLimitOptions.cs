namespace MockEpgu.Limits;

/// <summary>
/// API ЕПГУ's limits (epgu-api.md §4, Приложение 3): per system, over all its services and users, HTTP requests per
/// calendar minute, hour, day, month and year; and orders per service per applicant in a sliding window. On by default,
/// as the real API has them (<c>MockEsia:Epgu:Limits:*</c>), counted on MockEsia's clock, cleared by a reset.
/// </summary>
public sealed class EpguLimitOptions
{
    /// <summary>Whether limits apply at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per calendar minute (default 2 000).</summary>
    public long RequestsPerMinute { get; set; } = 2_000;

    /// <summary>Requests per calendar hour (default 120 000).</summary>
    public long RequestsPerHour { get; set; } = 120_000;

    /// <summary>Requests per calendar day (default 2 880 000).</summary>
    public long RequestsPerDay { get; set; } = 2_880_000;

    /// <summary>Requests per calendar month (default 86 400 000).</summary>
    public long RequestsPerMonth { get; set; } = 86_400_000;

    /// <summary>Requests per calendar year (default 1 036 800 000).</summary>
    public long RequestsPerYear { get; set; } = 1_036_800_000;

    /// <summary>Orders per service per applicant within <see cref="OrderWindow"/> (default 20).</summary>
    public int OrdersPerServicePerUser { get; set; } = 20;

    /// <summary>The orders' window (default 10 minutes).</summary>
    public TimeSpan OrderWindow { get; set; } = TimeSpan.FromMinutes(10);
}
