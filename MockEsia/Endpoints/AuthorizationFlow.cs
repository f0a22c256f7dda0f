using Esia.Protocol.Errors;
using Esia.Protocol;
using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.People;
using MockEsia.Responses;
using MockEsia.State;
using MockEsia.Tokens;

namespace MockEsia.Endpoints;

/// <summary>What the authorize, login and consent steps share: SSO sessions and issuing the code.</summary>
internal sealed class AuthorizationFlow(IMockEsiaStore store, TokenIssuer issuer, TimeProvider clock, IOptionsMonitor<MockEsiaOptions> options, FaultRegistry faults)
{
    /// <summary>The SSO cookie's name.</summary>
    public const string SsoCookie = "mockesia_sso";

    /// <summary>The live SSO session of this browser, if any.</summary>
    public async Task<SsoSession?> CurrentSessionAsync(HttpContext context) =>
        context.Request.Cookies.TryGetValue(SsoCookie, out var id) && !string.IsNullOrEmpty(id)
            ? await store.FindSessionAsync(id, clock.GetUtcNow())
            : null;

    /// <summary>Starts an SSO session for a person and sets the cookie.</summary>
    public async Task<SsoSession> StartSessionAsync(HttpContext context, Person person)
    {
        var now = clock.GetUtcNow();
        var session = new SsoSession(Guid.NewGuid().ToString(), person.Oid, now, now + options.CurrentValue.SsoLifetime);
        await store.SaveSessionAsync(session);
        context.Response.Cookies.Append(SsoCookie, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = options.CurrentValue.SsoLifetime,
            Secure = context.Request.IsHttps,
        });
        return session;
    }

    /// <summary>A session for a headless login: not stored and no cookie, since no browser comes back to it.</summary>
    public SsoSession HeadlessSession(Person person)
    {
        var now = clock.GetUtcNow();
        return new SsoSession(Guid.NewGuid().ToString(), person.Oid, now, now + options.CurrentValue.SsoLifetime);
    }

    /// <summary>Ends this browser's SSO session.</summary>
    public async Task EndSessionAsync(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(SsoCookie, out var id) && !string.IsNullOrEmpty(id))
        {
            await store.RemoveSessionAsync(id);
        }

        context.Response.Cookies.Delete(SsoCookie, new CookieOptions { Path = "/" });
    }

    /// <summary>Issues a code for a consented request and redirects the browser to the client with it (or with an injected fault).</summary>
    public async Task<IResult> IssueCodeAsync(HttpContext context, ClientRegistration client, PendingAuthorization pending, Person person, SsoSession session, long? organisation = null)
    {
        var record = RequestRecord.Of(context);
        record.ClientId = client.ClientId;
        record.PersonOid = person.Oid;
        var parameters = new Dictionary<string, string>
        {
            [EsiaParameters.ClientId] = client.ClientId,
            [EsiaParameters.RedirectUri] = pending.RedirectUri,
            [EsiaParameters.Scope] = string.Join(' ', pending.Scopes),
            [EsiaParameters.State] = pending.State,
            [EsiaParameters.AccessType] = pending.AccessType,
        };
        var fault = await faults.TakeNotedAsync(context, new FaultContext(FaultEndpoint.Authorize, client.ClientId, person.Oid, pending.Scopes, null, parameters));
        var shape = new AuthorizeRedirect { CodeClientId = client.ClientId, State = pending.State };
        if (fault is not null)
        {
            FaultHandlers.At<IAuthorizeRedirectFault>(fault.Kind)?.Apply(fault, shape);
        }

        if (shape.Refusal is { } refusal)
        {
            return EsiaResults.RedirectError(context, pending.RedirectUri, refusal, pending.State);
        }

        var now = clock.GetUtcNow();
        var codeClient = shape.CodeClientId;
        // Each authorization has its own urn:esia:sid, shared by its code and the tokens issued on it (docs/fidelity.md): it also keeps
        // two codes of one person, state and second apart without a claim ESIA does not send.
        var sid = Guid.NewGuid().ToString();
        if (pending.ConfirmedOnly && !person.Trusted)
        {
            return EsiaResults.RedirectError(context, pending.RedirectUri, new Refusal(EsiaErrors.UnconfirmedAccount, "person_filter.conf_acc", "person_filter",
                $"Person {person.Oid}'s account is not confirmed (trusted=false), and person_filter=conf_acc admits confirmed accounts only.",
                "Sign in with a confirmed account, or send no person_filter (reading PersonFilter=Ignore ignores it)."), pending.State);
        }

        var (organisationScopes, notEmployee) = OrganisationChoice.Bind(pending.ScopeOrg, person, organisation);
        if (notEmployee is not null)
        {
            return EsiaResults.RedirectError(context, pending.RedirectUri, notEmployee, pending.State);
        }

        // Consented and organisation scopes join the granted ones, so the code and the tokens carry them (docs/fidelity.md:
        // where ESIA puts consents is unknown).
        var scopes = pending.Scopes.Concat(pending.Consents?.SelectMany(c => c.Scopes) ?? []).Concat(organisationScopes).Distinct(StringComparer.Ordinal).ToArray();
        var code = issuer.Code(client, new Subject(person, scopes, sid, session.AuthTime), pending.State, now, codeClient);
        await store.SaveCodeAsync(new CodeGrant(code, codeClient, pending.RedirectUri, scopes, person.Oid, sid, pending.State,
            pending.AccessType, session.AuthTime, now + options.CurrentValue.CodeLifetime, pending.CodeChallenge, pending.CodeChallengeMethod, pending.Nonce));
        // The consents given are ESIA's record from now on: API ЕПГУ checks them, and prm_chg renews tokens on them (reference §10).
        foreach (var consent in pending.Consents ?? [])
        {
            await store.SaveConsentAsync(new ConsentGrant(client.ClientId, person.Oid, consent.Sysname, consent.Scopes, now, now + TimeSpan.FromMinutes(consent.ExpireMinutes)));
        }
        var redirect = new List<KeyValuePair<string, string?>> { new(EsiaParameters.Code, code) };
        if (shape.State is { } state)
        {
            redirect.Add(new(EsiaParameters.State, state));
        }

        return Results.Redirect(EsiaResults.AppendQuery(pending.RedirectUri, redirect));
    }
}
