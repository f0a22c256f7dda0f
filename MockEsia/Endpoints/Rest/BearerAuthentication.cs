using Esia.Protocol;
using Esia.Protocol.Scopes;
using Esia.Protocol.Tokens;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.Requests;
using MockEsia.Responses;
using MockEsia.State;
using MockEsia.Tokens;

namespace MockEsia.Endpoints.Rest;

/// <summary>
/// The REST API's bearer token, read once per request: a fault at the REST API (matched on the token's unverified
/// claims), then the checks ESIA makes — signature (skipped for tokens this process issued unaltered), type, issuer,
/// lifetime and expiry drills.
/// </summary>
internal sealed class BearerAuthentication(SigningKeys keys, TimeProvider clock, IOptionsMonitor<MockEsiaOptions> options, FaultRegistry faults, AccessTokenCutoffs cutoffs, IssuedAccessTokens issued)
{
    /// <summary>The bearer token of a request, checked; or the answer that refuses it (a fault's, or a 401).</summary>
    public async Task<(IResult? Denied, EsiaJwt? Token)> AuthenticateAsync(HttpContext context)
    {
        var raw = BearerHeader.Token(context.Request);
        EsiaJwt? token = null;
        var error = raw is null ? "The request has no 'Authorization: Bearer <access_token>' header." : EsiaJwt.TryParse(raw, out token, out var parseError) ? null : parseError;
        if (await FaultAsync(context, token, FaultEndpoint.Rest) is { } faulted)
        {
            return (faulted, token);
        }

        return (error is not null ? EsiaResults.RestUnauthorized(context, error) : Check(context, raw!, token!), token);
    }

    /// <summary>The answer of a fault at <paramref name="endpoint"/>, matched on the token's unverified claims (noted for the journal); null to go on.</summary>
    public async Task<IResult?> FaultAsync(HttpContext context, EsiaJwt? unverified, FaultEndpoint endpoint)
    {
        var scopes = EsiaScopes.Split(unverified?.GetString(EsiaClaims.Scope)).Select(s => EsiaScopes.Normalize(s).Name).ToArray();
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var record = RequestRecord.Of(context);
        record.ClientId = unverified?.GetString(EsiaClaims.ClientId);
        record.PersonOid = unverified?.GetNumber(EsiaClaims.SubjectId);
        return await faults.RespondAsync(context, new FaultContext(endpoint, record.ClientId, record.PersonOid, scopes, null, query));
    }

    private IResult? Check(HttpContext context, string raw, EsiaJwt token) => Verify(raw, token) is { } why ? EsiaResults.RestUnauthorized(context, why) : null;

    /// <summary>Why ESIA's resource servers refuse a bearer token (signature, type, issuer, lifetime, expiry drills); null when it is good.</summary>
    public string? Verify(string raw, EsiaJwt token)
    {
        if (!issued.Contains(raw) && EsiaTokenValidator.VerifySignature(token, keys.All, options.CurrentValue.Gost) is { Success: false } signature)
        {
            return signature.Detail;
        }

        if (token.TokenType != TokenTypes.Access)
        {
            return $"The token is a '{token.TokenType}' token, not an access token.";
        }

        if (token.GetString(EsiaClaims.Issuer) != options.CurrentValue.Issuer)
        {
            return $"The token's iss '{token.GetString("iss")}' is not this ESIA's ('{options.CurrentValue.Issuer}').";
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (token.GetNumber(EsiaClaims.Expires) is not { } exp || exp <= now || cutoffs.IsExpired(token.GetString(EsiaClaims.ClientId), token.GetNumber(EsiaClaims.IssuedAt) ?? 0))
        {
            return "The access token has expired.";
        }

        return token.GetNumber(EsiaClaims.NotBefore) is { } nbf && nbf > now ? "The access token is not valid yet." : null;
    }
}
