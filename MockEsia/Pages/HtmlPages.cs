using System.Text;
using System.Text.Encodings.Web;
using Esia.Protocol;
using Esia.Protocol.Scopes;
using MockEsia.Clients;
using MockEsia.Consents;

namespace MockEsia.Pages;

/// <summary>
/// The pages a person sees, in Russian like ESIA's: login, consent, error, logged out. Plain server-rendered HTML,
/// no external assets, no JavaScript needed, a <c>data-testid</c> on every control.
/// </summary>
internal static class HtmlPages
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>Encodes text for HTML.</summary>
    public static string E(string? text) => Encoder.Encode(text ?? "");

    /// <summary>The login page: pick a test person, or type a login and password.</summary>
    public static string Login(string requestId, ClientRegistration client, IReadOnlyList<Person> people, string? error)
    {
        var body = new StringBuilder();
        body.Append("<h1 data-testid=\"login-title\">Вход в Госуслуги</h1>");
        body.Append($"<p>Система <b data-testid=\"client-name\">{E(client.Name.Length > 0 ? client.Name : client.ClientId)}</b> ({E(client.ClientId)}) запрашивает вход через ЕСИА.</p>");
        if (error is not null)
        {
            body.Append($"<p class=\"error\" role=\"alert\" data-testid=\"login-error\">{E(error)}</p>");
        }

        body.Append($"<form method=\"post\" action=\"{EsiaPaths.LoginPage}\" data-testid=\"login-form\">");
        body.Append($"<input type=\"hidden\" name=\"req\" value=\"{E(requestId)}\">");

        body.Append("<label>Телефон / Email / СНИЛС<br><input name=\"login\" autocomplete=\"username\" data-testid=\"login-input\"></label><br>");
        body.Append("<label>Пароль<br><input name=\"password\" type=\"password\" autocomplete=\"current-password\" data-testid=\"password-input\"></label><br>");
        body.Append("<button type=\"submit\" data-testid=\"login-submit\">Войти</button></form>");
        body.Append($"<h2>Тестовые пользователи</h2><form method=\"post\" action=\"{EsiaPaths.LoginPage}\" data-testid=\"people-form\">");
        body.Append($"<input type=\"hidden\" name=\"req\" value=\"{E(requestId)}\"><ul class=\"people\">");
        foreach (var person in people)
        {
            body.Append($"<li><button type=\"submit\" name=\"person\" value=\"{person.Oid}\" data-testid=\"person-{person.Oid}\">{E(person.FullName)}</button> ");
            body.Append($"<span class=\"muted\">{E(person.Login)} · oid {person.Oid}{(person.Trusted ? "" : " · неподтверждённая")}</span></li>");
        }

        body.Append("</ul></form>");
        return Layout("Вход — MockEsia", body.ToString());
    }

    /// <summary>The consent page: what the system asks for, «Предоставить» or «Отказать».</summary>
    public static string Consent(string requestId, ClientRegistration client, Person person, IReadOnlyList<string> scopes, IReadOnlyList<ConsentRequest>? consents = null,
        IReadOnlyList<Organization>? organisations = null)
    {
        var body = new StringBuilder();
        body.Append("<h1 data-testid=\"consent-title\">Предоставление прав доступа</h1>");
        body.Append($"<p>Вы вошли как <b data-testid=\"consent-person\">{E(person.FullName)}</b>.</p>");
        body.Append($"<p>Система <b data-testid=\"client-name\">{E(client.Name.Length > 0 ? client.Name : client.ClientId)}</b> ({E(client.ClientId)}) запрашивает доступ к следующим данным:</p><ul data-testid=\"consent-scopes\">");
        foreach (var scope in scopes)
        {
            var known = EsiaScopes.Find(scope);
            body.Append($"<li data-testid=\"scope-{E(scope)}\">{E(known?.Russian ?? scope)} <span class=\"muted\">({E(scope)})</span></li>");
        }

        body.Append("</ul>");
        if (consents is { Count: > 0 })
        {
            body.Append("<p>и просит ваше согласие:</p><ul data-testid=\"consent-permissions\">");
            foreach (var consent in consents)
            {
                var type = ConsentType.Known.First(t => t.Sysname == consent.Sysname);
                var days = consent.ExpireMinutes / 1440;
                body.Append($"<li data-testid=\"permission-{E(consent.Sysname)}\"><b>{E(type.Russian)}</b> ({E(consent.Sysname)})");
                body.Append(consent.ResponsibleObject.Length > 0 ? $", ответственный: {E(consent.ResponsibleObject)}" : "");
                body.Append($"; срок: {(days > 0 ? $"{days} дн." : $"{consent.ExpireMinutes} мин.")}; действия: {E(string.Join(", ", consent.Actions))}; цели: {E(string.Join(", ", consent.Purposes))}; ");
                body.Append($"данные: {E(string.Join(", ", consent.Scopes))}</li>");
            }

            body.Append("</ul>");
        }

        body.Append($"<form method=\"post\" action=\"{EsiaPaths.ConsentPage}\" data-testid=\"consent-form\">");
        body.Append($"<input type=\"hidden\" name=\"req\" value=\"{E(requestId)}\">");
        if (organisations is { Count: > 1 })
        {
            body.Append("<fieldset data-testid=\"org-choice\"><legend>Выберите организацию, от имени которой входите:</legend>");
            for (var i = 0; i < organisations.Count; i++)
            {
                var o = organisations[i];
                body.Append($"<label><input type=\"radio\" name=\"org\" value=\"{o.Oid}\" data-testid=\"org-{o.Oid}\"{(i == 0 ? " checked" : "")}> {E(o.ShortName)} (ОГРН {E(o.Ogrn)})</label><br>");
            }

            body.Append("</fieldset>");
        }
        body.Append("<button type=\"submit\" name=\"decision\" value=\"grant\" data-testid=\"consent-grant\">Предоставить</button> ");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\" data-testid=\"consent-deny\">Отказать</button></form>");
        return Layout("Предоставление прав доступа — MockEsia", body.ToString());
    }

    /// <summary>The error page: ESIA's code and text, and MockEsia's diagnosis.</summary>
    public static string Error(Refusal refusal)
    {
        var body = new StringBuilder();
        body.Append("<h1 data-testid=\"error-title\">Ошибка</h1>");
        body.Append($"<p data-testid=\"error-code\">{E(refusal.Error.Code)}</p>");
        body.Append($"<p data-testid=\"error-description\">{E(refusal.Error.Russian)}</p>");
        // The person reads ESIA's code and text in Russian, and what MockEsia's check found wrong (RefusalChecks); the
        // detail is for the app's developer and stays in English, marked as such (lang="en") so that a reader and a
        // screen reader know it.
        body.Append("<section class=\"diagnostic\"><h2>Диагностика MockEsia</h2><p data-testid=\"diagnostic-note\">Для разработчика информационной системы; подробности диагноза приводятся на английском языке.</p><dl>");
        body.Append($"<dt>Что не так</dt><dd data-testid=\"diagnostic-summary\">{E(RefusalChecks.Russian(refusal.Check) ?? "запрос отклонён проверкой MockEsia")}</dd>");
        body.Append($"<dt>Проверка</dt><dd lang=\"en\" data-testid=\"diagnostic-check\">{E(refusal.Check)}</dd>");
        if (refusal.Parameter is not null)
        {
            body.Append($"<dt>Параметр</dt><dd lang=\"en\" data-testid=\"diagnostic-parameter\">{E(refusal.Parameter)}</dd>");
        }

        body.Append($"<dt>Причина</dt><dd lang=\"en\" data-testid=\"diagnostic-why\">{E(refusal.Why)}</dd>");
        if (refusal.Fix is not null)
        {
            body.Append($"<dt>Как исправить</dt><dd lang=\"en\" data-testid=\"diagnostic-fix\">{E(refusal.Fix)}</dd>");
        }

        body.Append($"<dt>На проводе</dt><dd lang=\"en\" data-testid=\"diagnostic-wire\">error={E(refusal.Error.OAuthError)}, error_description={E(refusal.Description)}</dd></dl></section>");
        return Layout("Ошибка — MockEsia", body.ToString());
    }

    /// <summary>Shown after logout when the return address is not on a registered domain.</summary>
    public static string LoggedOut() =>
        Layout("Выход — MockEsia", "<h1 data-testid=\"logout-title\">Вы вышли из Госуслуг</h1><p data-testid=\"logout-message\">Сеанс единого входа завершён.</p>");

    /// <summary>A wide page for tables (the start page): the same header and style, no width limit for the content.</summary>
    public static string Wide(string title, string body) => Layout(title, body, wide: true);

    private static string Layout(string title, string body, bool wide = false) => $$"""
        <!DOCTYPE html>
        <html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}}</title>
        <style>
        body{font-family:Arial,Helvetica,sans-serif;margin:0;background:#f5f7fa;color:#0b1f33}
        header{background:#0d4cd3;color:#fff;padding:12px 24px;font-weight:bold}
        main{max-width:{{(wide ? 1280 : 720)}}px;margin:24px auto;background:#fff;padding:24px 32px;border-radius:8px}
        button{background:#0d4cd3;color:#fff;border:0;border-radius:6px;padding:10px 18px;margin:4px 0;cursor:pointer;font-size:15px}
        button.secondary{background:#e4ecfd;color:#0d4cd3}
        input{padding:8px;margin:4px 0 12px;width:100%;max-width:360px}
        .muted{color:#66727f;font-size:13px}.error{color:#b00020}.people{list-style:none;padding:0}
        .diagnostic{background:#fff8e1;padding:8px 16px;border-radius:6px}dt{font-weight:bold}dd{margin:0 0 8px}
        table{border-collapse:collapse;width:100%;margin:8px 0}td,th{border:1px solid #dde3ea;padding:4px 6px;text-align:left;vertical-align:top;font-size:13px}
        code{word-break:break-all}pre{background:#f5f7fa;padding:8px;overflow-x:auto}
        </style></head>
        <body><header data-testid="header">ЕСИА · MockEsia (тестовый двойник)</header><main>{{body}}</main></body></html>
        """;
}
