using System.Globalization;
using System.Text.RegularExpressions;

namespace Esia.Protocol.Time;

/// <summary>ESIA's request timestamp: <c>yyyy.MM.dd HH:mm:ss ±hhmm</c> (reference §4.2).</summary>
public static partial class EsiaTimestamp
{
    /// <summary>Formats an instant in its own offset, e.g. <c>2025.01.21 13:45:10 +0300</c>.</summary>
    public static string Format(DateTimeOffset instant)
    {
        var offset = instant.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{instant:yyyy.MM.dd HH:mm:ss} {sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    /// <summary>Strictly parses a timestamp; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? value, out DateTimeOffset instant, out string error)
    {
        instant = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "timestamp is empty.";
            return false;
        }

        var match = Shape().Match(value);
        if (!match.Success)
        {
            error = $"timestamp '{Truncate(value)}' is not in the form 'yyyy.MM.dd HH:mm:ss +hhmm' (a space before the offset, no colon in it).";
            return false;
        }

        var offsetMinutes = (int.Parse(match.Groups["oh"].Value, CultureInfo.InvariantCulture) * 60) + int.Parse(match.Groups["om"].Value, CultureInfo.InvariantCulture);
        if (offsetMinutes > 14 * 60 || int.Parse(match.Groups["om"].Value, CultureInfo.InvariantCulture) > 59)
        {
            error = $"timestamp '{value}' has an impossible UTC offset.";
            return false;
        }

        if (!DateTime.TryParseExact(match.Groups["dt"].Value, "yyyy.MM.dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            error = $"timestamp '{value}' is not a real date and time.";
            return false;
        }

        var offset = TimeSpan.FromMinutes(match.Groups["sign"].Value == "-" ? -offsetMinutes : offsetMinutes);
        instant = new DateTimeOffset(local, offset);
        error = "";
        return true;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    [GeneratedRegex(@"^(?<dt>\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}) (?<sign>[+-])(?<oh>\d{2})(?<om>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
