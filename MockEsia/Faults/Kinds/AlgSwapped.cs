namespace MockEsia.Faults.Kinds;

/// <summary>te: the header's <c>alg</c> names the other algorithm (GOST ↔ RS256) than the one signed with.</summary>
internal sealed class AlgSwapped : ITokenSignatureFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.AlgSwapped;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenSignature signature) =>
        signature.Header["alg"] = signature.Header["alg"]!.GetValue<string>() == "RS256" ? "GOST3410_2012_256" : "RS256";
}
