using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MockEsia.Pages;

namespace MockEsia.DriftWatch;

/// <summary>What an aspect of ESIA's behaviour is, where the reference describes it, and whether it documents it.</summary>
/// <param name="Section">The section of <c>esia-protocol.md</c> (MockEsia's protocol reference).</param>
/// <param name="Key">A stable name.</param>
/// <param name="Documented">False where the reference says ESIA's behaviour is unknown.</param>
/// <param name="Russian">What it is, in Russian.</param>
/// <param name="English">What it is, in English.</param>
internal sealed record Aspect(string Section, string Key, bool Documented, string Russian, string English)
{
    public static readonly Aspect TokenVerdict = new("5.1", "request.te", true, "Запрос te: принял бы его MockEsia", "te request: would MockEsia accept it");
    public static readonly Aspect CodeClaims = new("3.4", "code.claims", true, "Утверждения авторизационного кода", "authorization code claims");
    public static readonly Aspect TokenResponse = new("5.2", "te.response", true, "Ответ te: поля и их типы", "te answer: members and their types");
    public static readonly Aspect TokenError = new("7.1", "te.error", true, "Ошибка te: статус и поля", "te error: status and members");
    public static readonly Aspect ErrorCode = new("7.2", "te.error.code", true, "Код ошибки ESIA-0070xx на тот же запрос", "ESIA-0070xx code for the same request");
    public static readonly Aspect TokenHeader = new("6.1", "token.header", true, "Заголовок токена", "token header");
    public static readonly Aspect AccessClaims = new("6.2", "token.claims.access", true, "Утверждения маркера доступа", "access token claims");
    public static readonly Aspect IdClaims = new("6.3", "token.claims.id", true, "Утверждения id_token", "id_token claims");
    public static readonly Aspect Lifetimes = new("5.5", "token.lifetime", true, "Срок жизни маркеров (exp − iat)", "token lifetimes (exp − iat)");
    public static readonly Aspect RestPerson = new("8.4", "rest.person", true, "REST: поля сведений о человеке", "REST: person members");
    public static readonly Aspect RestHeaders = new("8.3", "rest.headers", true, "REST: заголовки ответа", "REST: answer headers");
    public static readonly Aspect RestError = new("7.1", "rest.error", false, "REST: тело ответа 401/403", "REST: body of a 401/403");
    public static readonly Aspect Certificates = new("1.2", EndpointNames.Certificates, true, "Состав /public/esia.zip", "contents of /public/esia.zip");
    public static readonly Aspect Logout = new("9", EndpointNames.Logout, true, "Выход: ответ /idp/ext/Logout", "logout: answer of /idp/ext/Logout");
}

/// <summary>One place where ESIA answered otherwise than MockEsia would, seen <see cref="Times"/> times.</summary>
internal sealed record Difference(Aspect Aspect, string What, string Esia, string MockEsia, int FirstExchange)
{
    public int Times { get; set; } = 1;

    public string MarkEnglish => Aspect.Documented ? "ESIA differs from the reference" : "the reference says unknown: here is one observation";

    public string MarkRussian => Aspect.Documented ? "ЕСИА расходится со справочником" : "справочник не знает: вот одно наблюдение";
}

/// <summary>MockEsia's verdict on one request of the app.</summary>
internal sealed record Verdict(int Exchange, string Endpoint, bool Accepted, string? Code, string? Diagnosis, int? UpstreamStatus, string? UpstreamCode);

/// <summary>The drift report: the exchanges (masked), MockEsia's verdicts on the app's requests, and the differences.</summary>
internal sealed class DriftReport
{
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _records = [];
    private readonly List<Verdict> _verdicts = [];
    private readonly List<Difference> _differences = [];
    private readonly List<JsonObject> _failures = [];
    private int _compared;

    public DriftReport(string upstream, DateTimeOffset started)
    {
        Upstream = upstream;
        Started = started;
    }

    public string Upstream { get; }

    public DateTimeOffset Started { get; }

    public IReadOnlyList<Difference> Differences
    {
        get
        {
            lock (_lock)
            {
                return [.. _differences];
            }
        }
    }

    public IReadOnlyList<Verdict> Verdicts
    {
        get
        {
            lock (_lock)
            {
                return [.. _verdicts];
            }
        }
    }

    public int Record(JsonObject record)
    {
        lock (_lock)
        {
            record["id"] = _records.Count + 1;
            _records.Add(record);
            return _records.Count;
        }
    }

    /// <summary>Adds a member to a record already kept.</summary>
    public void Annotate(int id, string name, string value)
    {
        lock (_lock)
        {
            _records[id - 1][name] = value;
        }
    }

    /// <summary>Counts an exchange whose answer was compared with MockEsia's (te, REST, esia.zip, logout).</summary>
    public void Compared()
    {
        lock (_lock)
        {
            _compared++;
        }
    }

    /// <summary>Keeps an exchange the upstream never answered (unreachable, or TLS it could not prove): nothing to compare.</summary>
    public void Failed(string method, string path, string reason)
    {
        lock (_lock)
        {
            _failures.Add(new JsonObject { ["method"] = method, ["path"] = Shapes.MaskedPath(path), ["reason"] = reason });
        }
    }

    /// <summary>
    /// The report in one line, never "no difference" without a comparison: how many exchanges were compared, how many
    /// failed, and the differences.
    /// </summary>
    public string Summary
    {
        get
        {
            var (compared, exchanges, failures, differences) = Counts;
            var failed = failures == 0 ? "" : $"; {failures} failed (the upstream did not answer), not compared";
            return compared == 0
                ? $"No comparison yet: {exchanges} exchange(s) forwarded, none of them compared{failed}. No difference can be reported without one."
                : $"{compared} exchange(s) compared of {exchanges} forwarded{failed}: {differences} difference(s).";
        }
    }

    public void Add(Verdict verdict)
    {
        lock (_lock)
        {
            _verdicts.Add(verdict);
        }
    }

    /// <summary>Adds a difference, or counts it again when the same one was seen before.</summary>
    public void Add(Difference difference)
    {
        lock (_lock)
        {
            if (_differences.FirstOrDefault(d => d.Aspect == difference.Aspect && d.What == difference.What && d.Esia == difference.Esia && d.MockEsia == difference.MockEsia) is { } seen)
            {
                seen.Times++;
                return;
            }

            _differences.Add(difference);
        }
    }

    public JsonObject ToJson()
    {
        lock (_lock)
        {
            return new JsonObject
            {
                ["upstream"] = Upstream,
                ["started"] = Started.ToString("O"),
                ["masked"] = "Codes, tokens, signatures and personal data are masked in these records: only shapes, member names, lengths and types are kept.",
                ["exchanges"] = _records.Count,
                ["compared"] = _compared,
                ["failedExchanges"] = _failures.Count,
                ["summary"] = Summary,
                ["failures"] = new JsonArray([.. _failures.Select(f => f.DeepClone())]),
                ["differences"] = new JsonArray([.. _differences.OrderBy(d => d.Aspect.Section, StringComparer.Ordinal).Select(d => (JsonNode)new JsonObject
                {
                    ["section"] = d.Aspect.Section,
                    ["aspect"] = d.Aspect.Key,
                    ["documented"] = d.Aspect.Documented,
                    ["mark"] = d.MarkEnglish,
                    ["what"] = d.What,
                    ["esia"] = d.Esia,
                    ["mockEsia"] = d.MockEsia,
                    ["firstExchange"] = d.FirstExchange,
                    ["times"] = d.Times,
                })]),
                ["verdicts"] = JsonSerializer.SerializeToNode(_verdicts, JsonOptions),
                ["records"] = new JsonArray([.. _records.Select(r => r.DeepClone())]),
            };
        }
    }

    /// <summary>The page (MockEsia's wide layout): differences grouped by the reference section they touch, then MockEsia's verdicts; Russian first.</summary>
    public string ToHtml()
    {
        static string E(string s) => HtmlPages.E(s);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var differences = Differences;
        var html = new StringBuilder()
            .Append("<h1>Расхождения ЕСИА и MockEsia <span class=\"muted\">/ Where ESIA and MockEsia disagree</span></h1>")
            .Append(invariant, $"<p>Upstream: <code>{E(Upstream)}</code>; с {Started:yyyy-MM-dd HH:mm:ss} UTC; обменов: <span data-testid=\"exchanges\">{RecordCount}</span>.</p>")
            .Append("<p>Коды, маркеры, подписи и персональные данные в записях замаскированы: сохранены только формы, имена полей, длины и типы. ")
            .Append("<span class=\"muted\">Codes, tokens, signatures and personal data are masked: only shapes, member names, lengths and types are kept.</span></p>")
            .Append(invariant, $"<p data-testid=\"comparison\">{E(SummaryRussian)} <span class=\"muted\">/ {E(Summary)}</span></p>");
        if (Counts.Compared == 0)
        {
            html.Append("<h2 data-testid=\"no-comparison\">Сравнений ещё не было <span class=\"muted\">/ Nothing compared yet</span></h2>");
        }
        else
        {
            html.Append(invariant, $"<h2>Расхождения <span class=\"muted\">/ Differences</span>: <span data-testid=\"difference-count\">{differences.Count}</span></h2>");
        }

        foreach (var section in differences.GroupBy(d => d.Aspect.Section).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            html.Append(invariant, $"<h3>§{E(section.Key)}</h3><table><tr><th>Что <span class=\"muted\">/ What</span></th><th>ЕСИА</th><th>MockEsia</th><th>Отметка <span class=\"muted\">/ Mark</span></th><th>Раз</th></tr>");
            foreach (var d in section)
            {
                html.Append(invariant,
                    $"<tr data-testid=\"difference-{E(d.Aspect.Key)}\"><td>{E(d.Aspect.Russian)} <span class=\"muted\">/ {E(d.Aspect.English)}</span><br>{E(d.What)}</td><td><code>{E(d.Esia)}</code></td><td><code>{E(d.MockEsia)}</code></td><td>{E(d.MarkRussian)} <span class=\"muted\">/ {E(d.MarkEnglish)}</span></td><td>{d.Times}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Запросы приложения глазами MockEsia <span class=\"muted\">/ The app's requests as MockEsia judges them</span></h2><table><tr><th>#</th><th>Endpoint</th><th>MockEsia</th><th>ЕСИА</th></tr>");
        foreach (var v in Verdicts)
        {
            var mock = v.Accepted ? "принял бы / would accept" : $"отказал бы / would refuse: {v.Code} {v.Diagnosis}";
            var upstream = v.UpstreamStatus is null ? "—" : $"{v.UpstreamStatus} {v.UpstreamCode}";
            html.Append(invariant, $"<tr><td>{v.Exchange}</td><td>{E(v.Endpoint)}</td><td>{E(mock)}</td><td>{E(upstream)}</td></tr>");
        }

        return HtmlPages.Wide("Наблюдение за ЕСИА — Drift watch", html.Append("</table>").ToString());
    }

    private string SummaryRussian
    {
        get
        {
            var (compared, exchanges, failures, differences) = Counts;
            var failed = failures == 0 ? "" : $"; без ответа вышестоящей ЕСИА: {failures}, не сравнивались";
            return compared == 0
                ? $"Сравнений ещё не было: переслано обменов — {exchanges}, сравнено — 0{failed}. Без сравнения об отсутствии расхождений говорить нельзя."
                : $"Сравнено обменов: {compared} из {exchanges}{failed}; расхождений: {differences}.";
        }
    }

    private (int Compared, int Exchanges, int Failed, int Differences) Counts
    {
        get
        {
            lock (_lock)
            {
                return (_compared, _records.Count, _failures.Count, _differences.Count);
            }
        }
    }

    private int RecordCount
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Writes <c>drift-report.json</c> and <c>drift-report.html</c> into the folder.</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "drift-report.json"), ToJson().ToJsonString(JsonOptions));
        File.WriteAllText(Path.Combine(folder, "drift-report.html"), ToHtml());
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
