using System.Text.Json;

namespace Conformance.Specs.Reports;

/// <summary>
/// What the approval pack says of a drift report (<c>drift-report.json</c>, written by <c>MockEsia proxy</c>): the
/// upstream watched, and how many exchanges were forwarded, compared, failed and differed.
/// </summary>
public sealed record DriftSummary(string Upstream, string Started, int Exchanges, int Compared, int Failed, int Differences)
{
    /// <summary>Reads a drift report.</summary>
    /// <exception cref="InvalidDataException">The file is not a drift report; the message names it and says what it should be.</exception>
    public static DriftSummary Read(string path)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var r = json.RootElement;
            return new DriftSummary(r.GetProperty("upstream").GetString() ?? "", r.GetProperty("started").GetString() ?? "", r.GetProperty("exchanges").GetInt32(),
                r.GetProperty("compared").GetInt32(), r.GetProperty("failedExchanges").GetInt32(), r.GetProperty("differences").GetArrayLength());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"--drift: {path} is not a drift report ({ex.Message.TrimEnd('.')}). Fix: give the drift-report.json that `MockEsia proxy` writes into its --out folder.", ex);
        }
    }
}
