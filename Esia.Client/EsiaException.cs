using Esia.Protocol.Tokens;

namespace Esia.Client;

/// <summary>What went wrong, in terms an application can act on.</summary>
public enum EsiaFailureKind
{
    /// <summary>The person refused (ESIA-007004).</summary>
    AccessDenied,

    /// <summary>ESIA is unavailable (ESIA-007008, HTTP 5xx, timeouts, dropped connections).</summary>
    Unavailable,

    /// <summary>ESIA refused the system itself: signature, certificate, mnemonic, redirect, scopes (ESIA-007053, 007014, 007005, 007023, 007006, …).</summary>
    ClientMisconfigured,

    /// <summary>The code or refresh token was refused (ESIA-007011): log in again.</summary>
    InvalidGrant,

    /// <summary>The callback's state is unknown, reused or missing (a possible CSRF).</summary>
    StateMismatch,

    /// <summary>A token failed validation (signature, issuer, audience, times, subject).</summary>
    InvalidToken,

    /// <summary>ESIA answered something that is not its protocol (wrong content type, malformed JSON, missing members).</summary>
    ProtocolViolation,

    /// <summary>The REST API refused a scope that was not granted (403).</summary>
    ScopeNotGranted,

    /// <summary>The REST API refused the token (401) even after a refresh.</summary>
    Unauthorized,

    /// <summary>Any other ESIA error.</summary>
    Other,
}

/// <summary>An ESIA failure with its kind, ESIA's code when there is one, and (for tokens) the failed check.</summary>
public sealed class EsiaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EsiaException(EsiaFailureKind kind, string message, string? esiaCode = null, TokenFailure? tokenFailure = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        EsiaCode = esiaCode;
        TokenFailure = tokenFailure;
    }

    /// <summary>What went wrong.</summary>
    public EsiaFailureKind Kind { get; }

    /// <summary>ESIA's code (<c>ESIA-007004</c>), when ESIA sent one.</summary>
    public string? EsiaCode { get; }

    /// <summary>The token check that failed.</summary>
    public TokenFailure? TokenFailure { get; }

    /// <summary>Maps an ESIA error code to a kind.</summary>
    public static EsiaFailureKind KindOf(string? code) => code switch
    {
        "ESIA-007004" => EsiaFailureKind.AccessDenied,
        "ESIA-007008" or "ESIA-007007" => EsiaFailureKind.Unavailable,
        "ESIA-007011" => EsiaFailureKind.InvalidGrant,
        "ESIA-007053" or "ESIA-007014" or "ESIA-007005" or "ESIA-007023" or "ESIA-007006" or "ESIA-007002" or "ESIA-007003" or "ESIA-007015" or "ESIA-008010" => EsiaFailureKind.ClientMisconfigured,
        _ => EsiaFailureKind.Other,
    };
}
