using Esia.Protocol;
namespace MockEsia.Faults.Kinds;

/// <summary>te: tokens that expired ten minutes ago.</summary>
internal sealed class Expired : ITokenClaimsFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.Expired;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenClaims token)
    {
        var iat = token.IssuedAt;
        token.Claims[EsiaClaims.NotBefore] = iat - token.LifetimeSeconds - 600;
        token.Claims[EsiaClaims.IssuedAt] = iat - token.LifetimeSeconds - 600;
        token.Claims[EsiaClaims.Expires] = iat - 600;
    }
}
