using MockEsia.Faults;

namespace MockEsia.Tokens;

/// <summary>How the tokens of one response are to be spoilt (fault injection).</summary>
/// <param name="Kind">The token fault.</param>
/// <param name="Target">Which tokens.</param>
/// <param name="Value">An optional value (another client id or subject).</param>
/// <param name="Subject">When set, the spoilt tokens name this person instead (see <see cref="Fault.Subject"/>).</param>
public sealed record TokenTamper(FaultKind Kind, FaultTarget Target, string? Value, long? Subject = null)
{
    /// <summary>Whether the access token is affected.</summary>
    public bool Access => Target is FaultTarget.Both or FaultTarget.Access && Kind != FaultKind.RefreshIdTokenOtherSubject;

    /// <summary>Whether the id_token is affected.</summary>
    public bool Id => Target is FaultTarget.Both or FaultTarget.Id || Kind == FaultKind.RefreshIdTokenOtherSubject;

    /// <summary>Whether a fault kind spoils token contents or signatures.</summary>
    public static bool IsTokenFault(FaultKind kind) => kind is FaultKind.BadSignature or FaultKind.UnknownKey or FaultKind.WrongIssuer
        or FaultKind.WrongAudience or FaultKind.Expired or FaultKind.NotYetValid or FaultKind.WrongSubject or FaultKind.AlgSwapped
        or FaultKind.AlgNone or FaultKind.RefreshIdTokenOtherSubject;

    /// <summary>Whether a fault kind leaves a token whose signature does not verify with the mock's keys as its header says.</summary>
    public static bool AltersSignature(FaultKind? kind) => kind is FaultKind.BadSignature or FaultKind.UnknownKey or FaultKind.AlgSwapped or FaultKind.AlgNone;
}
