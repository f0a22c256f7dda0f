using Esia.Protocol;
namespace MockEsia.Faults.Kinds;

/// <summary>te: tokens with another <c>iss</c> (<see cref="Fault.Value"/>, default a foreign URL).</summary>
internal sealed class WrongIssuer : ITokenClaimsFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.WrongIssuer;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenClaims token) => token.Claims[EsiaClaims.Issuer] = fault.Value ?? "http://esia.evil.example/";
}
