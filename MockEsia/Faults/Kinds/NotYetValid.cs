namespace MockEsia.Faults.Kinds;

/// <summary>te: tokens valid only from an hour later (<c>nbf</c> and <c>iat</c> in the future).</summary>
public sealed class NotYetValid : ITokenClaimsFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.NotYetValid;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenClaims token)
    {
        var iat = token.IssuedAt;
        token.Claims["nbf"] = iat + 3600;
        token.Claims["iat"] = iat + 3600;
        token.Claims["exp"] = iat + 3600 + token.LifetimeSeconds;
    }
}
