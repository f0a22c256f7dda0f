using System.Text.Json.Nodes;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Scopes;
using Esia.Protocol.Tokens;
using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Faults;

namespace MockEsia.Tokens;

/// <summary>What a person's tokens are about.</summary>
/// <param name="Person">The person.</param>
/// <param name="Scopes">Granted scopes (bare names).</param>
/// <param name="SessionId">The <c>urn:esia:sid</c>.</param>
/// <param name="AuthTime">When the person logged in.</param>
/// <param name="Nonce">The authorization request's nonce, when the id_token echoes it (reading <c>NonceEcho</c>).</param>
internal sealed record Subject(Person Person, IReadOnlyList<string> Scopes, string SessionId, DateTimeOffset AuthTime, string? Nonce = null);

/// <summary>Writes ESIA's codes and tokens with ESIA's claims (reference §3.4, §6).</summary>
internal sealed class TokenIssuer(SigningKeys keys, IOptionsMonitor<MockEsiaOptions> options, IssuedAccessTokens issued)
{
    private MockEsiaOptions Options => options.CurrentValue;

    /// <summary>
    /// The scopes as ESIA writes them in tokens: person scopes suffixed <c>?oid=</c>; <c>openid</c> bare; URL scopes (the
    /// ones consents grant, e.g. <c>http://lk.gosuslugi.ru/api-order</c>) bare, as the real 2025 token carries them (reference §5.4, S15).
    /// </summary>
    public static string ScopeClaim(IEnumerable<string> scopes, long oid) =>
        string.Join(' ', scopes.Select(s => s == EsiaScopes.OpenId || EsiaScopes.Normalize(s).Query.Length > 0 || s.Contains("://", StringComparison.Ordinal) ? s : $"{s}?oid={oid}"));

    /// <summary>An authorization code: a JWT with <c>sbt=authorization_code</c>.</summary>
    public string Code(ClientRegistration client, Subject subject, string state, DateTimeOffset now, string? clientIdOverride = null)
    {
        var iat = now.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            [EsiaClaims.NotBefore] = iat,
            [EsiaClaims.Scope] = ScopeClaim(subject.Scopes, subject.Person.Oid),
            ["auth_time"] = subject.AuthTime.ToUnixTimeSeconds(),
            [EsiaClaims.Issuer] = Options.Issuer,
            [EsiaClaims.SessionId] = subject.SessionId,
            ["urn:esia:client:state"] = state,
            ["auth_mthd"] = "PWD",
            ["urn:esia:sbj"] = SubjectClaim(subject.Person),
            [EsiaClaims.Expires] = iat + (long)Options.CodeLifetime.TotalSeconds,
            ["params"] = new JsonObject(),
            [EsiaClaims.IssuedAt] = iat,
            ["acr"] = new JsonObject { ["2fa"] = "otp" },
            [EsiaClaims.ClientId] = clientIdOverride ?? client.ClientId,
        };
        return Sign(client, TokenTypes.AuthorizationCode, claims, null);
    }

    /// <summary>Access token, id_token (when <c>openid</c> was granted) for a person.</summary>
    public (string Access, string? Id) PersonTokens(ClientRegistration client, Subject subject, DateTimeOffset now, Fault? fault = null)
    {
        var iat = now.ToUnixTimeSeconds();
        var access = new JsonObject
        {
            [EsiaClaims.NotBefore] = iat,
            [EsiaClaims.Scope] = ScopeClaim(subject.Scopes, subject.Person.Oid),
            [EsiaClaims.Issuer] = Options.Issuer,
            [EsiaClaims.SessionId] = subject.SessionId,
            [EsiaClaims.SubjectId] = subject.Person.Oid,
            [EsiaClaims.Expires] = iat + (long)AccessLifetime(client).TotalSeconds,
            [EsiaClaims.IssuedAt] = iat,
            [EsiaClaims.ClientId] = client.ClientId,
        };
        string? id = null;
        if (subject.Scopes.Contains(EsiaScopes.OpenId))
        {
            var idClaims = new JsonObject
            {
                [EsiaClaims.Audience] = client.ClientId,
                [EsiaClaims.Subject] = subject.Person.Oid,
                [EsiaClaims.NotBefore] = iat,
                ["amr"] = "PWD",
                ["urn:esia:amd"] = "PWD",
                ["auth_time"] = subject.AuthTime.ToUnixTimeSeconds(),
                [EsiaClaims.Issuer] = Options.Issuer,
                [EsiaClaims.SessionId] = subject.SessionId,
                ["urn:esia:sbj"] = SubjectClaim(subject.Person),
                [EsiaClaims.Expires] = iat + (long)IdLifetime(client).TotalSeconds,
                [EsiaClaims.IssuedAt] = iat,
            };
            if (subject.Nonce is not null)
            {
                idClaims[EsiaParameters.Nonce] = subject.Nonce;
            }

            var idFault = Spoiling(fault, TokenTypes.Id);
            id = Sign(client, TokenTypes.Id, Spoil(client, idClaims, idFault, TokenTypes.Id), idFault);
        }

        var accessFault = Spoiling(fault, TokenTypes.Access);
        return (Sign(client, TokenTypes.Access, Spoil(client, access, accessFault, TokenTypes.Access), accessFault), id);
    }

    /// <summary>The client's access token lifetime (its own, or the global one).</summary>
    public TimeSpan AccessLifetime(ClientRegistration client) => client.AccessTokenLifetime ?? Options.AccessTokenLifetime;

    /// <summary>The client's refresh token lifetime (its own, or the global one).</summary>
    public TimeSpan RefreshLifetime(ClientRegistration client) => client.RefreshTokenLifetime ?? Options.RefreshTokenLifetime;

    private TimeSpan IdLifetime(ClientRegistration client) => client.IdTokenLifetime ?? Options.IdTokenLifetime;

    /// <summary>An access token for <c>client_credentials</c> (system or organisation scopes).</summary>
    /// <remarks><paramref name="personOid"/>: the person the token names (<c>urn:esia:sbj_id</c>), as the API-key service's token names the employee who made the key.</remarks>
    public string SystemToken(ClientRegistration client, string scope, DateTimeOffset now, long? personOid = null)
    {
        var iat = now.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            [EsiaClaims.Scope] = scope,
            [EsiaClaims.Issuer] = Options.Issuer,
            [EsiaClaims.SessionId] = Guid.NewGuid().ToString(),
            [EsiaClaims.Expires] = iat + (long)Options.ClientCredentialsTokenLifetime.TotalSeconds,
            [EsiaClaims.IssuedAt] = iat,
            [EsiaClaims.ClientId] = client.ClientId,
        };
        if (personOid is { } oid)
        {
            claims[EsiaClaims.SubjectId] = oid;
        }

        return Sign(client, TokenTypes.Access, claims, null);
    }

    // The fault, when it spoils tokens of this type (its target, or the only tokens its kind spoils).
    private static Fault? Spoiling(Fault? fault, string tokenType)
    {
        if (fault is null || !FaultHandlers.SpoilsTokens(fault.Kind))
        {
            return null;
        }

        var target = FaultHandlers.At<ITokenClaimsFault>(fault.Kind)?.Only ?? fault.Target;
        return target == FaultTarget.Both || (target == FaultTarget.Id) == (tokenType == TokenTypes.Id) ? fault : null;
    }

    private JsonObject Spoil(ClientRegistration client, JsonObject claims, Fault? fault, string tokenType)
    {
        if (fault is null)
        {
            return claims;
        }

        var lifetime = (long)(tokenType == TokenTypes.Id ? IdLifetime(client) : AccessLifetime(client)).TotalSeconds;
        var token = new TokenClaims(claims, tokenType, lifetime);
        FaultHandlers.At<ITokenClaimsFault>(fault.Kind)?.Spoil(fault, token);
        if (fault.Subject is { } decoy)
        {
            claims[token.SubjectClaim] = decoy;
            if (claims["urn:esia:sbj"] is JsonObject sbj)
            {
                sbj["urn:esia:sbj:oid"] = decoy;
            }
        }

        return claims;
    }

    private string Sign(ClientRegistration client, string tokenType, JsonObject claims, Fault? fault)
    {
        var credential = keys.For(client.TokenAlgorithm);
        var signature = new TokenSignature
        {
            Header = EsiaJwtWriter.Header(tokenType, credential.Certificate.KeyAlgorithm.JwtAlgorithm(),
                tokenType == TokenTypes.AuthorizationCode ? credential.Certificate.Sha256Hex : null),
            Credential = credential,
            Rogue = keys.Rogue,
            Sign = data => credential.Sign(data),
        };
        var spoiler = FaultHandlers.At<ITokenSignatureFault>(fault?.Kind);
        spoiler?.Spoil(fault!, signature);
        var token = EsiaJwtWriter.Write(signature.Header, claims, signature.Sign, Options.EscapeSlashesInTokens);
        if (tokenType == TokenTypes.Access && spoiler is null)
        {
            issued.Add(token);
        }

        return token;
    }

    private static JsonObject SubjectClaim(Person person)
    {
        var sbj = new JsonObject { ["urn:esia:sbj:typ"] = "P" };
        if (person.Trusted)
        {
            sbj["urn:esia:sbj:is_tru"] = true;
        }

        sbj["urn:esia:sbj:oid"] = person.Oid;
        sbj["urn:esia:sbj:nam"] = $"OID.{person.Oid}";
        sbj["urn:esia:sbj:eid"] = person.Oid % 10_000_000;
        sbj["urn:esia:sbj:lvl"] = person.Trusted ? "PR" : "P";
        return sbj;
    }
}
