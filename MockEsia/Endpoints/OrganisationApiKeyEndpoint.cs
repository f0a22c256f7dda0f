using Esia.Protocol.Secrets;
using MockEsia.Clients;
using MockEsia.Journal;
using MockEsia.Responses;
using MockEsia.Tokens;
using MockEsia.Validation;

namespace MockEsia.Endpoints;

/// <summary>
/// <c>GET /esia-rs/api/public/v1/orgs/ext-app/{api_key}/tkn?signature=…</c> → <c>{"accessTkn": …}</c>: the organisation
/// API-key token service as five public ЕПГУ API clients call it (reference §5.4). The signature is over the UTF-8 key,
/// base64url: a detached CMS/CAdES-BES or a raw GOST signature (which ESIA takes is the reading <c>ApiKeySignature</c>).
/// ESIA's error bodies, the token's lifetime and claims are unknown: refusals use the REST API's error body with
/// MockEsia's diagnosis, and the token is a <c>client_credentials</c>-style token for the organisation (docs/fidelity.md).
/// </summary>
/// <param name="clients">The registered clients and their API keys.</param>
/// <param name="issuer">Writes the organisation's token.</param>
/// <param name="authentication">The signature over the key.</param>
/// <param name="clock">MockEsia's time.</param>
internal sealed class OrganisationApiKeyEndpoint(ClientRegistry clients, TokenIssuer issuer, ClientAuthentication authentication, TimeProvider clock)
{
    /// <summary>Handles a token request for an API key.</summary>
    public IResult Handle(HttpContext context, string apiKey)
    {
        var key = Uri.UnescapeDataString(apiKey);
        var owner = clients.All.Select(c => (Client: c, Key: c.ApiKeys.FirstOrDefault(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase))))
            .FirstOrDefault(x => x.Key is not null);
        if (owner.Key is null)
        {
            return EsiaResults.RestError(context, StatusCodes.Status404NotFound, "not_found", $"No organisation has the API key '{key}'.");
        }

        var (client, registered) = owner;
        RequestRecord.Of(context).ClientId = client.ClientId;
        var signature = context.Request.Query["signature"].ToString();
        if (signature.Length == 0)
        {
            return EsiaResults.RestError(context, StatusCodes.Status400BadRequest, "invalid_request", "The signature parameter is missing: sign the API key (UTF-8) and send it base64url.");
        }

        var decoded = ClientSecretCodec.Decode(signature);
        if (!decoded.Success)
        {
            return EsiaResults.RestError(context, StatusCodes.Status400BadRequest, "invalid_request", $"The signature could not be decoded: {decoded.Detail}");
        }

        if (authentication.ProveApiKey(context, client, registered.Key, decoded) is { } why)
        {
            return EsiaResults.RestError(context, StatusCodes.Status401Unauthorized, "invalid_signature", why);
        }

        var scope = $"http://lk.gosuslugi.ru/api-order http://lk.gosuslugi.ru/api-geps http://esia.gosuslugi.ru/org_inf?org_oid={registered.OrganizationOid}";
        return EsiaResults.Json(new ApiKeyToken(issuer.SystemToken(client, scope, clock.GetUtcNow(), registered.EmployeeOid)));
    }
}

/// <summary>The service's answer: only <c>accessTkn</c>, the member public clients read.</summary>
/// <param name="AccessTkn">The organisation's access token.</param>
internal sealed record ApiKeyToken([property: System.Text.Json.Serialization.JsonPropertyName("accessTkn")] string AccessTkn);
