namespace MockEsia.Abstractions;

/// <summary>
/// The stable ids of MockEsia's refusal checks — the <c>[check]</c> that opens every diagnostic in the journal, the
/// <c>X-MockEsia-Diagnostic</c> header and the error page (e.g. <c>client_secret.signature</c>) — with what each means in
/// Russian: for the person on MockEsia's error page and for the approval pack's reviewer. The English diagnosis that
/// follows the id says exactly what was wrong and the fix.
/// </summary>
public static class RefusalChecks
{
    private static readonly Dictionary<string, string> Checks = new(StringComparer.Ordinal)
    {
        ["client.registered"] = "ИС с такой мнемоникой (client_id) не зарегистрирована",
        ["parameters.required"] = "не передан обязательный параметр",
        ["parameters.duplicated"] = "параметр передан более одного раза",
        ["request.content_type"] = "тело запроса не в формате application/x-www-form-urlencoded",
        ["request.form"] = "тело запроса не читается как форма",
        ["code.grant"] = "код авторизации недействителен (неизвестен, истёк, уже обменян или выдан другой ИС)",
        ["refresh_token.grant"] = "маркер обновления недействителен (неизвестен, истёк, отозван или уже использован)",
        ["redirect_uri.grant"] = "redirect_uri не совпадает с указанным при получении кода",
        ["store"] = "хранилище состояния MockEsia недоступно",
        ["scope_org"] = "в scope_org указана область доступа, не относящаяся к организации",
        ["scope_org.employee"] = "пользователь не является сотрудником организации из scope_org",
        ["fault"] = "ответ внедрён: неисправность ЕСИА, заданная сценарием",
        ["state.format"] = "state не является UUID",
        ["state.reused"] = "state запроса маркера повторяет state запроса авторизации",
        ["token_type"] = "token_type не поддерживается (ЕСИА выдаёт только Bearer)",
        ["timestamp.format"] = "timestamp в неверном формате",
        ["timestamp.window"] = "timestamp вне допустимого окна времени",
        ["scope.known"] = "запрошена неизвестная область доступа (scope)",
        ["scope.allowed"] = "область доступа (scope) не разрешена для этой ИС",
        ["scope.wider"] = "scope на точке te шире предоставленного на точке ac",
        ["scope.person"] = "маркер системы (client_credentials) запрошен с областью доступа пользователя",
        ["scope.org_oid"] = "область доступа называет неизвестную организацию (org_oid)",
        ["scope.prm_chg"] = "запрос prm_chg сформирован неверно или называет неизвестного пользователя",
        ["scope.prm_chg.consent"] = "у пользователя нет действующего согласия для этой ИС",
        ["pkce.method"] = "code_challenge_method не поддерживается",
        ["pkce.challenge"] = "code_challenge отсутствует или сформирован неверно",
        ["pkce.verifier"] = "code_verifier не соответствует code_challenge",
        ["certificate.algorithm"] = "алгоритм ключа сертификата ИС не принимается",
        ["certificate.validity"] = "сертификат ИС не действует в момент запроса (истёк или ещё не вступил в силу)",
        ["client_certificate_hash"] = "client_certificate_hash не совпадает с сертификатом, зарегистрированным для ИС",
        ["client_certificate_hash.removed"] = "client_certificate_hash называет сертификат, удалённый из регистрации ИС",
        ["client_certificate_hash.foreign"] = "client_certificate_hash называет сертификат другой ИС",
        ["client_secret.format"] = "client_secret не в том формате подписи, который принимает эта точка (CMS вместо «сырой» подписи ГОСТ или наоборот)",
        ["client_secret.signature"] = "подпись client_secret не проверяется сертификатом ИС по ожидаемой строке",
        ["client_secret.cms"] = "подпись CMS (PKCS#7) в client_secret не проверяется",
        ["client_secret.encoding"] = "client_secret не декодируется (ожидается base64url или base64 байтов подписи)",
        ["client_secret.spaces"] = "в client_secret есть пробелы (чаще всего — знак «+» base64, не закодированный в адресе)",
        ["grant_type"] = "grant_type не поддерживается",
        ["grant_type.allowed"] = "этой ИС не разрешён данный grant_type",
        ["response_type"] = "response_type не поддерживается (ЕСИА принимает только code)",
        ["access_type"] = "access_type не поддерживается (ЕСИА принимает online и offline)",
        ["person_filter"] = "person_filter сформирован неверно",
        ["person_filter.conf_acc"] = "учётная запись пользователя не подтверждена, а ИС требует подтверждённую (person_filter)",
        ["login.request"] = "страница входа открыта без действующего запроса авторизации",
        ["consent"] = "пользователь отказал ИС в доступе к данным",
        ["redirect_uri.registered"] = "redirect_uri не зарегистрирован для ИС",
        ["headless.person"] = "пользователь, заданный для входа без страниц, не существует",
        ["rest.invalid_token"] = "REST API не принял маркер доступа",
        ["rest.insufficient_scope"] = "у маркера доступа нет нужной области доступа",
        ["rest.not_found"] = "запрошенный ресурс REST API не найден",
        ["rest.invalid_request"] = "запрос к REST API сформирован неверно",
        ["rest.invalid_signature"] = "подпись ключа API организации не проверяется",
    };

    // Families of checks named with a variable part (permissions.scopes, permissions.actions…).
    private static readonly (string Prefix, string Russian)[] Families =
    [
        ("permissions.", "запрос согласий (permissions) сформирован неверно"),
    ];

    /// <summary>What the check <paramref name="id"/> found wrong, in Russian; null for an id MockEsia does not use.</summary>
    public static string? Russian(string id) =>
        Checks.TryGetValue(id, out var russian) ? russian : Families.FirstOrDefault(f => id.StartsWith(f.Prefix, StringComparison.Ordinal)).Russian;
}
