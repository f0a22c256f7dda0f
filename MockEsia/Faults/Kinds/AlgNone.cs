namespace MockEsia.Faults.Kinds;

/// <summary>te: unsigned tokens, <c>alg: none</c>.</summary>
internal sealed class AlgNone : ITokenSignatureFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.AlgNone;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenSignature signature)
    {
        signature.Header["alg"] = "none";
        signature.Sign = _ => [];
    }
}
