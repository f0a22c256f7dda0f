using System.Text.Json.Nodes;
using Esia.Protocol;
using Esia.Protocol.Tokens;

namespace MockEsia.Faults;

/// <summary>One token's claims being issued.</summary>
/// <param name="Claims">The claims, to change.</param>
/// <param name="TokenType">Its <c>sbt</c>: access or id.</param>
/// <param name="LifetimeSeconds">Its lifetime.</param>
internal sealed record TokenClaims(JsonObject Claims, string TokenType, long LifetimeSeconds)
{
    /// <summary>The claim that names the person: <c>sub</c> in the id_token, <c>urn:esia:sbj_id</c> in the access token.</summary>
    public string SubjectClaim => TokenType == TokenTypes.Id ? EsiaClaims.Subject : EsiaClaims.SubjectId;

    /// <summary>When it was issued.</summary>
    public long IssuedAt => Claims[EsiaClaims.IssuedAt]!.GetValue<long>();
}
