using Esia.Protocol;
using Esia.Protocol.Tokens;

namespace MockEsia.Faults.Kinds;

/// <summary>te: the id_token's <c>aud</c> / the access token's <c>client_id</c> name another client (<see cref="Fault.Value"/>, default OTHERSYS).</summary>
internal sealed class WrongAudience : ITokenClaimsFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.WrongAudience;

    /// <inheritdoc />
    public void Spoil(Fault fault, TokenClaims token) => token.Claims[token.TokenType == TokenTypes.Id ? EsiaClaims.Audience : EsiaClaims.ClientId] = fault.Value ?? "OTHERSYS";
}
