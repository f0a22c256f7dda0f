using Esia.Protocol;
using Esia.Protocol.Errors;
using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.Requests;
using MockEsia.Validation;

namespace MockEsia.Endpoints.Token;

/// <summary>
/// <c>POST /aas/oauth2/v3/te</c>, <c>POST /aas/oauth2/v2/te</c> (same checks and signed strings as v3, reference §1.2) and
/// the legacy <c>POST /aas/oauth2/te</c>, in one direction: the checks every grant shares (form, client, grant type,
/// required parameters, state, timestamp), the grant's own validation, then the <c>Token</c> fault (looked up once)
/// and the answer.
/// </summary>
/// <param name="clients">The registered clients.</param>
/// <param name="clock">MockEsia's time.</param>
/// <param name="options">The timestamp window.</param>
/// <param name="readings">The readings in force.</param>
/// <param name="faults">The faults in force.</param>
/// <param name="responder">Writes the tokens and the refusals.</param>
/// <param name="grants">The grants, in the order their names are listed to clients.</param>
internal sealed class TokenEndpoint(ClientRegistry clients, TimeProvider clock, IOptionsMonitor<MockEsiaOptions> options, ServerReadings readings, FaultRegistry faults,
    TokenResponder responder, IEnumerable<ITokenGrant> grants)
{
    private readonly IReadOnlyList<ITokenGrant> _grants = [.. grants];

    /// <summary>Handles a token request at v3/te, v2/te or the legacy v1 path.</summary>
    public async Task<IResult> HandleAsync(HttpContext context, ProtocolVersion version)
    {
        var reading = readings.Current.Readings;
        var (request, state, refusal) = await ValidateAsync(context, version, reading);
        if (refusal is not null)
        {
            return responder.Refuse(context, refusal, state);
        }

        var grant = _grants.First(g => g.GrantType == request!.GrantType);
        var outcome = await grant.ValidateAsync(request!);
        if (outcome.Refusal is { } refused)
        {
            return responder.Refuse(context, refused, request!.State);
        }

        var fault = await faults.TakeNotedAsync(context, new FaultContext(FaultEndpoint.Token, request!.Client.ClientId, outcome.Subject?.Person.Oid, outcome.Scopes,
            request.GrantType, request.Parameters.Flat));
        if (FaultHandlers.At<ITokenResponseFault>(fault?.Kind) is { } respond && await respond.RespondAsync(context, fault!, request.State) is { } answer)
        {
            return answer;
        }

        return outcome.Subject is { } subject
            ? await responder.PersonTokensAsync(request, subject, outcome.RedirectUri!, outcome.Offline, fault)
            : responder.SystemToken(request, outcome.SystemScope!);
    }

    // The checks every grant shares: the request for its grant, or the refusal (with the state to echo).
    private async Task<(TokenRequest? Request, string? State, Refusal? Refusal)> ValidateAsync(HttpContext context, ProtocolVersion version, ReadingOptions reading)
    {
        var queryCounts = reading.TokenParametersInQuery == TokenQueryReading.Accept;
        var form = await RequestForm.ReadAsync(context);
        // Parameters in the query string of a bodiless POST count under the Accept reading (docs/readings.md).
        var bodilessQuery = form.NotAForm && queryCounts && context.Request.Query.Count > 0 && context.Request.ContentLength is null or 0;
        if (!form.Read && !bodilessQuery)
        {
            return (null, null, Refusal.Form(form.Problem!, form.NotAForm));
        }

        var p = queryCounts ? RequestParameters.FromFormAndQuery(form.Form, context.Request.Query) : RequestParameters.FromForm(form.Form);
        var now = clock.GetUtcNow();
        var state = p[EsiaParameters.State];
        if (p.Duplicated.Count > 0)
        {
            return (null, state, Refusal.Duplicated(p.Duplicated[0]));
        }

        if (p.FirstMissing(EsiaParameters.ClientId, EsiaParameters.GrantType) is { } missingBasic)
        {
            return (null, state, Refusal.Missing(missingBasic));
        }

        var client = clients.Find(p[EsiaParameters.ClientId]);
        if (client is null)
        {
            return (null, state, Refusal.UnknownClient(p[EsiaParameters.ClientId], clients.NotLoaded(p[EsiaParameters.ClientId])));
        }

        RequestRecord.Of(context).ClientId = client.ClientId;
        var request = new TokenRequest(context, client, p, version, now, reading);
        var grantType = p[EsiaParameters.GrantType]!;
        if (_grants.FirstOrDefault(g => g.GrantType == grantType) is not { } grant)
        {
            return (request, state, new Refusal(EsiaErrors.UnsupportedGrantType, EsiaParameters.GrantType, EsiaParameters.GrantType,
                $"grant_type '{grantType}' is not supported ({string.Join(", ", _grants.Select(g => g.GrantType))})."));
        }

        if (!client.GrantTypes.Contains(grantType))
        {
            return (request, state, new Refusal(EsiaErrors.UnauthorizedClient, "grant_type.allowed", EsiaParameters.GrantType, $"{client.ClientId} may not use grant_type '{grantType}'."));
        }

        var invalid = p.FirstMissing([.. grant.Required]) is { } missing ? Refusal.Missing(missing)
            : RequestChecks.State(p) ?? RequestChecks.TokenType(p) ?? RequestChecks.Timestamp(p, now, options.CurrentValue.TimestampWindow);
        return (request, state, invalid);
    }
}
