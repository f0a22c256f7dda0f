using System.Text.Json;
using Esia.Protocol.Crypto;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;
using MockEsia.Requests;
using MockEsia.State;

namespace MockEsia.Admin;

/// <summary>The admin REST API under <c>/__admin</c>: clock, faults, journal, clients, people, sessions, keys, reset.</summary>
internal static class AdminEndpoints
{
    /// <summary>Maps the admin API and its pages.</summary>
    public static void MapAdmin(this WebApplication app)
    {
        app.MapOpenApi(AdminPaths.OpenApiTemplate);
        var admin = app.MapGroup(AdminPaths.Prefix).WithGroupName("admin").DisableAntiforgery();
        // With Redis, an admin call answers once its change is shared: a replica killed right after still had it stored.
        if (app.Services.GetRequiredService<IOptions<MockEsiaOptions>>().Value.Redis is not null)
        {
            var replication = app.Services.GetRequiredService<RedisReplication>();
            // A change Redis cannot take is refused before it is made (503), and one Redis lost on the way is reported as 503 too:
            // an admin write either reaches every replica or says it did not.
            admin.AddEndpointFilter(async (context, next) =>
            {
                var writes = !HttpMethods.IsGet(context.HttpContext.Request.Method);
                if (writes && replication.Problem is { } down)
                {
                    return Unshared(down + "; nothing was changed.");
                }

                var failures = replication.Failures;
                var result = await next(context);
                await replication.FlushAsync();
                return writes && replication.Failures > failures ? Unshared("Redis stopped answering while the change was shared: it holds in this process only.") : result;
            });
        }


        admin.MapGet(Route(AdminPaths.Index), () => Html(AdminPages.Index())).ExcludeFromDescription();
        admin.MapGet(Route(AdminPaths.Dashboard), (HttpContext c, MockEsiaControl m) => Html(AdminPages.Dashboard(m, c.Request.Query["client"], c.Request.Query["token"], long.TryParse(c.Request.Query["before"], out var before) ? before : null))).ExcludeFromDescription();

        admin.MapGet(Route(AdminPaths.Clock), (MockEsiaControl m) => State(m)).WithSummary("The virtual clock");
        admin.MapPost(Route(AdminPaths.ClockAdvance), (AdvanceRequest r, MockEsiaControl m) => { m.Clock.Advance(TimeSpan.FromSeconds(r.Seconds)); return State(m); }).WithSummary("Move time forward by seconds");
        admin.MapPost(Route(AdminPaths.ClockSet), (SetClockRequest r, MockEsiaControl m) => { m.Clock.Set(r.Time); return State(m); }).WithSummary("Set the time");
        admin.MapPost(Route(AdminPaths.ClockFreeze), (MockEsiaControl m) => { m.Clock.Freeze(); return State(m); }).WithSummary("Stop time");
        admin.MapPost(Route(AdminPaths.ClockResume), (MockEsiaControl m) => { m.Clock.Resume(); return State(m); }).WithSummary("Let time run");
        admin.MapPost(Route(AdminPaths.ClockReset), (MockEsiaControl m) => { m.Clock.Reset(); return State(m); }).WithSummary("Back to system time");

        admin.MapGet(Route(AdminPaths.Faults), (MockEsiaControl m) => m.Faults.All).WithSummary("Faults in force, in order");
        admin.MapPost(Route(AdminPaths.Faults), (Fault f, MockEsiaControl m) => Guarded(() => Results.Created(AdminPaths.Faults, m.Faults.Add(f)))).WithSummary("Add a fault");
        admin.MapDelete(Route(AdminPaths.FaultTemplate), (string id, MockEsiaControl m) => m.Faults.Remove(id) ? Results.NoContent() : Results.NotFound()).WithSummary("Remove a fault");
        admin.MapDelete(Route(AdminPaths.Faults), (MockEsiaControl m) => { m.Faults.Clear(); return Results.NoContent(); }).WithSummary("Remove every fault");

        admin.MapGet(Route(AdminPaths.Journal), ([AsParameters] JournalQuery query, int? limit, MockEsiaControl m) => m.Journal.Query(query, limit ?? 200))
            .WithSummary("Journal entries, newest first");
        admin.MapGet(Route(AdminPaths.JournalWait), async ([AsParameters] JournalQuery query, int? timeoutMs, MockEsiaControl m, CancellationToken ct) =>
            await m.Journal.WaitAsync(query,
                TimeSpan.FromMilliseconds(Math.Clamp(timeoutMs ?? 5000, 0, 120_000)), ct) is { } entry
                ? Results.Ok(entry)
                : Results.Json(new { error = "No matching entry arrived in time." }, statusCode: StatusCodes.Status408RequestTimeout))
            .WithSummary("Wait for a matching entry (already there after afterId, or the next to arrive)");
        admin.MapDelete(Route(AdminPaths.Journal), (MockEsiaControl m) => { m.Journal.Clear(); return Results.NoContent(); }).WithSummary("Clear the journal");

        admin.MapGet(Route(AdminPaths.Tls), (MockEsiaControl m) => m.TlsPresentation is { } p ? Results.Ok(new { presentation = p.ToString() }) : Results.NotFound(new { error = "HTTPS is off (start with --https)." }))
            .WithSummary("The certificate the HTTPS endpoint presents to new connections");
        admin.MapPut(Route(AdminPaths.Tls), (TlsPresentation presentation, MockEsiaControl m) => m.PresentTls(presentation) ? Results.Ok(new { presentation = presentation.ToString() })
            : Results.NotFound(new { error = "HTTPS is off (start with --https)." })).WithSummary("Present Valid, WrongHost or UntrustedCa to new connections (query: presentation)");
        admin.MapGet(Route(AdminPaths.Readings), (MockEsiaControl m) => m.Readings).WithSummary("Both readings of each behaviour the reference calls unknown, and the values in force");
        admin.MapPut(Route(AdminPaths.ReadingTemplate), (string name, string? value, MockEsiaControl m) => m.SetReading(name, value) is { } why
            ? Results.BadRequest(new { error = why })
            : Results.Ok(m.Readings.Single(r => r.Name == name))).WithSummary("Set a server-wide reading until the next reset (query: value)");
        admin.MapGet(Route(AdminPaths.Clients), (MockEsiaControl m) => m.Clients.All.OrderBy(c => c.ClientId, StringComparer.Ordinal).Select(c => c.Summary())).WithSummary("Registered clients");
        admin.MapPut(Route(AdminPaths.Clients), (ClientDefinition d, MockEsiaControl m) => Guarded(() => Results.Ok(m.PutClient(d).Summary()))).WithSummary("Add or replace a client");
        admin.MapPost(Route(AdminPaths.ClientUpload), async (HttpContext c, MockEsiaControl m) => await UploadAsync(c, m))
            .WithSummary("Add or replace a client from an uploaded certificate (multipart: clientId, certificate, redirectUri…, name, allowRsaClientKeys)");
        admin.MapPost(Route(AdminPaths.ClientSettingsTemplate), (string clientId, ClientSettings s, MockEsiaControl m) =>
            Guarded(() => m.EditClient(clientId, s) is { } c ? Results.Ok(c.Summary()) : Results.NotFound())).WithSummary("Change a client's redirect URIs and switches");
        admin.MapDelete(Route(AdminPaths.ClientTemplate), (string clientId, MockEsiaControl m) => m.Clients.Remove(clientId) ? Results.NoContent() : Results.NotFound()).WithSummary("Remove a client");

        admin.MapPut(Route(AdminPaths.EpguClientServicesTemplate), (string clientId, string[] codes, MockEsiaControl m) =>
            Guarded(() => m.SetEpguServices(clientId, codes) is { } c ? Results.Ok(c.Summary()) : Results.NotFound())).WithSummary("Set the API ЕПГУ services (form codes) a client may use");
        admin.MapGet(Route(AdminPaths.EpguServices), (MockEsiaControl m) => m.EpguServices.All).WithSummary("API ЕПГУ's services");
        admin.MapPut(Route(AdminPaths.EpguServiceOutcomeTemplate), (string code, EpguOutcome outcome, MockEsiaControl m) =>
            m.EpguServices.Script(code, outcome) ? Results.Ok(m.EpguServices.Find(code)) : Results.NotFound(new { error = $"No API ЕПГУ service has the code {code}." }))
            .WithSummary("Script what a service's agency answers its orders with (query: outcome = Accepted, Refused, Error, Retry, Forbidden, InvalidFilesStructure, FilesVerificationFailed)");
        admin.MapGet(Route(AdminPaths.EpguOrders), (MockEsiaControl m) => m.EpguOrderSummaries()).WithSummary("API ЕПГУ's orders with their status history, newest first");
        admin.MapPut(Route(AdminPaths.EpguOrderOutcomeTemplate), (long orderId, EpguOutcome outcome, MockEsiaControl m) =>
            m.ScriptEpguOrder(orderId, outcome) is { } o ? Results.Ok(o) : Results.NotFound(new { error = $"No API ЕПГУ order {orderId}." }))
            .WithSummary("Script what the agency answers one order with (query: outcome = Accepted, Refused, Error, Retry, Forbidden, InvalidFilesStructure, FilesVerificationFailed)");

        admin.MapGet(Route(AdminPaths.People), (MockEsiaControl m) => m.People.All).WithSummary("Test people");
        admin.MapGet(Route(AdminPaths.PersonTemplate), (long oid, MockEsiaControl m) => m.People.Find(oid) is { } p ? Results.Ok(p) : Results.NotFound()).WithSummary("One person");
        admin.MapPut(Route(AdminPaths.People), (Person p, MockEsiaControl m) => { m.People.Put(p); return Results.Ok(p); }).WithSummary("Add or replace a person");
        admin.MapDelete(Route(AdminPaths.PersonTemplate), (long oid, MockEsiaControl m) => m.People.Remove(oid) ? Results.NoContent() : Results.NotFound()).WithSummary("Remove a person");
        admin.MapPost(Route(AdminPaths.RevokeRefreshTokensTemplate), async (long oid, MockEsiaControl m) => Results.Ok(new { revoked = await m.RevokeRefreshTokensAsync(oid) })).WithSummary("Revoke a person's refresh tokens");
        admin.MapDelete(Route(AdminPaths.ConsentsTemplate), async (long oid, string? clientId, MockEsiaControl m) => Results.Ok(new { withdrawn = await m.WithdrawConsentsAsync(oid, clientId) }))
            .WithSummary("The person withdraws consents (permissions) given to systems (query: clientId for one system's only)");
        admin.MapDelete(Route(AdminPaths.Sessions), async (long? personOid, MockEsiaControl m) => Results.Ok(new { ended = await m.EndSessionsAsync(personOid) })).WithSummary("End SSO sessions (one person's, or all)");

        admin.MapGet(Route(AdminPaths.Keys), (MockEsiaControl m) => new SigningKeysState(m.Keys.ActiveGost.Certificate.Summary(), m.Keys.ActiveRsa.Certificate.Summary(),
            [.. m.Keys.Published.Select(p => new PublishedCertificate(p.FileName, p.Certificate.Summary()))])).WithSummary("Signing keys: the active GOST and RSA keys and what esia.zip publishes");
        admin.MapPost(Route(AdminPaths.PublishNextKeys), (MockEsiaControl m) => { m.Keys.PublishNext(); return Results.NoContent(); }).WithSummary("Rotation step 1: publish the next GOST and RSA certificates in esia.zip");
        admin.MapPost(Route(AdminPaths.SwitchToNextKeys), (MockEsiaControl m) => { m.Keys.SwitchToNext(); return Results.NoContent(); }).WithSummary("Rotation step 2: sign with the next GOST and RSA keys");
        admin.MapPost(Route(AdminPaths.KeysReset), (MockEsiaControl m) => { m.Keys.Reset(); return Results.NoContent(); }).WithSummary("Back to the configured key");

        admin.MapPost(Route(AdminPaths.ExpireTokens), (string clientId, MockEsiaControl m) => { m.ExpireAccessTokens(clientId); return Results.NoContent(); })
            .WithSummary("Expire the access tokens issued so far to a client (/rs answers 401), without moving the app's clock");
        admin.MapGet(Route(AdminPaths.Runtime), (IOptions<MockEsiaOptions> o) => RuntimeNow(o.Value.Gost.ToString())).WithSummary("What the process is doing: CPU, GC pauses and collections, allocation, thread-pool backlog, lock contention");
        admin.MapPost(Route(AdminPaths.Reset), async (MockEsiaControl m) =>
        {
            try
            {
                await m.ResetAsync();
                return Results.NoContent();
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return Results.Problem(title: "The reset was not applied: MockEsia keeps the state it had.", detail: ex.Message, statusCode: StatusCodes.Status500InternalServerError);
            }
            catch (StoreUnavailableException ex)
            {
                return Results.Problem(title: "The reset was not applied: MockEsia keeps the state it had.", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithSummary("Back to the configured state (nothing changes when the fixtures cannot be read)");
        admin.MapGet(Route(AdminPaths.ConfigurationProblems), (MockEsiaControl m) => m.Problems)
            .WithSummary("The client files and scenario file that could not be used since start-up or the last reset, each with the problem and the fix");
        admin.MapGet(Route(AdminPaths.Certificates), (MockEsiaControl m) => m.Certificates())
            .WithSummary("Every certificate MockEsia knows (registered systems, ESIA's signing keys, the HTTPS test CA) with its days left and a warning from 30 days before expiry");
    }

    // A path of AdminPaths as the group (mapped at AdminPaths.Prefix) takes it.
    private static string Route(string path) => path[AdminPaths.Prefix.Length..] is { Length: > 0 } relative ? relative : "/";

    private static RuntimeFigures RuntimeNow(string gost)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new RuntimeFigures(process.TotalProcessorTime.TotalSeconds, GC.GetTotalPauseDuration().TotalMilliseconds, GC.CollectionCount(0), GC.CollectionCount(1),
            GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), GC.GetTotalMemory(false), System.Runtime.GCSettings.IsServerGC, ThreadPool.ThreadCount,
            ThreadPool.PendingWorkItemCount, ThreadPool.CompletedWorkItemCount, Monitor.LockContentionCount, gost);
    }

    private static ClockState State(MockEsiaControl m) => new(m.Clock.GetUtcNow(), m.Clock.IsFrozen);

    private static IResult Unshared(string why) => Results.Json(new { error = why, fix = "Start Redis again (MockEsia:Redis), then repeat the call." }, statusCode: StatusCodes.Status503ServiceUnavailable);

    private static IResult Html(string html) => Results.Text(html, "text/html; charset=utf-8");

    // The dashboard's and curl's way to register a system: the certificate as integrators have it (DER, PEM, base64,
    // PKCS#7 chain: its end-entity certificate), the rest as form fields.
    private static async Task<IResult> UploadAsync(HttpContext context, MockEsiaControl control)
    {
        var read = await RequestForm.ReadAsync(context);
        if (!read.Read)
        {
            return Results.BadRequest(new { error = $"{read.Problem} Send multipart/form-data with clientId, certificate (a file) and redirectUri." });
        }

        var form = read.Form;
        if (form.Files.GetFile("certificate") is not { Length: > 0 } file || string.IsNullOrWhiteSpace(form["clientId"]) || form["redirectUri"].Count == 0)
        {
            return Results.BadRequest(new { error = "clientId, certificate (a file) and at least one redirectUri are required." });
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        return Guarded(() =>
        {
            var leaf = KeyMaterial.Leaf(KeyMaterial.ReadCertificates(buffer.ToArray()));
            var definition = new ClientDefinition
            {
                ClientId = form["clientId"].ToString().Trim(),
                Name = form["name"].ToString(),
                CertificatesPem = [KeyMaterial.WriteCertificatePem(leaf)],
                RedirectUris = form["redirectUri"].OfType<string>().Where(u => u.Length > 0).ToList(),
                AllowRsaClientKeys = form["allowRsaClientKeys"] is { Count: > 0 } rsa && rsa.ToString() is "true" or "on",
            };
            return Results.Ok(control.PutClient(definition).Summary());
        });
    }

    private static IResult Guarded(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or JsonException or IOException or FormatException)
        {
            return Results.BadRequest(new { error = ex.Message });
        }
    }
}
