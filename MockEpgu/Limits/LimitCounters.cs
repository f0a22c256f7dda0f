using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MockEpgu.Limits;

/// <summary>
/// Counts each system's requests by calendar period (Moscow time, as the portal's calendar) and each applicant's orders
/// per service in a sliding window, on MockEsia's clock (epgu-api.md §4). A reset clears them.
/// </summary>
/// <param name="options">The limits in force.</param>
public sealed class LimitCounters(IOptionsMonitor<EpguLimitOptions> options)
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);
    private readonly ConcurrentDictionary<string, (string Period, long Count)> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _orders = new(StringComparer.Ordinal);

    /// <summary>Counts a request of a system; the limit it breaks, or null.</summary>
    public string? CountRequest(string clientId, DateTimeOffset now)
    {
        var o = options.CurrentValue;
        if (!o.Enabled)
        {
            return null;
        }

        var local = now.ToOffset(Moscow);
        string? broken = null;
        foreach (var (period, key, limit) in new[]
                 {
                     ("minute", local.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture), o.RequestsPerMinute),
                     ("hour", local.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture), o.RequestsPerHour),
                     ("day", local.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), o.RequestsPerDay),
                     ("month", local.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture), o.RequestsPerMonth),
                     ("year", local.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), o.RequestsPerYear),
                 })
        {
            // One count per system and kind of period, started again when the period changes: nothing piles up over time.
            var count = _requests.AddOrUpdate($"{clientId}|{period}", (key, 1), (_, c) => c.Period == key ? (key, c.Count + 1) : (key, 1)).Count;
            broken ??= count > limit ? $"{clientId} sent {count} requests this calendar {period} (Moscow time); the limit is {limit} (MockEsia:Epgu:Limits:RequestsPer{char.ToUpperInvariant(period[0])}{period[1..]}, §4)." : null;
        }

        return broken;
    }

    /// <summary>Records a new order of an applicant for a service, unless the window already holds the limit; the refusal's diagnosis, or null.</summary>
    public string? CountOrder(string clientId, string serviceCode, long applicant, DateTimeOffset now)
    {
        var o = options.CurrentValue;
        var times = _orders.GetOrAdd($"{clientId}|{serviceCode}|{applicant}", _ => []);
        lock (times)
        {
            times.RemoveAll(t => now - t >= o.OrderWindow);
            if (o.Enabled && times.Count >= o.OrdersPerServicePerUser)
            {
                return $"Applicant {applicant} already has {times.Count} orders of service {serviceCode} from {clientId} within {o.OrderWindow.TotalMinutes:0} minutes; " +
                    $"the limit is {o.OrdersPerServicePerUser} (MockEsia:Epgu:Limits:OrdersPerServicePerUser, §4). Wait, or raise the setting in a test.";
            }

            times.Add(now);
            return null;
        }
    }

    /// <summary>Forgets every count.</summary>
    public void Clear()
    {
        _requests.Clear();
        _orders.Clear();
    }
}
