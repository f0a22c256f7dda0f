using System.Text;
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

    /// <summary>
    /// The dashboard: the virtual clock and the common faults as buttons, the systems (add one from its certificate, edit
    /// its redirect URIs and switches), the people, each login as a sequence diagram with its refusals' diagnoses, and
    /// the journal. The buttons call the admin API (with <c>?token=</c> when an admin token protects it).
    /// </summary>
    public static string Dashboard(MockEsiaControl control, string? client, string? token, long? before = null)
    {
        var body = new StringBuilder();
        body.Append("<h1>MockEsia — панель / dashboard</h1><p id=\"status\" data-testid=\"dash-status\" class=\"muted\"></p>");
        Clock(body, control);
        Faults(body, control);
        Systems(body, control);
        body.Append(Pages.StartPage.NotLoaded(control.Problems));
        People(body, control);
        Epgu(body, control);
        var entries = control.Journal.Query(new JournalQuery { ClientId = string.IsNullOrEmpty(client) ? null : client, BeforeId = before }, PageSize);
        body.Append("<h2>Входы / logins</h2>");
        var logins = LoginDiagrams.Logins(entries.Reverse().ToArray());
        for (var i = 0; i < Math.Min(logins.Count, 20); i++)
        {
            var login = logins[i];
            var first = login[0];
            var refused = login.FirstOrDefault(e => e.ErrorCode is not null);
            body.Append($"<details data-testid=\"login-{i}\"{(i == 0 ? " open" : "")}><summary>{E(first.VirtualTime.ToString("HH:mm:ss"))} {E(first.ClientId)} {E(login.Select(e => e.PersonOid).FirstOrDefault(o => o is not null)?.ToString())} ");
            body.Append(refused is null ? "<span class=\"ok\">без отказов / no refusal</span>" : $"<span class=\"error\">{E(refused.ErrorCode)}</span>");
            body.Append($" <span class=\"muted\">({login.Count})</span></summary>{LoginDiagrams.Render(login, i)}</details>");
        }

        body.Append(JournalList(entries, client, token));
        if (entries.Count == PageSize)
        {
            var older = $"/__admin/ui?before={entries[^1].Id}{(string.IsNullOrEmpty(client) ? "" : "&client=" + Uri.EscapeDataString(client))}{(string.IsNullOrEmpty(token) ? "" : "&token=" + Uri.EscapeDataString(token))}";
            body.Append($"<p><a href=\"{E(older)}\" data-testid=\"journal-older\">Раньше / older →</a></p>");
        }

        body.Append(Script);
        return Page("MockEsia — панель / dashboard", body.ToString(), refresh: false);
    }

    /// <summary>How many journal entries a dashboard page shows (older ones are on the next page).</summary>
    public const int PageSize = 50;

    private static void Clock(StringBuilder body, MockEsiaControl control)
    {
        body.Append($"<p>Время MockEsia / virtual time: <b data-testid=\"admin-clock\">{E(control.Clock.GetUtcNow().ToString("u"))}</b>{(control.Clock.IsFrozen ? " (остановлено / frozen)" : "")} ");
        foreach (var (seconds, label) in new[] { (60, "+1 мин"), (3600, "+1 ч"), (86400, "+1 сут") })
        {
            body.Append($"<button data-testid=\"clock-advance-{seconds}\" data-method=\"POST\" data-url=\"/__admin/clock/advance\" data-body=\"{E($"{{\"seconds\":{seconds}}}")}\">{label}</button> ");
        }

        body.Append(control.Clock.IsFrozen
            ? "<button data-testid=\"clock-resume\" data-method=\"POST\" data-url=\"/__admin/clock/resume\">Пустить / resume</button> "
            : "<button data-testid=\"clock-freeze\" data-method=\"POST\" data-url=\"/__admin/clock/freeze\">Остановить / freeze</button> ");
        body.Append("<button data-testid=\"clock-reset\" data-method=\"POST\" data-url=\"/__admin/clock/reset\">Системное время / system time</button></p>");
    }

    private static void Faults(StringBuilder body, MockEsiaControl control)
    {
        body.Append($"<h2>Неисправности / faults (<span data-testid=\"admin-faults\">{control.Faults.All.Count}</span>)</h2><p>Система / client <select id=\"client\" data-testid=\"fault-client\">");
        foreach (var c in control.Clients.All.OrderBy(c => c.ClientId, StringComparer.Ordinal))
        {
            body.Append($"<option{(c.ClientId == "MOCKSYS" ? " selected" : "")}>{E(c.ClientId)}</option>");
        }

        body.Append("</select> ");
        foreach (var (id, label, attributes) in new[]
        {
            ("refuse", "Отказ пользователя (ESIA-007004)", Fault("{\"endpoint\":\"Authorize\",\"kind\":\"Error\",\"errorCode\":\"ESIA-007004\"}")),
            ("unavailable", "ЕСИА недоступна (ESIA-007008)", Fault("{\"endpoint\":\"Authorize\",\"kind\":\"Error\",\"errorCode\":\"ESIA-007008\"}")),
            ("forged", "Поддельная подпись маркеров", Fault("{\"endpoint\":\"Token\",\"kind\":\"BadSignature\",\"target\":\"Both\"}")),
            ("expire", "Просрочить выданные маркеры", "data-method=\"POST\" data-url=\"/__admin/tokens/expire\" data-with-client=\"clientId\""),
            ("rotate", "Сменить ключ подписи", "data-method=\"POST\" data-url=\"/__admin/keys/publish-next\" data-then=\"/__admin/keys/switch-next\""),
            ("clear", "Убрать неисправности", "data-method=\"DELETE\" data-url=\"/__admin/faults\""),
        })
        {
            body.Append($"<button data-testid=\"fault-{id}\" {attributes}>{E(label)}</button> ");
        }

        body.Append("</p><ul>");
        foreach (var f in control.Faults.All)
        {
            body.Append($"<li data-testid=\"fault-entry\">{E(f.Describe())}</li>");
        }

        body.Append("</ul>");
    }

    // A fault button: the fault's JSON in a data attribute (encoded as HTML), sent with the selected client.
    private static string Fault(string json) => $"data-method=\"POST\" data-url=\"/__admin/faults\" data-body=\"{E(json)}\" data-with-client=\"body\"";

    private static void Systems(StringBuilder body, MockEsiaControl control)
    {
        body.Append("<h2>Системы / systems</h2><table><tr><th>client_id</th><th>client_certificate_hash</th><th>redirect_uri и переключатели / and switches</th></tr>");
        foreach (var c in control.Clients.All.OrderBy(c => c.ClientId, StringComparer.Ordinal))
        {
            var id = E(c.ClientId);
            body.Append($"<tr data-testid=\"system-{id}\"><td><b>{id}</b><br><span class=\"muted\">{E(c.Name)}</span></td><td><code>{E(c.Certificates[0].Streebog256Hex)}</code></td><td>");
            body.Append($"<form data-testid=\"edit-{id}\" data-edit=\"{id}\"><textarea name=\"redirectUris\" rows=\"2\" cols=\"48\">{E(string.Join("\n", c.RedirectUris.Select(u => u.OriginalString)))}</textarea><br>");
            foreach (var (name, on) in new[] { ("strictState", c.StrictState), ("strictRedirectUriAtToken", c.StrictRedirectUriAtToken), ("acceptV1SignatureOnV2", c.AcceptV1SignatureOnV2) })
            {
                body.Append($"<label><input type=\"checkbox\" name=\"{name}\"{(on ? " checked" : "")}> {name}</label> ");
            }

            body.Append("<select name=\"refreshProfile\">");
            foreach (var profile in Enum.GetNames<RefreshSignatureProfile>())
            {
                body.Append($"<option{(profile == c.RefreshProfile.ToString() ? " selected" : "")}>{profile}</option>");
            }

            body.Append($"</select><br>API ЕПГУ <input name=\"epguServices\" size=\"40\" data-testid=\"epgu-services-{id}\" value=\"{E(string.Join(' ', c.EpguServices))}\">");
            body.Append($" <button type=\"submit\" data-testid=\"save-{id}\">Сохранить / save</button></form></td></tr>");
        }

        body.Append("</table><h3>Добавить систему по сертификату / add a system from its certificate</h3>");
        body.Append("<form data-testid=\"add-client\" data-upload=\"\">client_id <input name=\"clientId\" data-testid=\"add-client-id\"> ");
        body.Append("redirect_uri <input name=\"redirectUri\" size=\"40\" data-testid=\"add-client-redirect\"> ");
        body.Append("<input type=\"file\" name=\"certificate\" data-testid=\"add-client-certificate\"> <label><input type=\"checkbox\" name=\"allowRsaClientKeys\" value=\"true\"> allowRsaClientKeys</label> ");
        body.Append("<button type=\"submit\" data-testid=\"add-client-submit\">Добавить / add</button> <span class=\"muted\">DER, PEM, base64, .p7b; до сброса / until a reset (MockEsia clients add keeps it in a file)</span></form>");
    }

    // API ЕПГУ: each service and what its agency answers, each order with its status history, and "the agency answers" buttons.
    private static void Epgu(StringBuilder body, MockEsiaControl control)
    {
        var outcomes = Enum.GetValues<EpguOutcome>();
        body.Append("<h2>API ЕПГУ</h2><table data-testid=\"epgu-services\"><tr><th>Услуга / service</th><th>Ведомство отвечает / the agency answers</th></tr>");
        foreach (var service in control.EpguServices.All)
        {
            var code = E(service.Code);
            body.Append($"<tr data-testid=\"epgu-service-{code}\"><td><b>{code}</b> {E(service.Name)}</td><td>");
            foreach (var outcome in outcomes)
            {
                var current = outcome == service.Outcome;
                body.Append($"<button data-testid=\"epgu-service-{code}-{outcome}\" data-method=\"PUT\" data-url=\"{E(AdminPaths.EpguServiceOutcome(service.Code, outcome))}\"{(current ? " disabled" : "")}>{outcome}</button> ");
            }

            body.Append("</td></tr>");
        }

        var orders = control.EpguOrderSummaries();
        body.Append($"</table><h3>Заявления / orders ({orders.Count})</h3><table data-testid=\"epgu-orders\"><tr><th>orderId</th><th>система / client</th><th>услуга / service</th>" +
            "<th>статусы / statuses</th><th>ведомство ответит / the agency will answer</th></tr>");
        foreach (var order in orders.Take(50))
        {
            var history = string.Join(" → ", order.Statuses.Select(s => $"{s.StatusId} «{s.Title}» {s.Date:HH:mm:ss.fff}"));
            body.Append($"<tr data-testid=\"epgu-order-{order.OrderId}\"><td>{order.OrderId}</td><td>{E(order.ClientId)}</td><td>{E(order.ServiceCode)}</td><td>{E(history)}");
            if (order.Code != "OK")
            {
                body.Append($"<br><span class=\"error\" data-testid=\"epgu-order-{order.OrderId}-code\">{E(order.Code)}: {E(order.Message)}</span>");
            }

            if (order.Files.Count > 0)
            {
                body.Append($"<details data-testid=\"epgu-order-{order.OrderId}-files\"><summary>файлы / files ({order.Files.Count})</summary><ul>");
                foreach (var file in order.Files)
                {
                    body.Append($"<li>{E(file.Name)} ({file.Size} B, {(file.ObjectType == 3 ? "результат / result" : "заявление / submitted")}){(file.Signature is null ? "" : " — " + E(file.Signature))}</li>");
                }

                body.Append("</ul></details>");
            }

            body.Append("</td><td>");
            if (order.Closed)
            {
                body.Append("<span class=\"muted\">закрыто / closed</span>");
            }
            else
            {
                foreach (var outcome in outcomes)
                {
                    body.Append($"<button data-testid=\"epgu-order-{order.OrderId}-{outcome}\" data-method=\"PUT\" data-url=\"{E(AdminPaths.EpguOrderOutcome(order.OrderId, outcome))}\"" +
                        $"{(order.Outcome == outcome ? " disabled" : "")}>{outcome}</button> ");
                }
            }

            body.Append("</td></tr>");
        }

        body.Append("</table>");
    }

    private static void People(StringBuilder body, MockEsiaControl control)
    {
        body.Append("<h2>Люди / people</h2><details><summary>").Append(control.People.All.Count).Append("</summary><table><tr><th>oid</th><th>ФИО</th><th>login</th><th>e-mail</th><th>подтверждена / trusted</th></tr>");
        foreach (var p in control.People.All)
        {
            body.Append($"<tr data-testid=\"dash-person-{p.Oid}\"><td>{p.Oid}</td><td>{E(p.FullName)}</td><td>{E(p.Login)}</td><td>{E(p.Contacts.FirstOrDefault(c => c.Type == "EML")?.Value)}</td><td>{(p.Trusted ? "да" : "нет")}</td></tr>");
        }

        body.Append("</table></details>");
    }

    // The dashboard's only script: no value from a client, a person or the journal ever appears in it (they are in data
    // attributes, encoded as HTML), so the page's Content-Security-Policy allows this script by its hash and nothing else.
    private const string ScriptBody = """
        const token = new URLSearchParams(location.search).get('token');
        const client = () => document.getElementById('client').value;
        async function call(method, u, body, raw) {
          const init = { method, headers: token ? { Authorization: 'Bearer ' + token } : {} };
          if (raw) { init.body = raw; } else if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
          const r = await fetch(u, init);
          const text = await r.text();
          document.getElementById('status').textContent = (r.ok ? '✓ ' : '✗ ') + method + ' ' + u + ' → ' + r.status + ' ' + text.slice(0, 300);
          return r;
        }
        // The page shows the new state once every call of an action has answered (a reload never cuts a call short).
        const done = r => { if (r.ok) { setTimeout(() => location.reload(), 400); } };
        document.addEventListener('click', e => {
          const b = e.target.closest('button[data-url]');
          if (!b) { return; }
          let u = b.dataset.url;
          let body = b.dataset.body ? JSON.parse(b.dataset.body) : undefined;
          if (b.dataset.withClient === 'clientId') { u += '?clientId=' + encodeURIComponent(client()); }
          if (b.dataset.withClient === 'body') { body.clientId = client(); }
          const then = b.dataset.then;
          call(b.dataset.method, u, body).then(r => then && r.ok ? call('POST', then) : r).then(done);
        });
        document.addEventListener('submit', e => {
          const form = e.target;
          if (form.dataset.edit !== undefined) {
            e.preventDefault();
            const redirectUris = form.redirectUris.value.split(/\s+/).filter(x => x);
            const client = '/__admin/clients/' + encodeURIComponent(form.dataset.edit);
            const services = form.epguServices.value.split(/[\s,]+/).filter(x => x);
            call('POST', client + '/settings', { redirectUris, strictState: form.strictState.checked,
              strictRedirectUriAtToken: form.strictRedirectUriAtToken.checked, acceptV1SignatureOnV2: form.acceptV1SignatureOnV2.checked, refreshProfile: form.refreshProfile.value })
              .then(r => r.ok ? call('PUT', client + '/epgu-services', services) : r).then(done);
          } else if (form.dataset.upload !== undefined) {
            e.preventDefault();
            call('POST', '/__admin/clients/upload', undefined, new FormData(form)).then(done);
          }
        });
        """;

    private static readonly string Script = "<script>" + ScriptBody + "</script>";

    /// <summary>The Content-Security-Policy source that allows the dashboard's script and no other.</summary>
    public static readonly string ScriptSource = $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ScriptBody)))}'";

    /// <summary>The journal, newest first, each entry expandable to its parameters, checks and diagnosis.</summary>
    private static string JournalList(IReadOnlyList<JournalEntry> entries, string? client, string? token)
    {
        var body = new StringBuilder();
        body.Append("<h2>Журнал запросов / Request journal</h2>");
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
        return body.ToString();
    }

    private static string Page(string title, string body, bool refresh) => $$"""
        <!DOCTYPE html>
        <html lang="ru"><head><meta charset="utf-8">{{(refresh ? "<meta http-equiv=\"refresh\" content=\"5\">" : "")}}<title>{{E(title)}}</title>
        <style>body{font-family:Arial,Helvetica,sans-serif;margin:24px;color:#0b1f33}.ok{color:#1a7f37}.error{color:#b00020}.muted{color:#66727f}
        th{text-align:left;padding-right:12px;vertical-align:top}code{word-break:break-all}li{margin:4px 0}</style></head><body>{{body}}</body></html>
        """;
}
