using Esia.Protocol;
using Esia.Protocol.Errors;
using MockEsia.Clients;
using MockEsia.Pages;
using MockEsia.People;
using MockEsia.Requests;
using MockEsia.Responses;
using MockEsia.State;

namespace MockEsia.Endpoints;

/// <summary>The login and consent pages between <c>ac</c> and the redirect back to the client.</summary>
internal sealed class LoginEndpoints(ClientRegistry clients, PeopleStore people, IMockEsiaStore store, AuthorizationFlow flow, TimeProvider clock)
{
    private const int PeopleShown = 40;

    private static Refusal UnknownRequest => new(EsiaErrors.InvalidRequest, "login.request", "req",
        "The authorization request is unknown or has expired (more than an hour old, or already answered).", "Start the login again from the system.");

    /// <summary><c>GET /aas/oauth2/login?req=…</c>.</summary>
    public async Task<IResult> ShowLoginAsync(HttpContext context)
    {
        var (pending, client) = await PendingAsync(context.Request.Query["req"]);
        return pending is null || client is null
            ? EsiaResults.ErrorPage(context, UnknownRequest)
            : EsiaResults.Html(HtmlPages.Login(pending.Id, client, people.All.Take(PeopleShown).ToArray(), null));
    }

    /// <summary><c>POST /aas/oauth2/login</c>: a chosen test person, or login and password.</summary>
    public async Task<IResult> LoginAsync(HttpContext context)
    {
        var read = await RequestForm.ReadAsync(context);
        if (!read.Read)
        {
            return EsiaResults.ErrorPage(context, Refusal.Form(read.Problem!, read.NotAForm));
        }

        var form = read.Form;

        var (pending, client) = await PendingAsync(form["req"]);
        if (pending is null || client is null)
        {
            return EsiaResults.ErrorPage(context, UnknownRequest);
        }

        var person = long.TryParse(form["person"], out var oid) ? people.Find(oid)
            : people.FindByLogin(form["login"]) is { } byLogin && byLogin.Password == form["password"] ? byLogin : null;
        if (person is null)
        {
            return EsiaResults.Html(HtmlPages.Login(pending.Id, client, people.All.Take(PeopleShown).ToArray(), "Неверные логин или пароль"), StatusCodes.Status200OK);
        }

        await flow.StartSessionAsync(context, person);
        return Results.Redirect($"{EsiaPaths.ConsentPage}?req={pending.Id}");
    }

    /// <summary><c>GET /aas/oauth2/consent?req=…</c>.</summary>
    public async Task<IResult> ShowConsentAsync(HttpContext context)
    {
        var (pending, client) = await PendingAsync(context.Request.Query["req"]);
        if (pending is null || client is null)
        {
            return EsiaResults.ErrorPage(context, UnknownRequest);
        }

        var session = await flow.CurrentSessionAsync(context);
        if (session is null || people.Find(session.PersonOid) is not { } person)
        {
            return Results.Redirect($"{EsiaPaths.LoginPage}?req={pending.Id}");
        }

        return EsiaResults.Html(HtmlPages.Consent(pending.Id, client, person, pending.Scopes, pending.Consents, pending.ScopeOrg.Length > 0 ? person.Organizations : []));
    }

    /// <summary><c>POST /aas/oauth2/consent</c>: «Предоставить» issues the code, «Отказать» returns ESIA-007004.</summary>
    public async Task<IResult> ConsentAsync(HttpContext context)
    {
        var read = await RequestForm.ReadAsync(context);
        if (!read.Read)
        {
            return EsiaResults.ErrorPage(context, Refusal.Form(read.Problem!, read.NotAForm));
        }

        var form = read.Form;

        var session = await flow.CurrentSessionAsync(context);
        var id = form["req"].ToString();
        if (session is null || people.Find(session.PersonOid) is not { } person)
        {
            return string.IsNullOrEmpty(id) ? EsiaResults.ErrorPage(context, UnknownRequest) : Results.Redirect($"{EsiaPaths.LoginPage}?req={Uri.EscapeDataString(id)}");
        }

        var pending = string.IsNullOrEmpty(id) ? null : await store.TakePendingAsync(id, clock.GetUtcNow());
        if (pending is null || clients.Find(pending.ClientId) is not { } client)
        {
            return EsiaResults.ErrorPage(context, UnknownRequest);
        }

        if (form["decision"] != "grant")
        {
            var refusal = new Refusal(EsiaErrors.AccessDenied, "consent", null, $"{person.FullName} refused to give {client.ClientId} access to the data.");
            return EsiaResults.RedirectError(context, pending.RedirectUri, refusal, pending.State);
        }

        return await flow.IssueCodeAsync(context, client, pending, person, session, long.TryParse(form["org"], out var organisation) ? organisation : null);
    }

    private async Task<(PendingAuthorization? Pending, ClientRegistration? Client)> PendingAsync(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return (null, null);
        }

        var pending = await store.FindPendingAsync(id, clock.GetUtcNow());
        return (pending, pending is null ? null : clients.Find(pending.ClientId));
    }
}
