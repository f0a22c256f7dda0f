namespace MockEsia.Faults.Kinds;

/// <summary>te: the response lacks the refresh_token.</summary>
internal sealed class MissingRefreshToken : ITokenBodyFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.MissingRefreshToken;

    /// <inheritdoc />
    public void Shape(TokenBody body) => body.RefreshToken = false;
}
