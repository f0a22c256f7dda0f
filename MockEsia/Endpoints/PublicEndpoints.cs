using System.IO.Compression;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Journal;
using MockEsia.Pages;
using MockEsia.People;
using MockEsia.Responses;
using MockEsia.Tokens;

namespace MockEsia.Endpoints;

/// <summary>The start page, <c>/public/esia.zip</c> and its PEM forms, <c>/idp/ext/Logout</c> and <c>/health</c>.</summary>
internal sealed class PublicEndpoints(SigningKeys keys, ClientRegistry clients, AuthorizationFlow flow, PeopleStore people, IOptionsMonitor<MockEsiaOptions> options, TimeProvider clock,
    MockEpgu.Services.ServiceCatalogue epguServices)
{
    /// <summary>MockEsia's version.</summary>
    public static string Version { get; } = typeof(PublicEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0";

    /// <summary><c>GET /</c>: the start page.</summary>
    public IResult Start(HttpContext context) => EsiaResults.Html(StartPage.Render(new StartPageModel(Version, $"{context.Request.Scheme}://{context.Request.Host}",
        options.CurrentValue.Issuer, keys.Published, clients.All.ToArray(), people.All, clock.GetUtcNow(), context.RequestServices.GetRequiredService<Admin.MockEsiaControl>().Problems)
        {
            EpguServices = epguServices.All,
        }));

    /// <summary>Every published signing certificate as one PEM bundle.</summary>
    public IResult EsiaPem() => Results.Text(string.Concat(keys.Published.Select(k => KeyMaterial.WriteCertificatePem(k.Certificate))), "application/x-pem-file");

    /// <summary>One published certificate (<c>NAME.cer.pem</c>) or its public key (<c>NAME.pub.pem</c>) as PEM.</summary>
    public IResult Pem(string file)
    {
        var (name, kind) = file.EndsWith(".cer.pem", StringComparison.Ordinal) ? (file[..^8], "cer") : file.EndsWith(".pub.pem", StringComparison.Ordinal) ? (file[..^8], "pub") : (file, "");
        var published = keys.Published.FirstOrDefault(k => Path.GetFileNameWithoutExtension(k.FileName) == name);
        return published.Certificate is null || kind.Length == 0
            ? Results.NotFound()
            : Results.Text(kind == "cer" ? KeyMaterial.WriteCertificatePem(published.Certificate) : KeyMaterial.WritePublicKeyPem(published.Certificate), "application/x-pem-file");
    }

    /// <summary>The token-signing certificates as DER <c>.cer</c> files in a zip, as ESIA distributes its own.</summary>
    public IResult EsiaZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, certificate) in keys.Published)
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
        await flow.EndSessionAsync(context);
        var client = clients.Find(context.Request.Query[EsiaParameters.ClientId]);
        var redirect = context.Request.Query[EsiaParameters.RedirectUrl].ToString();
        return client is not null && client.IsRedirectAllowed(redirect)
            ? Results.Redirect(EsiaResults.Location(redirect))
            : EsiaResults.Html(HtmlPages.LoggedOut());
    }

    /// <summary>Liveness for Docker and orchestration.</summary>
    /// <remarks>With Redis configured and away, <c>degraded</c> with the reason: requests that need the store are answered ESIA-007008 meanwhile.</remarks>
    public static IResult Health(RequestJournal journal, IServiceProvider services)
    {
        var store = services.GetService<IOptions<MockEsiaOptions>>()?.Value.Redis is null ? null : services.GetService<State.RedisReplication>()?.Problem;
        return Results.Json(new
        {
            status = store is null ? "ok" : "degraded",
            store = store ?? "ok",
            journalFile = journal.FileProblem is { } problem ? "failing: " + problem : null,
        }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
    }
}
