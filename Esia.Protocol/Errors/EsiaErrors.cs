namespace Esia.Protocol.Errors;

/// <summary>ESIA's error catalogue, shared by the server, the client and the reports.</summary>
public static class EsiaErrors
{
    /// <summary>ESIA-007002: the certificate does not belong to the IS, or the IS has none.</summary>
    public static readonly EsiaError CertificateMismatch = new("ESIA-007002", "invalid_client", "Несоответствие сертификата и мнемоники ИС или отсутствие сертификата для ИС", "Несоответствие сертификата и мнемоники ИС или отсутствие сертификата для ИС", false);

    /// <summary>ESIA-007003: a parameter is missing, invalid or repeated.</summary>
    public static readonly EsiaError InvalidRequest = new("ESIA-007003", "invalid_request", "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.", "В запросе отсутствует обязательный параметр, запрос включает в себя неверное значение параметра или включает его более одного раза", false);

    /// <summary>ESIA-007004: the person (or ESIA) refused.</summary>
    public static readonly EsiaError AccessDenied = new("ESIA-007004", "access_denied", "The resource owner or authorization server denied the request.", "Владелец ресурса или сервис авторизации отклонил запрос", true);

    /// <summary>ESIA-007005: the client may not use this method.</summary>
    public static readonly EsiaError UnauthorizedClient = new("ESIA-007005", "unauthorized_client", "The client is not authorized to request an access token using this method.", "Система-клиент не имеет права запрашивать получение маркера доступа таким методом", true);

    /// <summary>ESIA-007006: a scope is invalid, unknown or not allowed.</summary>
    public static readonly EsiaError InvalidScope = new("ESIA-007006", "invalid_scope", "The requested scope is invalid, unknown, or malformed.", "Запрошенная область доступа (scope) указана неверно, неизвестна или сформирована некорректно", false);

    /// <summary>ESIA-007007: unexpected error.</summary>
    public static readonly EsiaError ServerError = new("ESIA-007007", "server_error", "The authorization server encountered an unexpected condition that prevented it from fulfilling the request.", "Возникла неожиданная ошибка в работе сервиса авторизации", false);

    /// <summary>ESIA-007008: temporarily unavailable.</summary>
    public static readonly EsiaError TemporarilyUnavailable = new("ESIA-007008", "temporarily_unavailable", "The authorization server is currently unable to handle the request due to a temporary overloading or maintenance of the server.", "Сервис авторизации в настоящее время не может выполнить запрос из-за большой нагрузки или технических работ на сервере", false);

    /// <summary>ESIA-007009: unsupported response type.</summary>
    public static readonly EsiaError UnsupportedResponseType = new("ESIA-007009", "unsupported_response_type", "The authorization server does not support obtaining an authorization code using this method.", "Сервис авторизации не поддерживает получение маркера доступа этим методом", false);

    /// <summary>ESIA-007011: the code or refresh token is invalid, expired, revoked, for another redirect or client.</summary>
    public static readonly EsiaError InvalidGrant = new("ESIA-007011", "invalid_grant", "The provided authorization grant or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.", "Предоставленный авторизационный код или маркер обновления недействителен, просрочен, отозван или не соответствует адресу ресурса, указанному в запросе на авторизацию, или был выдан другой системе-клиенту", true);

    /// <summary>ESIA-007012: unsupported grant type.</summary>
    public static readonly EsiaError UnsupportedGrantType = new("ESIA-007012", "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.", "Тип авторизационного кода не поддерживается сервисом авторизации", false);

    /// <summary>ESIA-007013: no scope in the request.</summary>
    public static readonly EsiaError ScopeMissing = new("ESIA-007013", "invalid_request", "Запрос не содержит указания на область доступа (scope)", "Запрос не содержит указания на область доступа (scope)", false);

    /// <summary>ESIA-007014: a mandatory parameter is missing.</summary>
    public static readonly EsiaError MissingParameter = new("ESIA-007014", "invalid_request", "The request doesn`t contain the mandatory parameter.", "Запрос не содержит обязательного параметра", true);

    /// <summary>ESIA-007015: wrong request time.</summary>
    public static readonly EsiaError InvalidTimestamp = new("ESIA-007015", "invalid_request", "Неверное время запроса", "Неверное время запроса", false);

    /// <summary>ESIA-007019: no permission.</summary>
    public static readonly EsiaError NoPermission = new("ESIA-007019", "access_denied", "Отсутствует разрешение на доступ", "Отсутствует разрешение на доступ", false);

    /// <summary>ESIA-007023: redirect_uri not among those registered.</summary>
    public static readonly EsiaError RedirectUriNotRegistered = new("ESIA-007023", "invalid_request", "Указанный адрес перенаправления (redirect_uri) не содержится среди разрешённых для ИС", "Указанный адрес перенаправления (redirect_uri) не содержится среди разрешённых для ИС", false);

    /// <summary>ESIA-007039: PKCE verifier sent, but the authorization request had no code_challenge (reference §7.2).</summary>
    public static readonly EsiaError PkceChallengeMissing = new("ESIA-007039", "invalid_request", "В изначальном запросе на /v2/ac параметр <code_challenge> не был указан", "В изначальном запросе на /v2/ac параметр <code_challenge> не был указан", false);

    /// <summary>PKCE: the verifier does not match the challenge (reference §7.2).</summary>
    public static readonly EsiaError PkceMismatch = new("ESIA-007040", "invalid_grant", "Ошибка сравнения исходного и контрольного значений", "Ошибка сравнения исходного и контрольного значений", false);

    /// <summary>ESIA-007053: client_secret wrong (bad signature, wrong hash, wrong concatenation, inactive certificate).</summary>
    public static readonly EsiaError ClientSecretWrong = new("ESIA-007053", "access_denied", "OAuthErrorEnum.clientSecretWrong", "client_secret сформирован некорректно, не соответствует сертификату или ИС, или сертификат не активен", true);

    /// <summary>ESIA-007055: login with an unconfirmed account.</summary>
    public static readonly EsiaError UnconfirmedAccount = new("ESIA-007055", "access_denied", "Вход в систему осуществляется с неподтвержденной учетной записью", "Вход в систему осуществляется с неподтвержденной учетной записью", false);

    /// <summary>ESIA-007194: an organisation scope for an organisation the person is not an employee of (reference §7.2).</summary>
    public static readonly EsiaError NotAnEmployee = new("ESIA-007194", "invalid_scope", "Запрошен scope организации, в которой пользователь не является сотрудником", "Запрошен scope организации, в которой пользователь не является сотрудником", false);

    /// <summary>ESIA-008010: the client could not be authenticated.</summary>
    public static readonly EsiaError InvalidClient = new("ESIA-008010", "invalid_client", "Не удалось аутентифицировать систему-клиента", "Не удалось аутентифицировать систему-клиента", false);

    // Consents (reference §7.2, §10): ESIA-036700…036727 are documented only as a range covering these cases; which code
    // goes with which case is MockEsia's choice (docs/fidelity.md marks it unknown).

    /// <summary>ESIA-036700 (MockEsia's assignment): <c>permissions</c> is not base64url JSON of an array of consents.</summary>
    public static readonly EsiaError ConsentMalformed = new("ESIA-036700", "invalid_request", "Некорректный формат согласий (permissions)", "Некорректный формат согласий (permissions)", false);

    /// <summary>ESIA-036701 (MockEsia's assignment): a consent without a type, or of an unknown type (sysname).</summary>
    public static readonly EsiaError ConsentTypeUnknown = new("ESIA-036701", "invalid_request", "Не указан или не найден тип согласия", "Не указан или не найден тип согласия", false);

    /// <summary>ESIA-036702 (MockEsia's assignment): a scope the consent needs is missing from <c>scope</c> (openid).</summary>
    public static readonly EsiaError ConsentMandatoryScopeMissing = new("ESIA-036702", "invalid_request", "Не указана обязательная область доступа", "Не указана обязательная область доступа", false);

    /// <summary>ESIA-036703 (MockEsia's assignment): the consent asks for scopes its type does not cover.</summary>
    public static readonly EsiaError ConsentScopeNotAllowed = new("ESIA-036703", "invalid_request", "Область доступа не соответствует типу согласия", "Область доступа не соответствует типу согласия", false);

    /// <summary>ESIA-036704 (MockEsia's assignment): actions missing or unknown.</summary>
    public static readonly EsiaError ConsentActionInvalid = new("ESIA-036704", "invalid_request", "Не указаны или не найдены действия согласия", "Не указаны или не найдены действия согласия", false);

    /// <summary>ESIA-036705 (MockEsia's assignment): purposes missing or unknown.</summary>
    public static readonly EsiaError ConsentPurposeInvalid = new("ESIA-036705", "invalid_request", "Не указаны или не найдены цели согласия", "Не указаны или не найдены цели согласия", false);

    /// <summary>ESIA-036706 (MockEsia's assignment): the expiry is missing or not a positive number of minutes.</summary>
    public static readonly EsiaError ConsentExpiryInvalid = new("ESIA-036706", "invalid_request", "Некорректный срок действия согласия", "Некорректный срок действия согласия", false);

    /// <summary>Every entry.</summary>
    public static IReadOnlyList<EsiaError> All { get; } =
    [
        CertificateMismatch, InvalidRequest, AccessDenied, UnauthorizedClient, InvalidScope, ServerError, TemporarilyUnavailable,
        UnsupportedResponseType, InvalidGrant, UnsupportedGrantType, ScopeMissing, MissingParameter, InvalidTimestamp, NoPermission,
        RedirectUriNotRegistered, PkceChallengeMissing, PkceMismatch, ClientSecretWrong, UnconfirmedAccount, NotAnEmployee, InvalidClient,
        ConsentMalformed, ConsentTypeUnknown, ConsentMandatoryScopeMissing, ConsentScopeNotAllowed, ConsentActionInvalid, ConsentPurposeInvalid, ConsentExpiryInvalid,
    ];

    /// <summary>Finds an entry by code (<c>ESIA-007004</c> or <c>007004</c>); null when unknown.</summary>
    public static EsiaError? Find(string? code) => code is null ? null
        : All.FirstOrDefault(e => e.Code.Equals(code, StringComparison.OrdinalIgnoreCase) || e.Code.EndsWith("-" + code, StringComparison.Ordinal));

    /// <summary>Extracts the ESIA code from an <c>error_description</c> such as <c>ESIA-007004: …</c>; null when none.</summary>
    public static string? CodeOf(string? description)
    {
        if (description is null || !description.StartsWith("ESIA-", StringComparison.Ordinal) || description.Length < 11)
        {
            return null;
        }

        var code = description[..11];
        return code[5..].All(char.IsAsciiDigit) ? code : null;
    }
}
