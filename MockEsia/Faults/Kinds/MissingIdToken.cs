namespace MockEsia.Faults.Kinds;

/// <summary>te: the response lacks the id_token.</summary>
internal sealed class MissingIdToken : ITokenBodyFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.MissingIdToken;

    /// <inheritdoc />
    public void Shape(TokenBody body) => body.IdToken = false;
}
