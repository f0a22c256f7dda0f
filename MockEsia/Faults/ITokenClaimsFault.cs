namespace MockEsia.Faults;

/// <summary>te: spoils the claims of the issued tokens.</summary>
internal interface ITokenClaimsFault : IFaultHandler
{
    /// <summary>The tokens this kind spoils whatever the fault's target says; null: the target decides.</summary>
    FaultTarget? Only => null;

    /// <summary>Spoils one token's claims.</summary>
    void Spoil(Fault fault, TokenClaims token);
}
