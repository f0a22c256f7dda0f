using System.IO.Compression;
using Esia.Protocol;
using MockEsia.Clients;
using MockEsia.Journal;
using MockEsia.Pages;
using MockEsia.Responses;
using MockEsia.Tokens;

namespace MockEsia.Endpoints;

/// <summary><c>/public/esia.zip</c>, <c>/idp/ext/Logout</c> and <c>/health</c>.</summary>
internal sealed class PublicEndpoints
{
    private readonly SigningKeys _keys;
    private readonly ClientRegistry _clients;
    private readonly AuthorizationFlow _flow;

    /// <summary>Creates the endpoints.</summary>
    public PublicEndpoints(SigningKeys keys, ClientRegistry clients, AuthorizationFlow flow)
    {
        _keys = keys;
        _clients = clients;
        _flow = flow;
    }

    /// <summary>The token-signing certificates as DER <c>.cer</c> files in a zip, as ESIA distributes its own.</summary>
    public IResult EsiaZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, certificate) in _keys.Published)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(certificate.Der);
            }
        }

        return Results.File(buffer.ToArray(), "application/zip", "esia.zip");
    }

    /// <summary>Ends the SSO session; returns to <c>redirect_url</c> only when it is on a domain registered for <c>client_id</c>.</summary>
    public async Task<IResult> LogoutAsync(HttpContext context)
    {
        await _flow.EndSessionAsync(context);
        var client = _clients.Find(context.Request.Query[EsiaParameters.ClientId]);
        var redirect = context.Request.Query[EsiaParameters.RedirectUrl].ToString();
        return client is not null && client.IsRedirectAllowed(redirect)
            ? Results.Redirect(redirect)
            : EsiaResults.Html(HtmlPages.LoggedOut());
    }

    /// <summary>Liveness for Docker and orchestration.</summary>
    public static IResult Health(RequestJournal journal) =>
        journal.FileProblem is { } problem ? Results.Json(new { status = "ok", journalFile = "failing: " + problem }) : Results.Json(new { status = "ok" });
}
