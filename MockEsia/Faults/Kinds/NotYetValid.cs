using Esia.Protocol;
namespace MockEsia.Faults.Kinds;

/// <summary>te: tokens valid only from an hour later (<c>nbf</c> and <c>iat</c> in the future).</summary>
internal sealed class NotYetValid : ITokenClaimsFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.NotYetValid;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenClaims token)
    {
        var iat = token.IssuedAt;
        token.Claims[EsiaClaims.NotBefore] = iat + 3600;
        token.Claims[EsiaClaims.IssuedAt] = iat + 3600;
        token.Claims[EsiaClaims.Expires] = iat + 3600 + token.LifetimeSeconds;
    }
}
