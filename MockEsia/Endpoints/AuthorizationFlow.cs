using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.People;
using MockEsia.Results;
using MockEsia.State;
using MockEsia.Tokens;

namespace MockEsia.Endpoints;

/// <summary>What the authorize, login and consent steps share: SSO sessions and issuing the code.</summary>
public sealed class AuthorizationFlow
{
    /// <summary>The SSO cookie's name.</summary>
    public const string SsoCookie = "mockesia_sso";

    private readonly IMockEsiaStore _store;
    private readonly TokenIssuer _issuer;
    private readonly TimeProvider _clock;
    private readonly IOptionsMonitor<MockEsiaOptions> _options;

    /// <summary>Creates the flow.</summary>
    public AuthorizationFlow(IMockEsiaStore store, TokenIssuer issuer, TimeProvider clock, IOptionsMonitor<MockEsiaOptions> options)
    {
        _store = store;
        _issuer = issuer;
        _clock = clock;
        _options = options;
    }

    /// <summary>The live SSO session of this browser, if any.</summary>
    public async Task<SsoSession?> CurrentSessionAsync(HttpContext context) =>
        context.Request.Cookies.TryGetValue(SsoCookie, out var id) && !string.IsNullOrEmpty(id)
            ? await _store.FindSessionAsync(id, _clock.GetUtcNow())
            : null;

    /// <summary>Starts an SSO session for a person and sets the cookie.</summary>
    public async Task<SsoSession> StartSessionAsync(HttpContext context, Person person)
    {
        var now = _clock.GetUtcNow();
        var session = new SsoSession(Guid.NewGuid().ToString(), person.Oid, now, now + _options.CurrentValue.SsoLifetime);
        await _store.SaveSessionAsync(session);
        context.Response.Cookies.Append(SsoCookie, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = _options.CurrentValue.SsoLifetime,
            Secure = context.Request.IsHttps,
        });
        return session;
    }

    /// <summary>Ends this browser's SSO session.</summary>
    public async Task EndSessionAsync(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(SsoCookie, out var id) && !string.IsNullOrEmpty(id))
        {
            await _store.RemoveSessionAsync(id);
        }

        context.Response.Cookies.Delete(SsoCookie, new CookieOptions { Path = "/" });
    }

    /// <summary>Issues a code for a consented request and redirects the browser to the client with it.</summary>
    public async Task<IResult> IssueCodeAsync(ClientRegistration client, PendingAuthorization pending, Person person, SsoSession session)
    {
        var now = _clock.GetUtcNow();
        var code = _issuer.Code(client, new Subject(person, pending.Scopes, session.Id, session.AuthTime), pending.State, now);
        await _store.SaveCodeAsync(new CodeGrant(code, client.ClientId, pending.RedirectUri, pending.Scopes, person.Oid, session.Id, pending.State,
            pending.AccessType, session.AuthTime, now + _options.CurrentValue.CodeLifetime));
        return Microsoft.AspNetCore.Http.Results.Redirect(EsiaResults.AppendQuery(pending.RedirectUri, [new("code", code), new("state", pending.State)]));
    }
}
