namespace MockEpgu.Errors;

/// <summary>
/// An API ЕПГУ error code (epgu-api.md §2.11, Приложение 4) with the HTTP status MockEsia sends it with and the portal's
/// Russian message. Which status goes with which code is not specified: the pairings are the ones seen (§2.11), 403 for
/// the other refusals of access, 400 for bad parameters, 409 for a state that forbids the action.
/// </summary>
/// <param name="Code">The <c>code</c>.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Message">The <c>message</c>.</param>
public sealed record EpguError(string Code, int Status, string Message);

/// <summary>The codes of Приложение 4 (v1.12.1 and v1.13).</summary>
public static class EpguErrors
{
    /// <summary>The token's person gave this system no APIPGU consent (message: E1 §5.1).</summary>
    public static readonly EpguError PersonPermissions = new("access_denied_person_permissions", 403, "Пользователь не дал согласие Вашей системе на выполнение данной операции");

    /// <summary>The system has no approved access to this service.</summary>
    public static readonly EpguError Service = new("access_denied_service", 403, "Доступ к услуге запрещен для системы");

    /// <summary>The system is refused (no access to any service; message: E1 §5).</summary>
    public static readonly EpguError System = new("access_denied_system", 403, "Доступ запрещен для системы");

    /// <summary>The service is not available to this applicant type.</summary>
    public static readonly EpguError User = new("access_denied_user", 403, "Услуга недоступна для данного типа заявителя");

    /// <summary>The access request said the system's owner is the consumer, and the token is for another organisation.</summary>
    public static readonly EpguError UserLegal = new("access_denied_user_legal", 403, "Токен выдан для другой организации");

    /// <summary>The files hold personal data the system may not receive (v1.13).</summary>
    public static readonly EpguError PersonalData = new("access_denied_personal_data", 403, "Нет разрешения на получение персональных данных");

    /// <summary>The employee holds no authority to create the order.</summary>
    public static readonly EpguError BadDelegation = new("bad_delegation", 403, "У сотрудника нет полномочий на создание заявления");

    /// <summary>Bad parameters; the message names them.</summary>
    public static readonly EpguError BadRequest = new("bad_request", 400, "Неверные параметры запроса");

    /// <summary>The order's status does not allow cancelling (409, as a public client's tests pair it).</summary>
    public static readonly EpguError CancelNotAllowed = new("cancel_not_allowed", 409, "Отмена заявления в текущем статусе невозможна");

    /// <summary>No authority exists for this service.</summary>
    public static readonly EpguError ConfigDelegation = new("config_delegation", 403, "Для услуги не настроено полномочие");

    /// <summary>A processing error.</summary>
    public static readonly EpguError Internal = new("internal_error", 500, "Внутренняя ошибка");

    /// <summary>A limit of Приложение 3 is exceeded (HTTP 429, as the App. 3 breach is answered; the body is MockEsia's addition).</summary>
    public static readonly EpguError Limitation = new("limitation_exception", 429, "Превышен лимит");

    /// <summary>The order is not found.</summary>
    public static readonly EpguError NotFound = new("not_found", 404, "Заявление не найдено");

    /// <summary>The user has no rights on this order (message: E1 §2.4).</summary>
    public static readonly EpguError OrderAccess = new("order_access", 403, "У пользователя нет прав для работы с текущим заявлением");

    /// <summary>Only the head or an authorised employee may send.</summary>
    public static readonly EpguError PushDenied = new("push_denied", 403, "Отправка заявления доступна только руководителю или сотруднику с полномочием");

    /// <summary>The service code is unknown (409, as a public client's tests pair it).</summary>
    public static readonly EpguError ServiceNotFound = new("service_not_found", 409, "Услуга не найдена");

}
