using System.Text;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Journal;
using MockEsia.Responses;
using MockEsia.Tokens;

namespace MockEsia.Endpoints;

/// <summary>
/// <c>GET /esia-rs/api/public/v1/orgs/ext-app/{api_key}/tkn?signature=…</c> → <c>{"accessTkn": …}</c>: the organisation
/// API-key token service as five public ЕПГУ API clients call it (reference §5.4). The signature is over the UTF-8 key,
/// base64url: a detached CMS/CAdES-BES or a raw GOST signature (which ESIA takes is the reading <c>ApiKeySignature</c>).
/// ESIA's error bodies, the token's lifetime and claims are unknown: refusals use the REST API's error body with
/// MockEsia's diagnosis, and the token is a <c>client_credentials</c>-style token for the organisation (docs/fidelity.md).
/// </summary>
internal sealed class OrganisationApiKeyEndpoint
{
    private readonly ClientRegistry _clients;
    private readonly TokenIssuer _issuer;
    private readonly TimeProvider _clock;
    private readonly IOptionsMonitor<MockEsiaOptions> _options;

    /// <summary>Creates the endpoint.</summary>
    public OrganisationApiKeyEndpoint(ClientRegistry clients, TokenIssuer issuer, TimeProvider clock, IOptionsMonitor<MockEsiaOptions> options)
    {
        _clients = clients;
        _issuer = issuer;
        _clock = clock;
        _options = options;
    }

    /// <summary>Handles a token request for an API key.</summary>
    public IResult Handle(HttpContext context, string apiKey)
    {
        var key = Uri.UnescapeDataString(apiKey);
        var owner = _clients.All.Select(c => (Client: c, Key: c.ApiKeys.FirstOrDefault(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase))))
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

        var reading = _options.CurrentValue.Readings.ApiKeySignature;
        var message = Encoding.UTF8.GetBytes(registered.Key);
        var verified = decoded.Form == ClientSecretForm.Cms
            ? reading != ApiKeySignatureReading.Raw && CmsSignature.Verify(decoded.Bytes, message, client.Certificates).Success
            : reading != ApiKeySignatureReading.Cms && client.Certificates.Any(c => c.VerifyRaw(message, decoded.Bytes));
        if (!verified)
        {
            var why = (decoded.Form, reading) switch
            {
                (ClientSecretForm.Cms, ApiKeySignatureReading.Raw) => "The signature is a CMS, but the reading ApiKeySignature=Raw takes only a raw GOST signature.",
                (ClientSecretForm.Raw, ApiKeySignatureReading.Cms) => "The signature is raw, but the reading ApiKeySignature=Cms takes only a detached CMS (CAdES-BES).",
                _ => $"The {(decoded.Form == ClientSecretForm.Cms ? "CMS" : "raw")} signature does not verify over the API key '{registered.Key}' (UTF-8) with a certificate of {client.ClientId}.",
            };
            RequestRecord.Of(context).Check("signature", false, why);
            return EsiaResults.RestError(context, StatusCodes.Status401Unauthorized, "invalid_signature", why);
        }

        RequestRecord.Of(context).Check("signature", true, $"{decoded.Form} signature over the API key verified with {client.ClientId}'s certificate");
        var scope = $"http://lk.gosuslugi.ru/api-order http://lk.gosuslugi.ru/api-geps http://esia.gosuslugi.ru/org_inf?org_oid={registered.OrganizationOid}";
        return EsiaResults.Json(new ApiKeyToken(_issuer.SystemToken(client, scope, _clock.GetUtcNow())));
    }
}

/// <summary>The service's answer: only <c>accessTkn</c>, the member public clients read.</summary>
/// <param name="AccessTkn">The organisation's access token.</param>
internal sealed record ApiKeyToken([property: System.Text.Json.Serialization.JsonPropertyName("accessTkn")] string AccessTkn);
