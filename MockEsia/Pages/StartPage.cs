using System.Text;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using MockEsia.Clients;
using static MockEsia.Pages.HtmlPages;

namespace MockEsia.Pages;

/// <summary>What the start page shows: the server, its keys, the registered systems and the test people.</summary>
/// <param name="Version">MockEsia's version.</param>
/// <param name="BaseUrl">The base URL the request came in on.</param>
/// <param name="Issuer">The tokens' <c>iss</c>.</param>
/// <param name="Keys">The published signing certificates with their file names.</param>
/// <param name="Clients">The registered systems.</param>
/// <param name="People">The test people.</param>
/// <param name="Now">MockEsia's time, for the certificate upkeep warnings.</param>
/// <param name="Problems">The configuration files that could not be loaded.</param>
internal sealed record StartPageModel(string Version, string BaseUrl, string Issuer, IReadOnlyList<(string FileName, EsiaCertificate Certificate)> Keys,
    IReadOnlyList<ClientRegistration> Clients, IReadOnlyList<Person> People, DateTimeOffset Now, IReadOnlyList<ConfigurationProblem> Problems)
{
    /// <summary>API ЕПГУ's services.</summary>
    public IReadOnlyList<EpguServiceDefinition> EpguServices { get; init; } = [];
}

/// <summary>
/// <c>GET /</c>: an integrator's first page. What is running, ESIA's signing certificates with their hashes and
/// downloads, the registered systems, the test people with logins and passwords, links to the dashboard, journal and
/// OpenAPI, and a configuration to copy for <c>Esia.Client</c> and for a generic client. Russian first, English after.
/// </summary>
internal static class StartPage
{
    /// <summary>The configuration files that could not be loaded, each with the problem and the fix (nothing when all loaded).</summary>
    public static string NotLoaded(IReadOnlyList<ConfigurationProblem> problems) => problems.Count == 0 ? "" :
        "<h3 class=\"error\">Не загружено / not loaded</h3><ul data-testid=\"not-loaded\">"
        + string.Concat(problems.Select(p => $"<li class=\"error\" data-testid=\"not-loaded-{E(p.ClientId ?? Path.GetFileName(p.File))}\"><code>{E(p.File)}</code>: {E(p.Problem)} <b>Fix:</b> {E(p.Fix)}</li>"))
        + "</ul>";

    /// <summary>The page.</summary>
    public static string Render(StartPageModel m)
    {
        var b = new StringBuilder();
        b.Append("<h1 data-testid=\"start-title\">MockEsia — имитатор ЕСИА <span class=\"muted\">/ an offline twin of ESIA</span></h1>");
        b.Append($"<p>Версия / version <b data-testid=\"start-version\">{E(m.Version)}</b> · издатель маркеров / issuer <code data-testid=\"start-issuer\">{E(m.Issuer)}</code> · адрес / base URL <code>{E(m.BaseUrl)}</code></p>");
        b.Append("<p><a href=\"/__admin/ui\" data-testid=\"start-dashboard\">Панель управления / dashboard</a> · <a href=\"/__admin/journal\" data-testid=\"start-journal\">журнал (JSON) / journal</a> · ");
        b.Append("<a href=\"/__admin/openapi/admin.json\" data-testid=\"start-openapi\">OpenAPI</a> · <a href=\"/__admin/readings\">неизвестное поведение ЕСИА / both readings</a></p>");

        b.Append("<h2>Сертификаты подписи маркеров / token-signing certificates</h2><table data-testid=\"start-keys\"><tr><th>Файл / file</th><th>Субъект / subject</th><th>Действует / valid</th><th>SHA-256</th><th>Скачать / download</th></tr>");
        foreach (var (file, cert) in m.Keys)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            b.Append($"<tr data-testid=\"key-{E(name)}\"><td>{E(file)}</td><td>{E(cert.Subject)}</td><td>{cert.NotBefore:yyyy-MM-dd} — {cert.NotAfter:yyyy-MM-dd}</td><td><code>{E(cert.Sha256Hex)}</code></td>");
            b.Append($"<td><a href=\"/public/pem/{E(name)}.cer.pem\">PEM</a> · <a href=\"/public/pem/{E(name)}.pub.pem\">открытый ключ / public key</a></td></tr>");
        }

        b.Append("</table><p><a href=\"/public/esia.zip\" data-testid=\"start-zip\">esia.zip</a> (DER, как у ЕСИА / as ESIA ships them) · <a href=\"/public/esia.pem\" data-testid=\"start-pem-bundle\">esia.pem</a> (все сертификаты в PEM / every certificate as PEM)</p>");

        b.Append("<h2>Зарегистрированные системы / registered systems</h2><table data-testid=\"start-clients\"><tr><th>client_id</th><th>Сертификат / certificate</th><th>client_certificate_hash</th><th>redirect_uri</th><th>Переключатели / switches</th></tr>");
        foreach (var c in m.Clients.OrderBy(c => c.ClientId, StringComparer.Ordinal))
        {
            var cert = c.Certificates[0];
            b.Append($"<tr data-testid=\"client-{E(c.ClientId)}\"><td><b>{E(c.ClientId)}</b><br><span class=\"muted\">{E(c.Name)}</span></td>");
            b.Append($"<td>{E(cert.Subject)}<br><span class=\"muted\">{cert.NotBefore:yyyy-MM-dd} — {cert.NotAfter:yyyy-MM-dd}, {cert.KeyAlgorithm}</span>");
            if (CertificateUpkeep.Warning(cert, m.Now) is { } warning)
            {
                b.Append($"<br><span class=\"error\" data-testid=\"upkeep-{E(c.ClientId)}\">Внимание / warning: {E(warning)}</span>");
            }

            b.Append("</td>");
            b.Append($"<td><code data-testid=\"hash-{E(c.ClientId)}\">{E(cert.Streebog256Hex)}</code></td><td>{E(string.Join(", ", c.RedirectUris.Select(u => u.OriginalString)))}</td><td>{E(Switches(c))}</td></tr>");
        }

        b.Append("</table>");
        b.Append(NotLoaded(m.Problems));
        b.Append("<h2>Тестовые пользователи / test people</h2><table data-testid=\"start-people\"><tr><th>oid</th><th>ФИО / name</th><th>Логин / login</th><th>Эл. почта / e-mail</th><th>Пароль / password</th></tr>");
        foreach (var p in m.People.Where(p => p.Login is not null).Take(10))
        {
            var email = p.Contacts.FirstOrDefault(c => c.Type == "EML")?.Value;
            b.Append($"<tr data-testid=\"person-{p.Oid}\"><td>{p.Oid}</td><td>{E(p.FullName)}</td><td>{E(p.Login)}</td><td>{E(email)}</td><td><code>{E(p.Password)}</code></td></tr>");
        }

        b.Append($"</table><p class=\"muted\">Всего {m.People.Count}; страница входа показывает всех, вход одним щелчком / {m.People.Count} in all; the login page lists everyone, one click signs in.</p>");
        b.Append("<h2>API ЕПГУ: услуги / services</h2><p class=\"muted\">POST /api/gusmev/order, /push, /push/chunked, /order/{orderId}, /order/{orderId}/cancel; " +
            "GET /api/gusmev/order/getOrdersStatus, /getUpdatedAfter; POST /api/nsi/v1/dictionary/{code}; загрузка файлов / downloads (docs/epgu.md)</p>");
        b.Append("<table data-testid=\"start-epgu-services\"><tr><th>serviceCode</th><th>targetCode</th><th>Услуга / service</th><th>Заявители / applicants</th><th>Системы / systems</th></tr>");
        foreach (var service in m.EpguServices)
        {
            var granted = m.Clients.Where(c => c.EpguServices.Contains(service.Code)).Select(c => c.ClientId);
            b.Append($"<tr data-testid=\"epgu-service-{E(service.Code)}\"><td><code>{E(service.Code)}</code></td><td><code>{E(service.TargetCode)}</code></td><td>{E(service.Name)}</td>" +
                $"<td>{E(string.Join(", ", service.ApplicantTypes))}</td><td>{E(string.Join(", ", granted))}</td></tr>");
        }

        b.Append("</table>");
        var sys = m.Clients.FirstOrDefault(c => c.ClientId == "MOCKSYS") ?? m.Clients.FirstOrDefault();
        b.Append("<h2>Настройки для копирования / configuration to copy</h2>");
        b.Append("<h3>Esia.Client (appsettings.json)</h3><pre data-testid=\"start-config-client\">");
        b.Append(E($$"""
            "Esia": {
              "Environment": "{{m.BaseUrl}}",
              "Issuer": "{{m.Issuer}}",
              "ClientId": "{{sys?.ClientId ?? "MYSYS"}}",
              "CertificatePath": "my-system.cer.pem",
              "KeyPath": "my-system.key.pem",
              "RedirectUri": "{{sys?.RedirectUris.FirstOrDefault()?.OriginalString ?? "https://my.example/signin-esia"}}",
              "Scope": "openid fullname email",
              "TrustedCertificates": [ "esia.pem" ]
            }
            """));
        b.Append("</pre><h3>Любой клиент / any client</h3><pre data-testid=\"start-config-generic\">");
        b.Append(E($$"""
            authorize      {{m.BaseUrl}}{{EsiaPaths.AuthorizeV2}}
            token          {{m.BaseUrl}}{{EsiaPaths.TokenV3}}
            person (REST)  {{m.BaseUrl}}{{EsiaPaths.Persons}}/{oid}
            logout         {{m.BaseUrl}}{{EsiaPaths.Logout}}?client_id=…&redirect_url=…
            certificates   {{m.BaseUrl}}{{EsiaPaths.Certificates}}  ({{m.BaseUrl}}/public/esia.pem as PEM)
            issuer         {{m.Issuer}}
            client_id      {{sys?.ClientId}}
            client_certificate_hash  {{sys?.Certificates[0].Streebog256Hex}}
            """));
        b.Append("</pre>");
        return Wide("MockEsia — имитатор ЕСИА", b.ToString());
    }

    private static string Switches(ClientRegistration c)
    {
        var on = new List<string> { $"redirect {c.RedirectMatching}", $"refresh {c.RefreshProfile}", $"tokens {c.TokenAlgorithm.JwtAlgorithm()}" };
        on.AddRange(new (bool On, string Name)[]
        {
            (c.AcceptV1SignatureOnV2, "acceptV1SignatureOnV2"), (c.AllowRsaClientKeys, "allowRsaClientKeys"), (c.StrictState, "strictState"),
            (c.StrictRedirectUriAtToken, "strictRedirectUriAtToken"), (c.HeadlessPersonOid is not null, $"headless {c.HeadlessPersonOid}"),
        }.Where(s => s.On).Select(s => s.Name));
        return string.Join(", ", on);
    }
}
