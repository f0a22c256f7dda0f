using Esia.Protocol.Tokens;
using Esia.Protocol;
using Esia.Protocol.Errors;
using Esia.Protocol.Scopes;
using Esia.Protocol.Secrets;
using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Consents;
using MockEsia.Journal;
using MockEsia.People;
using MockEsia.Requests;
using MockEsia.Responses;
using MockEsia.State;
using MockEsia.Validation;

namespace MockEsia.Endpoints;

/// <summary><c>GET /aas/oauth2/v2/ac</c> and the legacy <c>GET /aas/oauth2/ac</c>.</summary>
internal sealed class AuthorizeEndpoint(ClientRegistry clients, PeopleStore people, IMockEsiaStore store, ClientAuthentication authentication, AuthorizationFlow flow, TimeProvider clock, IOptionsMonitor<MockEsiaOptions> options, ServerReadings readings, ILogger<AuthorizeEndpoint> logger)
{
    /// <summary>Handles an authorization request at v2/ac or the legacy v1 path.</summary>
    public async Task<IResult> HandleAsync(HttpContext context, ProtocolVersion version)
    {
        // v1's ac also takes its parameters as a POSTed form (reference §1.2).
        var p = RequestParameters.FromQuery(context.Request.Query);
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var form = await RequestForm.ReadAsync(context);
            if (!form.Read)
            {
                return Page(context, Refusal.Form(form.Problem!, form.NotAForm));
            }

            p = RequestParameters.FromForm(form.Form);
        }

        var now = clock.GetUtcNow();
        var clientId = p[EsiaParameters.ClientId];
        var redirectUri = p[EsiaParameters.RedirectUri];
        var state = p[EsiaParameters.State];

        if (string.IsNullOrEmpty(clientId))
        {
            return Page(context, Refusal.Missing(EsiaParameters.ClientId));
        }

        var client = clients.Find(clientId);
        if (client is null)
        {
            var unknown = Refusal.UnknownClient(clientId, clients.NotLoaded(clientId));
            return readings.Current.Readings.UnknownClient == UnknownClientReading.Redirect && ClientRegistration.RedirectProblem(redirectUri) is null
                ? Refuse(context, redirectUri!, unknown, state)
                : Page(context, unknown);
        }

        if (string.IsNullOrEmpty(redirectUri))
        {
            return Page(context, Refusal.Missing(EsiaParameters.RedirectUri));
        }

        if (ClientRegistration.RedirectProblem(redirectUri) is { } malformed)
        {
            return Page(context, new Refusal(EsiaErrors.RedirectUriNotRegistered, "redirect_uri.registered", EsiaParameters.RedirectUri,
                $"The redirect_uri cannot be redirected to: {malformed}.", "Send the registered redirect URI exactly as registered, percent-encoded in the query string."));
        }

        if (!client.IsRedirectAllowed(redirectUri))
        {
            var refusal = new Refusal(EsiaErrors.RedirectUriNotRegistered, "redirect_uri.registered", EsiaParameters.RedirectUri,
                $"'{redirectUri}' is not on a {(client.RedirectMatching == RedirectMatching.Domain ? "domain" : "URL")} registered for {client.ClientId} ({string.Join(", ", client.RedirectUris)}).",
                "Register the redirect URI's domain for the client.");
            return readings.Current.UnregisteredRedirect == UnregisteredRedirectBehaviour.Redirect && Uri.IsWellFormedUriString(redirectUri, UriKind.Absolute)
                ? Refuse(context, redirectUri, refusal, state)
                : Page(context, refusal);
        }

        RequestRecord.Of(context).ClientId = client.ClientId;
        if (Validate(context, p, client, now, version) is { } invalid)
        {
            return Refuse(context, redirectUri, invalid, state);
        }

        var (challenge, method, badPkce) = Pkce.Challenge(p, readings.Current.Readings.PkceMethod);
        if (badPkce is not null)
        {
            return Refuse(context, redirectUri, badPkce, state);
        }

        var scopes = EsiaScopes.Split(p[EsiaParameters.Scope]);
        var (consents, badConsent) = Permissions.Parse(p, scopes, readings.Current.Readings.PermissionsEncoding);
        if ((badConsent ?? OrganisationChoice.Check(p[EsiaParameters.ScopeOrg])) is { } badRequest)
        {
            return Refuse(context, redirectUri, badRequest, state);
        }

        var (confirmedOnly, badFilter) = PersonFilter(p[PersonFilterParameter]);
        if (badFilter is not null)
        {
            return Refuse(context, redirectUri, badFilter, state);
        }

        var pending = new PendingAuthorization(Guid.NewGuid().ToString("N"), client.ClientId, redirectUri, scopes, p[EsiaParameters.ScopeOrg] ?? "", state!,
            p[EsiaParameters.AccessType] is { Length: > 0 } accessType ? accessType : "online", now + TimeSpan.FromHours(1), challenge, method, consents.Count == 0 ? null : consents,
            p[EsiaParameters.Nonce] is { Length: > 0 } nonce ? nonce : null, confirmedOnly);

        if (client.HeadlessPersonOid is { } oid)
        {
            if (people.Find(oid) is not { } headlessPerson)
            {
                return Page(context, new Refusal(EsiaErrors.ServerError, "headless.person", null, $"The headless person {oid} configured for {client.ClientId} does not exist."));
            }

            return await flow.IssueCodeAsync(context, client, pending, headlessPerson, flow.HeadlessSession(headlessPerson));
        }

        await store.SavePendingAsync(pending);
        var target = await flow.CurrentSessionAsync(context) is null ? EsiaPaths.LoginPage : EsiaPaths.ConsentPage;
        return Results.Redirect($"{target}?req={pending.Id}");
    }

    private Refusal? Validate(HttpContext context, RequestParameters p, ClientRegistration client, DateTimeOffset now, ProtocolVersion version)
    {
        var record = RequestRecord.Of(context);
        if (p.Duplicated.Count > 0)
        {
            return Refusal.Duplicated(p.Duplicated[0]);
        }

        if (p.FirstMissing(EsiaParameters.ClientSecret, EsiaParameters.Scope, EsiaParameters.ResponseType, EsiaParameters.State, EsiaParameters.Timestamp) is { } missing)
        {
            return Refusal.Missing(missing);
        }

        if (p[EsiaParameters.ResponseType] != EsiaParameters.Code)
        {
            return new Refusal(EsiaErrors.UnsupportedResponseType, EsiaParameters.ResponseType, EsiaParameters.ResponseType, $"response_type is '{p[EsiaParameters.ResponseType]}'; ESIA supports only 'code'.", "Send response_type=code.");
        }

        if ((RequestChecks.State(p) ?? RequestChecks.Timestamp(p, now, options.CurrentValue.TimestampWindow) ?? RequestChecks.Scopes(p, client)) is { } invalid)
        {
            return invalid;
        }

        record.Check(EsiaParameters.State, true, "a UUID");
        record.Check(EsiaParameters.Timestamp, true, $"{p[EsiaParameters.Timestamp]} is within ±{options.CurrentValue.TimestampWindow.TotalSeconds:0} s");
        record.Check(EsiaParameters.Scope, true, $"'{p[EsiaParameters.Scope]}' known and allowed");

        if (p[EsiaParameters.AccessType] is { Length: > 0 } accessType && accessType is not ("online" or "offline"))
        {
            return new Refusal(EsiaErrors.InvalidRequest, EsiaParameters.AccessType, EsiaParameters.AccessType, $"access_type is '{accessType}'; ESIA knows 'online' and 'offline'.");
        }

        return authentication.Prove(context, client, p, version, [SignedStringKind.V2Authorize], now);
    }

    private IResult Page(HttpContext context, Refusal refusal)
    {
        Log(refusal);
        return EsiaResults.ErrorPage(context, refusal);
    }

    private IResult Refuse(HttpContext context, string redirectUri, Refusal refusal, string? state)
    {
        Log(refusal);
        return EsiaResults.RedirectError(context, redirectUri, refusal, state);
    }

    private void Log(Refusal refusal) =>
        logger.LogInformation("ac refused: {Code} {Diagnostic}", refusal.Error.Code, SecretText.Printable(refusal.Diagnostic));

    /// <summary>The <c>person_filter</c> parameter (reference §3.1).</summary>
    private const string PersonFilterParameter = "person_filter";

    // person_filter: base64 of conf_acc, the only value ever seen (reference §3.1, [L]); read as "confirmed accounts only"
    // unless the reading PersonFilter=Ignore; another value is refused (nothing else is known).
    private (bool ConfirmedOnly, Refusal? Refusal) PersonFilter(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (false, null);
        }

        var decoded = Base64Url.TryDecode(value) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
        return decoded == "conf_acc"
            ? (readings.Current.Readings.PersonFilter == PersonFilterReading.ConfirmedOnly, null)
            : (false, new Refusal(EsiaErrors.InvalidRequest, "person_filter", PersonFilterParameter,
                $"person_filter '{value}' is not base64 of conf_acc, the only filter known (reference §3.1).", "Send person_filter=Y29uZl9hY2M (conf_acc), or leave it out."));
    }
}
