using System.Text.RegularExpressions;
using Conformance.Specs.Harness;
using Esia.Protocol.Errors;

namespace Conformance.Specs.Reports;

/// <summary>
/// MockEsia's diagnoses in Russian, for the approval pack. MockEsia writes its diagnoses in English for developers, each
/// under a stable check id (<c>[client_secret.signature] …</c>); the pack renders the check in Russian by that id
/// (<see cref="RefusalChecks"/>, the admin contract's table, which MockEsia's error page shows too; the English original
/// follows for the developer), the signature doctor's finding by its cause, and API ЕПГУ's refusals by
/// their error code. A check id this table does not know is named as such, in Russian, never passed off as translated.
/// </summary>
public static class RussianDiagnoses
{
    // The signature doctor's causes (SignatureDoctor), by how each begins.
    private static readonly (Regex Cause, string Russian)[] DoctorCauses =
    [
        (D("The signature is byte-reversed"), "подпись с обратным порядком байтов: вывод CryptoPro CSP не развёрнут"),
        (D("scope_org is sent as a parameter but left out of the signed string"), "scope_org передан параметром, но не включён в подписываемую строку"),
        (D("The signature verifies over the .* refresh profile's string"), "подпись сходится со строкой другого профиля запроса refresh_token"),
        (D("The fields are concatenated in the wrong order"), "поля подписываемой строки соединены в неверном порядке"),
        (D("The signed redirect_uri lacks the query"), "в подписанном redirect_uri нет параметров запроса, которые есть в переданном"),
        (D("The signature covers a different"), "подписано значение поля из прежнего запроса, а не переданное в этом"),
        (D("The CMS signs the right string, but its signer"), "CMS подписывает верную строку, но сертификат подписанта не зарегистрирован для ИС"),
        (D("No candidate matched"), "подпись не сходится ни с одной из проверенных строк"),
        (D("client_secret is a raw signature, but the v1 endpoints take a CMS"), "client_secret — «сырая» подпись, а точки v1 принимают CMS (PKCS#7)"),
        (D("client_secret is a CMS/PKCS#7 over"), "client_secret — подпись CMS (PKCS#7), а эта точка принимает «сырую» подпись ГОСТ"),
        (D("The v1 string was signed"), "подписана строка v1, а эта точка ожидает строку v2/v3"),
        (D("The string of another request kind was signed"), "подписана строка запроса другого вида"),
        (D("Signed with another certificate registered for this client"), "подписано другим зарегистрированным сертификатом ИС, а не тем, чей хеш передан в client_certificate_hash"),
        (D("Signed with the certificate registered for"), "подписано сертификатом, зарегистрированным для другой ИС"),
        (D("The CMS signs the .* string, not"), "CMS подписывает строку запроса другого вида"),
        (D("client_certificate_hash"), "подпись не проверялась: client_certificate_hash не называет действующий сертификат ИС (см. диагноз)"),
        (D("The client_secret could not be decoded"), "client_secret не декодируется в байты подписи"),
    ];

    // API ЕПГУ's error codes (epgu-api.md §4), in Russian.
    private static readonly Dictionary<string, string> EpguCodes = new(StringComparer.Ordinal)
    {
        ["access_denied_person_permissions"] = "пользователь не дал ИС согласия на эту операцию",
        ["access_denied_service"] = "доступ к услуге запрещён для ИС",
        ["access_denied_system"] = "доступ запрещён для ИС",
        ["access_denied_user"] = "услуга недоступна для этого типа заявителя",
        ["access_denied_user_legal"] = "маркер выдан для другой организации",
        ["access_denied_personal_data"] = "нет разрешения на получение персональных данных",
        ["bad_delegation"] = "у сотрудника нет полномочий на создание заявления",
        ["bad_request"] = "неверные параметры запроса",
        ["cancel_not_allowed"] = "отмена заявления в текущем статусе невозможна",
        ["config_delegation"] = "для услуги не настроено полномочие",
        ["internal_error"] = "внутренняя ошибка API ЕПГУ",
        ["limitation_exception"] = "превышен лимит обращений",
        ["not_found"] = "заявление не найдено",
        ["order_access"] = "у пользователя нет прав на это заявление",
        ["push_denied"] = "отправка заявления доступна только руководителю или сотруднику с полномочием",
        ["service_not_found"] = "услуга не найдена",
    };

    private static readonly Dictionary<int, string> EpguStatuses = new()
    {
        [401] = "маркер доступа не принят (401)",
        [429] = "слишком много запросов (429)",
        [502] = "шлюз недоступен (502)",
        [503] = "сервис временно недоступен (503)",
        [504] = "шлюз не дождался ответа (504)",
    };

    private static readonly Regex CheckId = new(@"^\[(?<id>[a-z_.]+)\]", RegexOptions.CultureInvariant);

    /// <summary>One diagnostic line of MockEsia's (<c>[check] why Fix: …</c>) in Russian: the check in words, with its id.</summary>
    public static string Diagnostic(string diagnostic)
    {
        if (CheckId.Match(diagnostic) is not { Success: true } match)
        {
            return "MockEsia отклонил запрос (подробности — в оригинале диагноза)";
        }

        var id = match.Groups["id"].Value;
        // A one-word id (fault, consent, store) is no identifier a developer searches for: the words say it all.
        return RefusalChecks.Russian(id) is not { } russian ? $"не пройдена проверка {id} (подробности — в оригинале диагноза)"
            : id.IndexOfAny(['.', '_']) >= 0 ? $"{russian} (проверка {id})"
            : russian;
    }

    /// <summary>
    /// A journal entry's diagnostic in Russian: an API ЕПГУ call's by its error code (or status), MockEsia's ESIA checks by
    /// their id.
    /// </summary>
    public static string Diagnostic(string endpoint, string? errorCode, int status, string diagnostic) =>
        EndpointNames.IsEpgu(endpoint) ? Epgu(errorCode, status) : Diagnostic(diagnostic);

    /// <summary>The signature doctor's finding in Russian: its cause in words.</summary>
    public static string Doctor(string finding) =>
        DoctorCauses.FirstOrDefault(c => c.Cause.IsMatch(finding)).Russian ?? "причина названа в оригинале диагноза";

    /// <summary>An API ЕПГУ refusal in Russian, by its error code or else its status.</summary>
    public static string Epgu(string? errorCode, int status) =>
        errorCode is not null && EpguCodes.TryGetValue(errorCode, out var russian) ? russian
        : EpguStatuses.TryGetValue(status, out var byStatus) ? byStatus
        : $"отказ API ЕПГУ {errorCode ?? Status(status)}";

    /// <summary>Why MockEsia refused one request, in Russian (the journal entry's diagnostic, doctor's finding, or error code).</summary>
    public static string Of(JournalEntry e)
    {
        if (e.Fault is not null)
        {
            return $"ответ внедрён сценарием (неисправность {e.Fault})";
        }

        var parts = new List<string>();
        if (e.Diagnostic is { } diagnostic || EndpointNames.IsEpgu(e.Endpoint))
        {
            parts.Add(Diagnostic(e.Endpoint, e.ErrorCode, e.Status, e.Diagnostic ?? ""));
        }
        else if (EsiaErrors.Find(e.ErrorCode) is { } error)
        {
            parts.Add(error.Russian);
        }

        if (e.Doctor is { } doctor)
        {
            parts.Add("доктор подписи: " + Doctor(doctor));
        }

        return parts.Count == 0 ? $"отказ {Code(e)}" : string.Join("; ", parts);
    }

    /// <summary>Several refusals in one line, each with its endpoint and code (the Russian counterpart of <see cref="JournalFacts.Refusal"/>).</summary>
    public static string Refusals(IEnumerable<JournalEntry> refused) =>
        string.Join("; ", refused.Select(e => $"{e.Endpoint} {Code(e)}: {Of(e)}").Distinct());

    // A refusal's code: ESIA's or API ЕПГУ's error code, else the HTTP status.
    private static string Code(JournalEntry e) => e.ErrorCode ?? Status(e.Status);

    private static string Status(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One of MockEsia's journal checks (name, passed) in Russian: what was checked.</summary>
    public static string JournalCheck(string name, bool passed) => (name, passed) switch
    {
        ("state", true) => "state — UUID",
        ("timestamp", true) => "timestamp в допустимом окне времени",
        ("scope", true) => "области доступа (scope) известны и разрешены ИС",
        ("client_secret", true) => "подпись client_secret проверена сертификатом ИС",
        ("client_secret", false) => "подпись client_secret не проверена",
        ("signature", true) => "подпись ключа API организации проверена сертификатом ИС",
        ("signature", false) => "подпись ключа API организации не проверена",
        ("store.cap", _) => "число хранимых маркеров в пределах ограничения MockEsia",
        (_, true) => $"проверка {name} пройдена",
        _ => $"проверка {name} не пройдена",
    };

    private static Regex D(string start) => new("^" + start, RegexOptions.CultureInvariant);
}
