namespace MockEsia.Faults.Kinds;

/// <summary>te: tokens that expired ten minutes ago.</summary>
public sealed class Expired : ITokenClaimsFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.Expired;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenClaims token)
    {
        var iat = token.IssuedAt;
        token.Claims["nbf"] = iat - token.LifetimeSeconds - 600;
        token.Claims["iat"] = iat - token.LifetimeSeconds - 600;
        token.Claims["exp"] = iat - 600;
    }
}
