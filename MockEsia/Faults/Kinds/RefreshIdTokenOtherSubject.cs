namespace MockEsia.Faults.Kinds;

/// <summary>te, refresh grant: the new id_token is about another person than the first login's (whatever the fault's target).</summary>
internal sealed class RefreshIdTokenOtherSubject : ITokenClaimsFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.RefreshIdTokenOtherSubject;

    /// <inheritdoc />
    public FaultTarget? Only => FaultTarget.Id;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenClaims token) => WrongSubject.OtherSubject(fault, token);
}
