using System.Text;
using MockEsia.Journal;
using static MockEsia.Pages.HtmlPages;

namespace MockEsia.Admin;

/// <summary>The admin pages: an index and the live journal, in Russian and English, plain HTML.</summary>
internal static class AdminPages
{
    /// <summary>The index of the admin API.</summary>
    public static string Index() => Page("MockEsia — управление / control", """
        <h1>MockEsia — управление / scenario control</h1>
        <ul>
        <li><a href="/__admin/ui" data-testid="admin-journal-link">Журнал запросов / Request journal</a></li>
        <li><a href="/__admin/openapi/admin.json" data-testid="admin-openapi-link">OpenAPI</a></li>
        <li><code>GET/POST /__admin/clock</code>, <code>/__admin/faults</code>, <code>/__admin/journal</code>, <code>/__admin/clients</code>, <code>/__admin/people</code>, <code>/__admin/keys</code>, <code>POST /__admin/reset</code></li>
        </ul>
        """, refresh: false);

    /// <summary>The journal, newest first, each entry expandable to its parameters, checks and diagnosis.</summary>
    public static string Journal(MockEsiaControl control, string? client, string? token)
    {
        var entries = control.Journal.Query(new JournalQuery { ClientId = string.IsNullOrEmpty(client) ? null : client }, 200);
        var body = new StringBuilder();
        body.Append("<h1>Журнал запросов / Request journal</h1>");
        body.Append($"<p>Время MockEsia / virtual time: <b data-testid=\"admin-clock\">{E(control.Clock.GetUtcNow().ToString("u"))}</b>{(control.Clock.IsFrozen ? " (остановлено / frozen)" : "")} · ");
        body.Append($"неисправности / faults: <b data-testid=\"admin-faults\">{control.Faults.All.Count}</b> · записей / entries: {control.Journal.Count}</p>");
        body.Append("<form method=\"get\"><label>Система / client <input name=\"client\" value=\"" + E(client) + "\" data-testid=\"admin-client-filter\"></label>");
        if (!string.IsNullOrEmpty(token))
        {
            body.Append($"<input type=\"hidden\" name=\"token\" value=\"{E(token)}\">");
        }

        body.Append(" <button type=\"submit\">Показать / show</button></form><ol reversed data-testid=\"admin-journal\">");
        foreach (var e in entries)
        {
            var outcome = e.Succeeded ? "ok" : e.ErrorCode ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            body.Append($"<li data-testid=\"journal-entry-{e.Id}\"><details><summary><b>{E(e.Endpoint)}</b> {E(e.ClientId)} → {e.Status} <span class=\"{(e.Succeeded ? "ok" : "error")}\">{E(outcome)}</span>");
            body.Append($" <span class=\"muted\">{E(e.VirtualTime.ToString("HH:mm:ss"))}{(e.Fault is null ? "" : " · неисправность / fault " + E(e.Fault))}</span></summary>");
            body.Append($"<p><code>{E(e.Method)} {E(e.Path)}</code></p><table>");
            foreach (var (key, value) in e.Parameters)
            {
                body.Append($"<tr><th>{E(key)}</th><td><code>{E(value)}</code></td></tr>");
            }

            body.Append("</table>");
            if (e.Checks.Count > 0)
            {
                body.Append("<h3>Проверки / checks</h3><ul>");
                foreach (var check in e.Checks)
                {
                    body.Append($"<li class=\"{(check.Passed ? "ok" : "error")}\">{(check.Passed ? "✓" : "✗")} {E(check.Name)}: {E(check.Detail)}</li>");
                }

                body.Append("</ul>");
            }

            if (e.Diagnostic is not null)
            {
                body.Append($"<p><b>Диагноз / diagnosis:</b> {E(e.Diagnostic)}</p>");
            }

            if (e.Doctor is not null)
            {
                body.Append($"<p data-testid=\"journal-doctor-{e.Id}\"><b>Доктор подписи / signature doctor:</b> {E(e.Doctor)}</p>");
            }

            if (e.Location is not null)
            {
                body.Append($"<p><b>Location:</b> <code>{E(e.Location)}</code></p>");
            }

            body.Append("</details></li>");
        }

        body.Append("</ol>");
        return Page("MockEsia — журнал / journal", body.ToString(), refresh: true);
    }

    private static string Page(string title, string body, bool refresh) => $$"""
        <!DOCTYPE html>
        <html lang="ru"><head><meta charset="utf-8">{{(refresh ? "<meta http-equiv=\"refresh\" content=\"5\">" : "")}}<title>{{E(title)}}</title>
        <style>body{font-family:Arial,Helvetica,sans-serif;margin:24px;color:#0b1f33}.ok{color:#1a7f37}.error{color:#b00020}.muted{color:#66727f}
        th{text-align:left;padding-right:12px;vertical-align:top}code{word-break:break-all}li{margin:4px 0}</style></head><body>{{body}}</body></html>
        """;
}
