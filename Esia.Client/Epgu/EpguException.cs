using System.Net;

namespace Esia.Client.Epgu;

/// <summary>API ЕПГУ's error codes (epgu-api.md §2.11, Приложение 4 of the spec) and the statuses that carry no body.</summary>
public enum EpguError
{
    /// <summary>A code this client does not know, or an error status without one.</summary>
    Other,

    /// <summary>204: the order does not exist.</summary>
    OrderNotFound,

    /// <summary>401: the token is missing, expired or refused; get a new one and retry.</summary>
    Unauthorized,

    /// <summary>429: too many requests (the limits of Приложение 3).</summary>
    TooManyRequests,

    /// <summary>502, 503 or 504: a gateway or the service is unavailable; retry later.</summary>
    Unavailable,

    /// <summary><c>access_denied_person_permissions</c>: the person gave the system no APIPGU consent.</summary>
    AccessDeniedPersonPermissions,

    /// <summary><c>access_denied_service</c>: the system has no approved access to the service.</summary>
    AccessDeniedService,

    /// <summary><c>access_denied_system</c>: the system is refused (a GOST TLS channel needed, or no service at all).</summary>
    AccessDeniedSystem,

    /// <summary><c>access_denied_user</c>: the service is not for this kind of applicant.</summary>
    AccessDeniedUser,

    /// <summary><c>access_denied_user_legal</c>: the token is for another organisation than the one that owns the system.</summary>
    AccessDeniedUserLegal,

    /// <summary><c>access_denied_personal_data</c> (v1.13): the files hold personal data the system may not receive.</summary>
    AccessDeniedPersonalData,

    /// <summary><c>bad_delegation</c>: the employee has no power of attorney to create the order.</summary>
    BadDelegation,

    /// <summary><c>bad_request</c>: bad parameters (the message usually names them).</summary>
    BadRequest,

    /// <summary><c>cancel_not_allowed</c>: the order's current status does not allow cancelling.</summary>
    CancelNotAllowed,

    /// <summary><c>config_delegation</c>: no authority exists for the service.</summary>
    ConfigDelegation,

    /// <summary><c>internal_error</c>: a processing error on the portal's side.</summary>
    InternalError,

    /// <summary><c>limitation_exception</c>: a limit of Приложение 3 is exceeded.</summary>
    LimitationException,

    /// <summary><c>not_found</c>: the order is not found.</summary>
    NotFound,

    /// <summary><c>order_access</c>: the token's user has no rights on the order.</summary>
    OrderAccess,

    /// <summary><c>push_denied</c>: only the head or an employee with a power of attorney may send.</summary>
    PushDenied,

    /// <summary><c>service_not_found</c>: the service code is unknown.</summary>
    ServiceNotFound,
}

/// <summary>An API ЕПГУ call that did not succeed: the HTTP status, the code and message of the body, and what kind it is.</summary>
public sealed class EpguException : Exception
{
    private static readonly Dictionary<string, EpguError> Codes = new(StringComparer.Ordinal)
    {
        ["access_denied_person_permissions"] = EpguError.AccessDeniedPersonPermissions,
        ["access_denied_service"] = EpguError.AccessDeniedService,
        ["access_denied_system"] = EpguError.AccessDeniedSystem,
        ["access_denied_user"] = EpguError.AccessDeniedUser,
        ["access_denied_user_legal"] = EpguError.AccessDeniedUserLegal,
        ["access_denied_personal_data"] = EpguError.AccessDeniedPersonalData,
        ["bad_delegation"] = EpguError.BadDelegation,
        ["bad_request"] = EpguError.BadRequest,
        ["cancel_not_allowed"] = EpguError.CancelNotAllowed,
        ["config_delegation"] = EpguError.ConfigDelegation,
        ["internal_error"] = EpguError.InternalError,
        ["limitation_exception"] = EpguError.LimitationException,
        ["not_found"] = EpguError.NotFound,
        ["order_access"] = EpguError.OrderAccess,
        ["push_denied"] = EpguError.PushDenied,
        ["service_not_found"] = EpguError.ServiceNotFound,
    };

    /// <summary>Creates the exception.</summary>
    public EpguException(EpguError error, int status, string message, string? code = null, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
        Status = status;
        Code = code;
    }

    /// <summary>What went wrong.</summary>
    public EpguError Error { get; }

    /// <summary>The HTTP status (0 when no answer came).</summary>
    public int Status { get; }

    /// <summary>The body's <c>code</c>, as sent.</summary>
    public string? Code { get; }

    /// <summary>Whether the same call may succeed later without any change: 429, 502–504, <c>internal_error</c>, <c>limitation_exception</c>.</summary>
    public bool IsTransient => Error is EpguError.TooManyRequests or EpguError.Unavailable or EpguError.InternalError or EpguError.LimitationException;

    /// <summary>Whether the limits were hit (429 or <c>limitation_exception</c>): wait longer before the next call.</summary>
    public bool IsLimit => Error is EpguError.TooManyRequests or EpguError.LimitationException;

    /// <summary>The error of a body's code (null: none), with the status for the codeless answers of §2.11.</summary>
    public static EpguError ErrorOf(int status, string? code) => code is not null && Codes.TryGetValue(code, out var known)
        ? known
        : status switch
        {
            (int)HttpStatusCode.NoContent => EpguError.OrderNotFound,
            (int)HttpStatusCode.Unauthorized => EpguError.Unauthorized,
            (int)HttpStatusCode.TooManyRequests => EpguError.TooManyRequests,
            (int)HttpStatusCode.BadGateway or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.GatewayTimeout => EpguError.Unavailable,
            _ => EpguError.Other,
        };
}
