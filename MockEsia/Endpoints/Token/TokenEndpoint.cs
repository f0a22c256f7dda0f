using Esia.Protocol;
using Esia.Protocol.Errors;
using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Journal;
using MockEsia.Validation;

namespace MockEsia.Endpoints.Token;

/// <summary>
/// <c>POST /aas/oauth2/v3/te</c>, <c>POST /aas/oauth2/v2/te</c> (same checks and signed strings as v3, reference §1.2) and
/// the legacy <c>POST /aas/oauth2/te</c>: the checks every grant shares (form, client, grant type, required parameters,
/// state, timestamp), then the grant's own class.
/// </summary>
internal sealed class TokenEndpoint
{
    private readonly ClientRegistry _clients;
    private readonly TimeProvider _clock;
    private readonly IOptionsMonitor<MockEsiaOptions> _options;
    private readonly TokenResponder _responder;
    private readonly IReadOnlyList<ITokenGrant> _grants;

    /// <summary>Creates the endpoint with its grants, in the order their names are listed to clients.</summary>
    public TokenEndpoint(ClientRegistry clients, TimeProvider clock, IOptionsMonitor<MockEsiaOptions> options, TokenResponder responder, IEnumerable<ITokenGrant> grants)
    {
        _clients = clients;
        _clock = clock;
        _options = options;
        _responder = responder;
        _grants = grants.ToArray();
    }

    /// <summary>Handles a token request at v3/te or the legacy v1 path.</summary>
    public async Task<IResult> HandleAsync(HttpContext context, ProtocolVersion version)
    {
        var queryCounts = _options.CurrentValue.Readings.TokenParametersInQuery == TokenQueryReading.Accept;
        IFormCollection form;
        if (!context.Request.HasFormContentType)
        {
            // Parameters in the query string of a bodiless POST count under the Accept reading (docs/readings.md).
            if (!(queryCounts && context.Request.Query.Count > 0 && context.Request.ContentLength is null or 0))
            {
                return _responder.Refuse(context, new Refusal(EsiaErrors.InvalidRequest, "request.content_type", null,
                    $"The body must be application/x-www-form-urlencoded; it is '{context.Request.ContentType ?? "absent"}'.", "POST the parameters as a form body."), null);
            }

            form = FormCollection.Empty;
        }
        else
        {
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
            {
                return _responder.Refuse(context, new Refusal(EsiaErrors.InvalidRequest, "request.form", null, $"The form body could not be read: {ex.Message}"), null);
            }
        }

        var p = queryCounts ? RequestParameters.FromFormAndQuery(form, context.Request.Query) : RequestParameters.FromForm(form);
        var state = p[EsiaParameters.State];
        var now = _clock.GetUtcNow();
        if (p.Duplicated.Count > 0)
        {
            return _responder.Refuse(context, new Refusal(EsiaErrors.InvalidRequest, "parameters.duplicated", p.Duplicated[0], $"The parameter '{p.Duplicated[0]}' is sent more than once."), state);
        }

        if (p.FirstMissing(EsiaParameters.ClientId, EsiaParameters.GrantType) is { } missingBasic)
        {
            return _responder.Refuse(context, Refusal.Missing(missingBasic), state);
        }

        var client = _clients.Find(p[EsiaParameters.ClientId]);
        if (client is null)
        {
            return _responder.Refuse(context, Refusal.UnknownClient(p[EsiaParameters.ClientId], _clients.NotLoaded(p[EsiaParameters.ClientId])), state);
        }

        RequestRecord.Of(context).ClientId = client.ClientId;
        var grantType = p[EsiaParameters.GrantType]!;
        if (_grants.FirstOrDefault(g => g.GrantType == grantType) is not { } grant)
        {
            return _responder.Refuse(context, new Refusal(EsiaErrors.UnsupportedGrantType, EsiaParameters.GrantType, EsiaParameters.GrantType,
                $"grant_type '{grantType}' is not supported ({string.Join(", ", _grants.Select(g => g.GrantType))})."), state);
        }

        if (!client.GrantTypes.Contains(grantType))
        {
            return _responder.Refuse(context, new Refusal(EsiaErrors.UnauthorizedClient, "grant_type.allowed", EsiaParameters.GrantType, $"{client.ClientId} may not use grant_type '{grantType}'."), state);
        }

        if (p.FirstMissing([.. grant.Required]) is { } missing)
        {
            return _responder.Refuse(context, Refusal.Missing(missing), state);
        }

        if ((RequestChecks.State(p) ?? RequestChecks.Timestamp(p, now, _options.CurrentValue.TimestampWindow)) is { } invalid)
        {
            return _responder.Refuse(context, invalid, state);
        }

        return await grant.HandleAsync(new TokenRequest(context, client, p, version, now, _options.CurrentValue.Readings));
    }
}
