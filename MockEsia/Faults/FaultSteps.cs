using System.Text.Json.Nodes;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Tokens;

namespace MockEsia.Faults;

/// <summary>
/// One fault kind's behaviour. A handler implements the step interfaces of the protocol steps its kind applies at
/// (below); <see cref="FaultHandlers"/> finds it by <see cref="Kind"/>. Adding a fault is one new handler file (and its
/// <see cref="FaultKind"/> member), after the handler-per-step model of OpenIddict.
/// </summary>
internal interface IFaultHandler
{
    /// <summary>The kind this handler gives behaviour to.</summary>
    FaultKind Kind { get; }

    /// <summary>Refuses a fault of this kind that cannot work (beyond where it applies), with the reason.</summary>
    void Validate(Fault fault)
    {
    }
}

/// <summary>ac, when the code would be issued: shapes the redirect back to the client.</summary>
internal interface IAuthorizeRedirectFault : IFaultHandler
{
    /// <summary>Changes the redirect.</summary>
    void Apply(Fault fault, AuthorizeRedirect redirect);
}

/// <summary>What the redirect of an authorization carries.</summary>
internal sealed class AuthorizeRedirect
{
    /// <summary>The client the code is issued to.</summary>
    public required string CodeClientId { get; set; }

    /// <summary>The state sent back; null sends none.</summary>
    public required string? State { get; set; }

    /// <summary>When set, the redirect carries this error instead of a code.</summary>
    public Refusal? Refusal { get; set; }
}

/// <summary>te, once the client proved itself and the grant is resolved: answers instead of the tokens, or lets them go (after a delay).</summary>
internal interface ITokenResponseFault : IFaultHandler
{
    /// <summary>The answer that replaces the tokens, or null to go on.</summary>
    ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault, string? state);
}

/// <summary>te: which of the issued tokens the response carries.</summary>
internal interface ITokenBodyFault : IFaultHandler
{
    /// <summary>Leaves tokens out.</summary>
    void Shape(TokenBody body);
}

/// <summary>What a token response carries.</summary>
internal sealed class TokenBody
{
    /// <summary>The id_token, when one was issued.</summary>
    public bool IdToken { get; set; } = true;

    /// <summary>The refresh token, for offline access.</summary>
    public bool RefreshToken { get; set; } = true;
}

/// <summary>te: spoils the claims of the issued tokens.</summary>
internal interface ITokenClaimsFault : IFaultHandler
{
    /// <summary>The tokens this kind spoils whatever the fault's target says; null: the target decides.</summary>
    FaultTarget? Only => null;

    /// <summary>Spoils one token's claims.</summary>
    void Spoil(Fault fault, TokenClaims token);
}

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

/// <summary>te: spoils the signature of the issued tokens.</summary>
internal interface ITokenSignatureFault : IFaultHandler
{
    /// <summary>Changes how one token is signed.</summary>
    void Spoil(Fault fault, TokenSignature signature);
}

/// <summary>How one token is being signed.</summary>
internal sealed class TokenSignature
{
    /// <summary>The JOSE header, to change.</summary>
    public required JsonObject Header { get; init; }

    /// <summary>The key ESIA signs this client's tokens with.</summary>
    public required EsiaCredential Credential { get; init; }

    /// <summary>A key no <c>esia.zip</c> publishes.</summary>
    public required EsiaCredential Rogue { get; init; }

    /// <summary>Signs the signing input.</summary>
    public required Func<byte[], byte[]> Sign { get; set; }
}

/// <summary>rs: answers instead of the REST API, or lets it go on (after a delay).</summary>
internal interface IRestResponseFault : IFaultHandler
{
    /// <summary>The answer that replaces the data, or null to go on.</summary>
    ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault);
}
