using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Conformance.Specs.Harness;
using Conformance.Specs.Runtime;

namespace Conformance.Specs.Reports;

/// <summary>What the pack says about the run: ready for submission or not, and why not.</summary>
/// <param name="Ready">True when every mandatory scenario passed (none failed, none inconclusive, no harness error) and no app certificate has expired.</param>
/// <param name="Blocking">The mandatory scenarios that did not pass.</param>
/// <param name="Folder">The pack's folder.</param>
/// <param name="Zip">The zip of the folder.</param>
/// <param name="ExpiredCertificates">The app's certificates that were expired (or not yet valid) at the run.</param>
public sealed record ApprovalVerdict(bool Ready, IReadOnlyList<ScenarioResult> Blocking, string Folder, string Zip, IReadOnlyList<AppCertificate> ExpiredCertificates);

/// <summary>
/// The approval evidence pack: a self-contained Russian HTML page (system, conditions, summary, one section per
/// scenario with the requests, checks, signed strings and a sequence diagram), machine-readable evidence per scenario,
/// and a manifest of SHA-256 hashes; zipped. Labelled honestly as the integrator's own evidence from a mock.
/// </summary>
public static class ApprovalPack
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Scenarios whose verdict depends on ESIA behaviour the protocol reference marks unconfirmed.</summary>
    public static IReadOnlyDictionary<string, string> Unconfirmed { get; } = new Dictionary<string, string>
    {
        ["ESIA-C04"] = "Повторное использование state на точке te реальной ЕСИА, по-видимому, не проверяется (справочник §5.1).",
        ["ESIA-C30"] = "Подписываемая строка запроса refresh_token реальной ЕСИА не подтверждена (справочник §5.3).",
        ["ESIA-C31"] = "Срок жизни и отзыв прежнего маркера обновления в реальной ЕСИА не подтверждены (справочник §5.3, §5.5).",
        ["ESIA-C32"] = "Подписываемая строка запроса refresh_token реальной ЕСИА не подтверждена (справочник §5.3).",
        ["ESIA-C33"] = "Подписываемая строка запроса refresh_token реальной ЕСИА не подтверждена (справочник §5.3).",
        ["ESIA-C40"] = "Проверка redirect_url при выходе по зарегистрированному домену известна лишь частично (справочник §9).",
        ["ESIA-C12"] = "Сопоставление redirect_uri в реальной ЕСИА, по-видимому, выполняется по домену (справочник §3.3).",
    };

    /// <summary>
    /// Writes the pack into <paramref name="folder"/> and <c>folder.zip</c>; with <paramref name="driftReport"/> (a
    /// <c>drift-report.json</c> read with <see cref="DriftSummary.Read"/>), the pack carries it and links it.
    /// </summary>
    public static ApprovalVerdict Write(RunResult run, TargetApp target, string folder, string? driftReport = null)
    {
        var drift = driftReport is null ? null : DriftSummary.Read(driftReport);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(folder, "evidence"));
        var blocking = run.Scenarios.Where(s => s.Level == "mandatory" && s.Outcome != Outcome.Passed).ToArray();
        var certificates = AppCertificates.Of(target, run.Started);
        var expired = certificates.Where(c => c.Expired).ToArray();
        foreach (var scenario in run.Scenarios)
        {
            File.WriteAllText(Path.Combine(folder, "evidence", scenario.Id + ".json"), JsonSerializer.Serialize(scenario, HarnessJson.Report));
        }

        if (driftReport is not null)
        {
            File.Copy(driftReport, Path.Combine(folder, DriftFile));
        }

        File.WriteAllText(Path.Combine(folder, "index.html"), Page(run, target, certificates, blocking, expired, drift));
        WriteManifest(folder);
        var zip = folder.TrimEnd(Path.DirectorySeparatorChar) + ".zip";
        File.Delete(zip);
        ZipFile.CreateFromDirectory(folder, zip);
        return new ApprovalVerdict(blocking.Length == 0 && expired.Length == 0, blocking, folder, zip, expired);
    }

    /// <summary>Checks a pack folder against its manifest; returns the files whose hash differs (empty when intact).</summary>
    public static IReadOnlyList<string> Verify(string folder)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        var changed = new List<string>();
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateObject())
        {
            var path = Path.Combine(folder, file.Name);
            if (!File.Exists(path) || Sha256(File.ReadAllBytes(path)) != file.Value.GetString())
            {
                changed.Add(file.Name);
            }
        }

        return changed;
    }

    private static void WriteManifest(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => f != "manifest.json")
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => f, f => Sha256(File.ReadAllBytes(Path.Combine(folder, f))), StringComparer.Ordinal);
        var set = Sha256(Encoding.UTF8.GetBytes(string.Join('\n', files.Select(kv => $"{kv.Value}  {kv.Key}"))));
        File.WriteAllText(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(new
        {
            algorithm = "SHA-256",
            set,
            setRule = "SHA-256 of the lines '<hash>  <path>' of every file, sorted by path, joined with \\n",
            files,
        }, HarnessJson.Report));
    }

    private static string Sha256(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    private static string E(string? text) => Html.Encode(text ?? "");

    private const string DriftFile = "drift-report.json";

    private static string Page(RunResult run, TargetApp target, IReadOnlyList<AppCertificate> certificates, IReadOnlyList<ScenarioResult> blocking, IReadOnlyList<AppCertificate> expired,
        DriftSummary? drift)
    {
        var b = new StringBuilder();
        var ready = blocking.Count == 0 && expired.Count == 0;
        b.Append("<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Пакет доказательств интеграции с ЕСИА</title><style>");
        b.Append("body{font-family:Arial,Helvetica,sans-serif;margin:24px;color:#0b1f33;max-width:1100px}h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccd}");
        b.Append("table{border-collapse:collapse;width:100%;margin:8px 0}td,th{border:1px solid #ccd;padding:4px 6px;text-align:left;vertical-align:top;font-size:13px}");
        b.Append(".passed{color:#1a7f37}.failed{color:#b00020}.inconclusive,.harnesserror,.unconfirmed{color:#8a6d00}.banner{padding:12px;border-radius:6px;margin:12px 0;font-weight:bold}");
        b.Append(".notready{background:#fde7ea;border:2px solid #b00020}.ready{background:#e6f4ea;border:2px solid #1a7f37}.muted{color:#66727f;font-size:12px}");
        b.Append("code{word-break:break-all;font-size:12px}section.scenario{page-break-inside:avoid}@media print{a{color:inherit}}</style></head><body>");
        b.Append("<h1 data-testid=\"pack-title\">Пакет доказательств тестирования интеграции с ЕСИА</h1>");
        b.Append("<p data-testid=\"pack-disclaimer\">Собственные доказательства интегратора, полученные на имитаторе ЕСИА (MockEsia) с помощью набора проверок соответствия. ");
        b.Append("Это не приёмка оператора ЕСИА: официального шаблона отчёта об испытаниях не существует. Структура разделов повторяет поля сообщения об инциденте API ЕПГУ ");
        b.Append("(мнемоника, client_id, среда, время запросов и выдачи маркеров, полный запрос, обезличенные значения, анализ и выполненные проверки).</p>");
        b.Append(Banner(ready, blocking, expired, "pack"));

        b.Append("<h2>Информационная система</h2><table data-testid=\"pack-system\">");
        var used = UsedProtocol.Of(run, [.. certificates.Select(c => c.Certificate)]);
        CodeRow(b, "Мнемоника (client_id)", target.ClientId);
        CodeRow(b, "Наименование", target.Name);
        foreach (var (certificate, judged) in certificates.Select(c => (c.Certificate, c)))
        {
            CodeRow(b, "Сертификат: субъект", certificate.Subject);
            CodeRow(b, "Сертификат: издатель", certificate.Issuer);
            Row(b, "Сертификат: срок действия", $"{certificate.NotBefore:yyyy-MM-dd HH:mm} — {certificate.NotAfter:yyyy-MM-dd HH:mm} UTC; {judged.Russian}");
            Row(b, "client_certificate_hash (ГОСТ Р 34.11-2012, 256)", used.SentCertificateHash ? certificate.Streebog256Hex : "приложение его не передавало (запросы v1 без этого параметра)");
            Row(b, "Алгоритм ключа", certificate.KeyAlgorithm.ToString());
        }

        CodeRow(b, "Адреса возврата (redirect_uri)", string.Join(", ", target.RedirectUris));
        ListRow(b, "Запрошенные области доступа (scope)", used.Scopes, "запросов авторизации не было");
        ListRow(b, "Использованные точки ЕСИА", used.Endpoints, "обращений к ЕСИА не было");
        Row(b, "Подпись запросов (client_secret)", used.Signatures.Count == 0 ? "не наблюдалась" : string.Join("; ", used.Signatures));
        Row(b, "Профиль подписи обновления маркера (refresh)", used.RefreshProfiles.Count == 0 ? "обновления не было"
            : string.Join("; ", used.RefreshProfiles) + ". Какую строку подписи ожидает реальная ЕСИА, не подтверждено (справочник §5.3); приложение следует указанному профилю.");
        Row(b, "Алгоритм подписи маркеров (сторона ЕСИА: так MockEsia подписывал маркеры для этой ИС)", target.TokenAlgorithm == "RS256" ? "RS256 (RSA)" : "GOST3410_2012_256 (ГОСТ Р 34.10-2012)");
        b.Append("</table>");

        b.Append("<h2>Оператор ИС (для заявки)</h2><table data-testid=\"pack-operator\">");
        var op = target.Operator;
        Row(b, "Полное наименование", op?.Name ?? "не указано");
        Row(b, "ОГРН", op?.Ogrn ?? "не указано");
        Row(b, "ИНН", op?.Inn ?? "не указано");
        Row(b, "Тип организации", op?.Type ?? "не указано");
        CodeRow(b, "Зарегистрированные домены", op is { Domains.Count: > 0 } ? string.Join(", ", op.Domains) : string.Join(", ", target.RedirectUris.Select(u => new Uri(u).Host).Distinct()));
        b.Append("</table>");

        b.Append("<h2>Условия испытаний</h2><table>");
        Row(b, "Дата и время", run.Started.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC");
        Row(b, "Среда", $"MockEsia (имитатор ЕСИА) {Version(typeof(AdminPaths))}, издатель маркеров тестовой среды");
        Row(b, "Средство проверки", $"набор проверок соответствия MockEsia.Conformance {Version(typeof(ApprovalPack))}");
        CodeRow(b, "Приложение", target.BaseUrl);
        Row(b, "Длительность", $"{run.Duration.TotalSeconds:0.0} с");
        b.Append("</table>");

        b.Append("<h2>Сводка</h2><table data-testid=\"pack-summary\"><tr><th>Сценарий</th><th>Название</th><th>Уровень</th><th>Результат</th></tr>");
        foreach (var s in run.Scenarios)
        {
            b.Append($"<tr data-testid=\"summary-{E(s.Id)}\"><td>{E(s.Id)}</td><td>{E(RussianSteps.Title(s.Title, s.Reading))}</td><td>{(s.Level == "mandatory" ? "обязательный" : "рекомендуемый")}</td>");
            b.Append($"<td class=\"{s.Outcome.ToString().ToLowerInvariant()}\" data-testid=\"outcome-{E(s.Id)}\">{Russian(s.Outcome)}</td></tr>");
        }

        b.Append($"</table><p>Пройдено: {run.Passed}, не пройдено: {run.Failed}, результат не определён: {run.Inconclusive}, ошибок средства проверки: {run.HarnessErrors}.</p>");

        var epgu = run.Scenarios.Where(s => s.Tags.Contains(Runtime.FeatureRunner.EpguTag)).ToArray();
        if (epgu.Length > 0)
        {
            b.Append(EpguSection(epgu, target));
        }

        foreach (var s in run.Scenarios)
        {
            b.Append($"<section class=\"scenario\" data-testid=\"scenario-{E(s.Id)}\"><h2>{E(s.Id)}. {E(RussianSteps.Title(s.Title, s.Reading))}</h2>");
            b.Append(Banner(ready, blocking, expired, $"scenario-{s.Id}"));
            b.Append($"<p>Результат: <b class=\"{s.Outcome.ToString().ToLowerInvariant()}\">{Russian(s.Outcome)}</b>{(s.Message is null ? "" : " — " + Said(s.RussianMessage, s.Message))}</p>");
            if (s.Diagnosis is not null)
            {
                b.Append($"<p data-testid=\"diagnosis-{E(s.Id)}\">Диагноз MockEsia: {E(s.RussianDiagnosis ?? "см. оригинал")}.</p>");
                b.Append($"<p class=\"muted\">Оригинал диагноза для разработчика: <span lang=\"en\">{E(s.Diagnosis)}</span></p>");
            }

            if (Unconfirmed.TryGetValue(s.CatalogueId, out var note))
            {
                b.Append($"<p class=\"unconfirmed\">Поведение реальной ЕСИА не подтверждено: {E(note)}</p>");
            }

            b.Append("<h3>Что проверялось</h3><ol>");
            foreach (var step in s.Steps)
            {
                b.Append(RussianSteps.TryTranslate(step) is { } russian ? $"<li>{E(russian)}</li>" : $"<li>шаг без перевода (собственный шаг интегратора): <span lang=\"en\">{E(step)}</span></li>");
            }

            b.Append("</ol><ul>");
            var checks = s.RussianChecks.Count == s.Checks.Count ? s.RussianChecks.Select(c => $"<li>{E(c)}</li>") : s.Checks.Select(c => $"<li lang=\"en\">{E(c)}</li>");
            foreach (var check in checks)
            {
                b.Append(check);
            }

            b.Append("</ul><h3>Последовательность</h3>").Append(Diagram(s, target));
            b.Append("<h3>Запросы приложения к ЕСИА</h3>");
            foreach (var entry in s.Journal)
            {
                b.Append(Entry(entry));
            }

            b.Append("</section>");
        }

        if (drift is not null)
        {
            b.Append(DriftSection(drift));
        }

        b.Append("<h2>Не покрывается этим пакетом</h2><ul data-testid=\"pack-not-covered\">");
        foreach (var item in new[]
        {
            "аттестация информационной системы по требованиям защиты информации;",
            "класс сертифицированного СКЗИ (КС3 для новых подключений) и его применение;",
            "оценка влияния на СКЗИ (ФСБ России), срок — до 31.12.2026;",
            "использование типового технического решения или шлюзового модуля (API-шлюза);",
            "приём сертификата и регистрации ИС реальной ЕСИА (проверяется только в тестовой среде ЕСИА).",
        })
        {
            b.Append($"<li>{E(item)}</li>");
        }

        b.Append("</ul><p class=\"muted\">Маркеры, коды и подписи сокращены до первых и последних символов; закрытые ключи в пакет не попадают. Целостность: manifest.json (SHA-256 каждого файла и всего набора).</p></body></html>");
        return b.ToString();
    }

    // The drift report given with --drift: where it was watched, and never "no difference" without a comparison.
    private static string DriftSection(DriftSummary d)
    {
        var b = new StringBuilder("<section data-testid=\"pack-drift\"><h2>Наблюдение за изменениями ЕСИА (прокси сверки MockEsia)</h2><table>");
        Row(b, "Наблюдаемая ЕСИА", d.Upstream);
        Row(b, "Начало наблюдения", d.Started);
        Row(b, "Переслано обменов", d.Exchanges.ToString(CultureInfo.InvariantCulture));
        Row(b, "Сравнено с ответами MockEsia", d.Compared.ToString(CultureInfo.InvariantCulture));
        Row(b, "Без ответа ЕСИА (не сравнивались)", d.Failed.ToString(CultureInfo.InvariantCulture));
        Row(b, "Расхождений", d.Compared == 0 ? "не определено: сравнений не было" : d.Differences.ToString(CultureInfo.InvariantCulture));
        b.Append($"</table><p>Отчёт целиком (коды, маркеры и персональные данные замаскированы): <a href=\"{DriftFile}\" data-testid=\"drift-link\">{DriftFile}</a>.</p></section>");
        return b.ToString();
    }

    // The verdict at the top of the pack ("pack-ready") and again atop each scenario's section, each with an id of its own.
    private static string Banner(bool ready, IReadOnlyList<ScenarioResult> blocking, IReadOnlyList<AppCertificate> expired, string where) => ready
        ? $"<div class=\"banner ready\" data-testid=\"{E(where)}-ready\">Все обязательные сценарии пройдены.</div>"
        : $"<div class=\"banner notready\" data-testid=\"{E(where)}-not-ready\">Не готово к подаче."
          + (blocking.Count == 0 ? "" : " Не пройдены обязательные сценарии: " + string.Join(", ", blocking.Select(s => $"{E(s.Id)} ({Russian(s.Outcome)})")) + ".")
          + string.Concat(expired.Select(c => $" Сертификат ИС «{E(c.Certificate.Subject)}»: {E(c.Russian)}."))
          + "</div>";

    private static string Russian(Outcome outcome) => outcome switch
    {
        Runtime.Outcome.Passed => "пройден",
        Runtime.Outcome.Failed => "не пройден",
        Runtime.Outcome.Inconclusive => "результат не определён",
        _ => "ошибка средства проверки",
    };

    private static void Row(StringBuilder b, string name, string value) => b.Append($"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>");

    // A row whose value is data (a parameter's value, a fault's description): shown as code, not read as prose.
    private static void CodeRow(StringBuilder b, string name, string value) => b.Append($"<tr><th>{E(name)}</th><td><code>{E(value)}</code></td></tr>");

    // A row of data items (shown as code), or the words for none.
    private static void ListRow(StringBuilder b, string name, IReadOnlyList<string> items, string none)
    {
        if (items.Count == 0)
        {
            Row(b, name, none);
        }
        else
        {
            CodeRow(b, name, string.Join(", ", items));
        }
    }

    // A row in Russian with MockEsia's English original after it, for the developer.
    private static void TranslatedRow(StringBuilder b, string name, string russian, string english) =>
        b.Append($"<tr><th>{E(name)}</th><td>{E(russian)}<br><span class=\"muted\" lang=\"en\">{E(english)}</span></td></tr>");

    private static string Why(ScenarioResult s) => (s.RussianDiagnosis ?? s.RussianMessage) is { } why ? E(why) : s.Message is { } message ? Said(null, message) : "—";

    // The harness's message in Russian; without one (an integrator's own step), the English marked as such.
    private static string Said(string? russian, string english) => russian is not null ? E(russian) : $"<span lang=\"en\">{E(english)}</span>";

    private static string Version(Type type) => type.Assembly.GetName().Version?.ToString(3) ?? "?";

    private static string? Text(JsonElement entry, string name) => entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Entry(JsonElement entry)
    {
        var b = new StringBuilder("<table class=\"entry\">");
        var error = entry.GetProperty("errorCode").ValueKind == JsonValueKind.String ? entry.GetProperty("errorCode").GetString() : null;
        Row(b, "Время (UTC / имитатора)", $"{entry.GetProperty("realTime").GetDateTimeOffset():HH:mm:ss.fff} / {entry.GetProperty("virtualTime").GetDateTimeOffset():yyyy-MM-dd HH:mm:ss}");
        CodeRow(b, "Запрос", $"{entry.GetProperty("method").GetString()} {entry.GetProperty("path").GetString()}");
        foreach (var p in entry.GetProperty("parameters").EnumerateObject())
        {
            b.Append($"<tr><th><code>{E(p.Name)}</code></th><td><code>{E(p.Value.GetString())}</code></td></tr>");
        }

        Row(b, "Ответ", $"HTTP {entry.GetProperty("status").GetInt32()}{(error is null ? "" : " " + error)}");
        foreach (var check in entry.GetProperty("checks").EnumerateArray())
        {
            var name = check.GetProperty("name").GetString() ?? "";
            var passed = check.GetProperty("passed").GetBoolean();
            TranslatedRow(b, $"Проверка {name}", $"{(passed ? "✓" : "✗")} {RussianDiagnoses.JournalCheck(name, passed)}", check.GetProperty("detail").GetString() ?? "");
        }

        if (Text(entry, "diagnostic") is { } diagnostic)
        {
            TranslatedRow(b, "Диагноз", RussianDiagnoses.Diagnostic(entry.GetProperty("endpoint").GetString() ?? "", error, entry.GetProperty("status").GetInt32(), diagnostic), diagnostic);
        }

        if (Text(entry, "doctor") is { } doctor)
        {
            TranslatedRow(b, "Доктор подписи", RussianDiagnoses.Doctor(doctor), doctor);
        }

        if (Text(entry, "fault") is { } fault)
        {
            CodeRow(b, "Внедрённая неисправность", fault);
        }

        return b.Append("</table>").ToString();
    }

    /// <summary>
    /// The «API ЕПГУ» section: the service the app applied for, each scenario's verdict with MockEsia's diagnosis, and the
    /// life of one order (the app's calls and the statuses the order went through) as a sequence diagram.
    /// </summary>
    private static string EpguSection(IReadOnlyList<ScenarioResult> scenarios, TargetApp target)
    {
        var b = new StringBuilder("<section data-testid=\"pack-epgu\"><h2>API ЕПГУ (подача заявлений)</h2><table>");
        Row(b, "Услуга (код формы)", target.Epgu?.ServiceCode ?? "—");
        Row(b, "Страница подачи заявления", target.Epgu?.SubmitPath ?? "—");
        Row(b, "Заявленный интервал опроса статуса", target.Epgu is { } e ? $"{e.PollIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} с" : "—");
        b.Append("</table><table data-testid=\"pack-epgu-verdicts\"><tr><th>Сценарий</th><th>Название</th><th>Результат</th><th>Диагноз MockEsia</th></tr>");
        foreach (var s in scenarios)
        {
            b.Append($"<tr><td>{E(s.Id)}</td><td>{E(RussianSteps.Title(s.Title, s.Reading))}</td><td class=\"{s.Outcome.ToString().ToLowerInvariant()}\">{Russian(s.Outcome)}</td><td>{Why(s)}</td></tr>");
        }

        b.Append("</table>");
        if (scenarios.FirstOrDefault(s => s.Order is not null && s.Outcome == Runtime.Outcome.Passed) is { Order: { } order } life)
        {
            b.Append($"<h3>Жизнь одного заявления ({E(life.Id)}, заявление {order.OrderId})</h3>").Append(OrderDiagram(life, order));
        }

        return b.Append("</section>").ToString();
    }

    /// <summary>One order's life: the app's calls to API ЕПГУ and the statuses the order reached, in MockEsia's time.</summary>
    private static string OrderDiagram(ScenarioResult s, EpguOrderSummary order)
    {
        var events = new List<(DateTimeOffset At, int From, int To, string Label)>();
        foreach (var entry in s.Journal.Where(e => EndpointNames.IsEpgu(e.GetProperty("endpoint").GetString() ?? "")))
        {
            var error = entry.GetProperty("errorCode").ValueKind == JsonValueKind.String ? " " + entry.GetProperty("errorCode").GetString() : "";
            events.Add((entry.GetProperty("virtualTime").GetDateTimeOffset(), 0, 1, $"{entry.GetProperty("method").GetString()} {entry.GetProperty("path").GetString()} → {entry.GetProperty("status").GetInt32()}{error}"));
        }

        foreach (var status in order.Statuses)
        {
            events.Add((status.Date, 2, 2, $"статус {status.StatusId} «{status.Title}»"));
        }

        if (order.Files.Any(f => f.ObjectType == 3))
        {
            events.Add((order.Statuses.LastOrDefault()?.Date ?? DateTimeOffset.MaxValue, 2, 1, "результат: " + string.Join(", ", order.Files.Where(f => f.ObjectType == 3).Select(f => f.Name))));
        }

        events.Sort((a, b) => a.At.CompareTo(b.At));
        return Svg($"order-{order.OrderId}", ["Приложение", "API ЕПГУ (MockEsia)", "Ведомство"], events.Select(e => (e.From, e.To, e.Label, false)).ToArray());
    }

    private static string Svg(string id, string[] names, IReadOnlyList<(int From, int To, string Label, bool Fault)> events)
    {
        int[] x = [90, 420, 750];
        var height = 70 + (events.Count * 26);
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"860\" height=\"{height}\" role=\"img\" aria-label=\"Последовательность {E(id)}\" data-testid=\"diagram-{E(id)}\" font-family=\"Arial\" font-size=\"11\">");
        for (var i = 0; i < 3; i++)
        {
            svg.Append($"<rect x=\"{x[i] - 70}\" y=\"8\" width=\"140\" height=\"26\" rx=\"4\" fill=\"#e4ecfd\" stroke=\"#0d4cd3\"/><text x=\"{x[i]}\" y=\"25\" text-anchor=\"middle\">{names[i]}</text>");
            svg.Append($"<line x1=\"{x[i]}\" y1=\"34\" x2=\"{x[i]}\" y2=\"{height - 6}\" stroke=\"#99a\" stroke-dasharray=\"4 3\"/>");
        }

        var y = 56;
        foreach (var (from, to, label, fault) in events)
        {
            var color = fault ? "#b00020" : "#0b1f33";
            var text = Shortened(label);
            if (from == to)
            {
                svg.Append($"<circle cx=\"{x[to]}\" cy=\"{y - 4}\" r=\"5\" fill=\"{color}\"/><text x=\"{x[to] - 10}\" y=\"{y - 8}\" text-anchor=\"end\" fill=\"{color}\">{E(text)}</text>");
            }
            else
            {
                var dir = to > from ? -8 : 8;
                svg.Append($"<line x1=\"{x[from]}\" y1=\"{y}\" x2=\"{x[to]}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"{(fault ? 2 : 1)}\"/>");
                svg.Append($"<polygon points=\"{x[to]},{y} {x[to] + dir},{y - 4} {x[to] + dir},{y + 4}\" fill=\"{color}\"/>");
                svg.Append($"<text x=\"{(x[from] + x[to]) / 2}\" y=\"{y - 4}\" text-anchor=\"middle\" fill=\"{color}\">{E(text)}</text>");
            }

            y += 26;
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The scenario as a sequence diagram (inline SVG): browser, app, MockEsia; faults in red.</summary>
    private static string Diagram(ScenarioResult s, TargetApp target)
    {
        var app = new Uri(target.BaseUrl).Authority;
        var events = new List<(DateTimeOffset At, int From, int To, string Label, bool Fault)>();
        foreach (var hop in s.Trace)
        {
            events.Add((hop.At, 0, hop.Authority == app ? 1 : 2, $"{hop.Method} {PathOf(hop.Url)} → {hop.Status}", false));
        }

        foreach (var entry in s.Journal)
        {
            var endpoint = entry.GetProperty("endpoint").GetString();
            var fault = entry.TryGetProperty("fault", out var f) && f.ValueKind == JsonValueKind.String;
            var at = entry.GetProperty("realTime").GetDateTimeOffset();
            if (endpoint is EndpointNames.TokenV3 or EndpointNames.TokenV1 or EndpointNames.Rest || EndpointNames.IsEpgu(endpoint ?? ""))
            {
                events.Add((at, 1, 2, $"{entry.GetProperty("method").GetString()} {entry.GetProperty("path").GetString()} → {entry.GetProperty("status").GetInt32()}{(fault ? " ⚡ " + FaultLabel(f.GetString()) : "")}", fault));
            }
            else if (fault)
            {
                events.Add((at, 2, 2, "⚡ " + FaultLabel(f.GetString()), true));
            }
        }

        events.Sort((a, b) => a.At.CompareTo(b.At));
        return Svg(s.Id, ["Браузер", "Приложение", "MockEsia (ЕСИА, API ЕПГУ)"], events.Select(e => (e.From, e.To, e.Label, e.Fault)).ToArray());
    }

    // A diagram label of at most 70 characters, cut between words (a cut identifier would read as a word).
    private static string Shortened(string label) =>
        label.Length <= 70 ? label : label[..(label.LastIndexOf(' ', 66) is > 40 and var cut ? cut : 67)] + " …";

    // A fault's description (Fault.Describe: "f3: Epgu/Unauthorized on epgu/push") as a diagram label, its words in Russian.
    private static string FaultLabel(string? description) => (description ?? "").Replace(" on ", ", операция ", StringComparison.Ordinal);

    private static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsolutePath + (u.Query.Length > 30 ? "?…" : u.Query) : url;
}
