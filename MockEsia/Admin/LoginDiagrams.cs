using System.Globalization;
using System.Text;
using static MockEsia.Pages.HtmlPages;

namespace MockEsia.Admin;

/// <summary>
/// The journal read as logins: a new login starts at each authorization request (<c>v2/ac</c>, <c>ac</c>), and each
/// login is drawn as a sequence diagram — the person's browser and the app on one side, MockEsia on the other — with
/// every refusal's ESIA code and MockEsia's diagnosis under it.
/// </summary>
internal static class LoginDiagrams
{
    private static readonly string[] FrontChannel = [EndpointNames.AuthorizeV2, EndpointNames.AuthorizeV1, EndpointNames.Login, EndpointNames.Consent, EndpointNames.Logout];

    /// <summary>The logins among <paramref name="entries"/> (oldest first), newest login first.</summary>
    public static IReadOnlyList<IReadOnlyList<JournalEntry>> Logins(IReadOnlyList<JournalEntry> entries)
    {
        var logins = new List<List<JournalEntry>>();
        foreach (var entry in entries)
        {
            if (EndpointNames.IsAuthorization(entry.Endpoint) || logins.Count == 0)
            {
                logins.Add([]);
            }

            logins[^1].Add(entry);
        }

        return logins.AsEnumerable().Reverse().ToArray();
    }

    /// <summary>One login as an SVG sequence diagram followed by its refusals.</summary>
    public static string Render(IReadOnlyList<JournalEntry> login, int index)
    {
        const int left = 90, middle = 330, right = 600, top = 40, step = 24;
        var height = top + (login.Count * step) + 16;
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"700\" height=\"{height}\" role=\"img\" data-testid=\"login-diagram-{index}\" font-family=\"Arial\" font-size=\"11\">");
        foreach (var (x, name) in new[] { (left, "Браузер / browser"), (middle, "Приложение / app"), (right, "MockEsia (ЕСИА)") })
        {
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">{E(name)}</text>");
            b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"24\" x2=\"{x}\" y2=\"{height - 4}\" stroke=\"#99a\" stroke-dasharray=\"4 3\"/>");
        }

        var y = top;
        foreach (var e in login)
        {
            var from = FrontChannel.Contains(e.Endpoint) ? left : middle;
            var color = e.ErrorCode is not null || e.Status >= 400 ? "#b00020" : "#0b1f33";
            var label = $"{e.Method} {e.Path} → {e.Status}{(e.ErrorCode is null ? "" : " " + e.ErrorCode)}";
            b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{from}\" y1=\"{y}\" x2=\"{right}\" y2=\"{y}\" stroke=\"{color}\"/><polygon points=\"{right},{y} {right - 8},{y - 4} {right - 8},{y + 4}\" fill=\"{color}\"/>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{(from + right) / 2}\" y=\"{y - 4}\" text-anchor=\"middle\" fill=\"{color}\">{E(label)}</text>");
            y += step;
        }

        b.Append("</svg>");
        var refusals = login.Where(e => e.Diagnostic is not null).ToArray();
        if (refusals.Length > 0)
        {
            b.Append("<ul>");
            foreach (var e in refusals)
            {
                b.Append($"<li class=\"error\" data-testid=\"login-refusal-{e.Id}\"><b>{E(e.Endpoint)} {E(e.ErrorCode ?? e.Status.ToString(CultureInfo.InvariantCulture))}</b>: {E(e.Diagnostic)}</li>");
            }

            b.Append("</ul>");
        }

        return b.ToString();
    }
}
