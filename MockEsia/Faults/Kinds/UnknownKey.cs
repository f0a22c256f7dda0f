namespace MockEsia.Faults.Kinds;

/// <summary>te: tokens signed by a key that no <c>esia.zip</c> publishes.</summary>
internal sealed class UnknownKey : ITokenSignatureFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.UnknownKey;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenSignature signature)
    {
        var rogue = signature.Rogue;
        signature.Sign = data => rogue.Sign(data);
    }
}
