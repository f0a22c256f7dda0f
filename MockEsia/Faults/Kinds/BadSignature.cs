namespace MockEsia.Faults.Kinds;

/// <summary>te: tokens whose signature has a flipped byte.</summary>
internal sealed class BadSignature : ITokenSignatureFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.BadSignature;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenSignature signature)
    {
        var credential = signature.Credential;
        signature.Sign = data =>
        {
            var bytes = credential.Sign(data);
            bytes[bytes.Length / 2] ^= 0x5A;
            return bytes;
        };
    }
}
