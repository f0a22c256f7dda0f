using System.Collections.Concurrent;
using System.Text;
using Esia.Client;
using Esia.Client.AspNetCore;
using Esia.Client.Epgu;
using Microsoft.AspNetCore.Authentication;

namespace ReferenceApp;

/// <summary>An order the app submitted: whose it is, and API ЕПГУ's last answer about it.</summary>
public sealed class KnownOrder(long id, long ownerOid)
{
    /// <summary>Its number.</summary>
    public long Id { get; } = id;

    /// <summary>The person who submitted it.</summary>
    public long OwnerOid { get; } = ownerOid;

    /// <summary>API ЕПГУ's last answer about it.</summary>
    public EpguOrderDetails? Last { get; set; }

    /// <summary>When that answer came (the app's clock).</summary>
    public DateTimeOffset FetchedAt { get; set; } = DateTimeOffset.MinValue;
}

/// <summary>The orders the app submitted, by number (in memory: a sample).</summary>
public class KnownOrders
{
    private readonly ConcurrentDictionary<long, KnownOrder> _orders = new();

    /// <summary>Remembers a new order of a person.</summary>
    public KnownOrder Add(long id, long ownerOid) => _orders[id] = new KnownOrder(id, ownerOid);

    /// <summary>The order, only for its owner: another person's order is never looked up with this person's token.</summary>
    public virtual KnownOrder? Of(long id, long oid) => _orders.TryGetValue(id, out var order) && order.OwnerOid == oid ? order : null;

    /// <summary>Any order by number, whoever's it is.</summary>
    protected KnownOrder? Find(long id) => _orders.GetValueOrDefault(id);

    /// <summary>A person's orders, newest first.</summary>
    public IReadOnlyList<KnownOrder> OfPerson(long oid) => _orders.Values.Where(o => o.OwnerOid == oid).OrderByDescending(o => o.Id).ToArray();
}

/// <summary>
/// The app's API ЕПГУ pages: submit a sample application for the configured service (archive built, order reserved,
/// archive uploaded), follow its status (no more often than the poll interval, never again after a final status),
/// cancel when the status allows it, download the result. Errors are shown to the person, never a 5xx.
/// </summary>
internal static class EpguPages
{
    public static void Map(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<EpguSettings>();
        app.MapGet("/epgu", (HttpContext c, KnownOrders orders) => Signed(c, oid => Page(
            "<form method=\"post\" action=\"/epgu/orders\"><button type=\"submit\" data-testid=\"epgu-submit\">Подать заявление</button></form>"
            + "<ul data-testid=\"epgu-orders\">" + string.Concat(orders.OfPerson(oid).Select(o => $"<li><a href=\"/epgu/orders/{o.Id}\">Заявление {o.Id}</a></li>")) + "</ul>")));

        app.MapPost("/epgu/orders", (HttpContext c, EpguClient client, KnownOrders orders, ILogger<EpguSettings> logger) => SignedAsync(c, async oid =>
        {
            var meta = new EpguOrderMeta(settings.ServiceCode, settings.TargetCode, settings.Region);
            var path = Path.Combine(Path.GetTempPath(), $"epgu-{Guid.NewGuid():N}.zip");
            try
            {
                SampleArchive(oid).WriteTo(path);
                var id = await client.ReserveAsync(meta, c.RequestAborted);
                orders.Add(id, oid);
                await client.UploadAsync(id, meta, path, c.RequestAborted);
                return Results.Redirect($"/epgu/orders/{id}");
            }
            catch (Exception ex) when (ex is EpguException or EsiaException)
            {
                logger.LogWarning("Submitting for person {Oid} failed: {Message}", oid, ex.Message);
                return Page(Failure(ex));
            }
            finally
            {
                File.Delete(path);
            }
        }));

        app.MapGet("/epgu/orders/{id:long}", (HttpContext c, long id, EpguClient client, KnownOrders orders, Microsoft.Extensions.Options.IOptions<EpguClientOptions> options) => SignedAsync(c, async oid =>
        {
            if (orders.Of(id, oid) is not { } order)
            {
                return Page("<p role=\"alert\" data-testid=\"epgu-error\">Заявление не найдено среди ваших.</p>", StatusCodes.Status404NotFound);
            }

            var now = options.Value.Clock.GetUtcNow();
            var final = order.Last?.Order?.Closed == true;
            if (!final && now - order.FetchedAt >= TimeSpan.FromSeconds(settings.PollIntervalSeconds))
            {
                try
                {
                    order.Last = await client.GetOrderAsync(id, c.RequestAborted);
                    order.FetchedAt = now;
                }
                catch (Exception ex) when (ex is EpguException or EsiaException)
                {
                    return Page(Failure(ex) + OrderView(order));
                }
            }

            return Page(OrderView(order));
        }));

        app.MapPost("/epgu/orders/{id:long}/cancel", (HttpContext c, long id, EpguClient client, KnownOrders orders) => SignedAsync(c, async oid =>
        {
            if (orders.Of(id, oid) is not { } order)
            {
                return Page("<p role=\"alert\" data-testid=\"epgu-error\">Заявление не найдено среди ваших.</p>", StatusCodes.Status404NotFound);
            }

            try
            {
                await client.CancelAsync(id, "Отменено заявителем", c.RequestAborted);
                order.FetchedAt = DateTimeOffset.MinValue;
                return Results.Redirect($"/epgu/orders/{id}");
            }
            catch (Exception ex) when (ex is EpguException or EsiaException)
            {
                return Page(Failure(ex) + OrderView(order));
            }
        }));

        app.MapGet("/epgu/orders/{id:long}/result", (HttpContext c, long id, EpguClient client, KnownOrders orders) => SignedAsync(c, async oid =>
        {
            if (orders.Of(id, oid)?.Last?.Order is not { } order || order.ResponseFiles.Count == 0)
            {
                return Page("<p role=\"alert\" data-testid=\"epgu-error\">Результата пока нет.</p>", StatusCodes.Status404NotFound);
            }

            var file = order.ResponseFiles[0];
            var buffer = new MemoryStream();
            try
            {
                await client.DownloadAsync(order, file, buffer, c.RequestAborted);
            }
            catch (Exception ex) when (ex is EpguException or EsiaException)
            {
                return Page(Failure(ex));
            }

            return Results.File(buffer.ToArray(), "application/octet-stream", file.FileName);
        }));
    }

    // A flat archive of the pension service's pair (epgu-api.md §2.4): the transport envelope and the business file.
    private static EpguArchive SampleArchive(long oid)
    {
        var guid = Guid.NewGuid().ToString();
        return new EpguArchive()
            .Add($"trans_{guid}.xml", Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><ServiceEnvelope><ApplicationFileName>req_{guid}.xml</ApplicationFileName><Applicant>{oid}</Applicant></ServiceEnvelope>"))
            .Add($"req_{guid}.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Request><Kind>Справка о размере пенсии</Kind></Request>"));
    }

    private static string OrderView(KnownOrder order)
    {
        var details = order.Last;
        var view = new StringBuilder($"<h2>Заявление <span data-testid=\"epgu-order-id\">{order.Id}</span></h2>");
        if (details?.Order is not { } o)
        {
            return view.Append("<p data-testid=\"epgu-status\">Статус ещё не известен</p>").ToString();
        }

        view.Append($"<p>Статус: <span data-testid=\"epgu-status\">{E(o.StatusName)}</span></p>");
        if (details.Failed)
        {
            view.Append($"<p role=\"alert\" data-testid=\"epgu-failure\">Заявление не принято: {E(details.Code)}{(details.Message is null ? "" : " — " + E(details.Message))}</p>");
        }

        if (o.CancelAllowed)
        {
            view.Append($"<form method=\"post\" action=\"/epgu/orders/{o.Id}/cancel\"><button type=\"submit\" data-testid=\"epgu-cancel\">Отменить заявление</button></form>");
        }

        if (o.ResponseFiles.Count > 0)
        {
            view.Append($"<p><a href=\"/epgu/orders/{o.Id}/result\" data-testid=\"epgu-result\">Скачать результат</a></p>");
        }

        return view.ToString();
    }

    private static string Failure(Exception ex) => ex switch
    {
        EpguException { Error: EpguError.AccessDeniedPersonPermissions } or EsiaException =>
            "<p role=\"alert\" data-testid=\"epgu-error\">Нет согласия на подачу заявлений через Госуслуги: войдите заново и дайте согласие.</p>",
        EpguException { IsLimit: true } => "<p role=\"alert\" data-testid=\"epgu-error\">Госуслуги просят подождать: слишком много запросов. Повторите позже.</p>",
        EpguException { IsTransient: true } => "<p role=\"alert\" data-testid=\"epgu-error\">Госуслуги временно недоступны. Повторите позже.</p>",
        EpguException e => $"<p role=\"alert\" data-testid=\"epgu-error\">Госуслуги отказали: {E(e.Code ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}</p>",
        _ => "<p role=\"alert\" data-testid=\"epgu-error\">Ошибка.</p>",
    };

    private static IResult Signed(HttpContext c, Func<long, IResult> page) => OidOf(c) is { } oid
        ? page(oid)
        : Results.Challenge(new AuthenticationProperties { RedirectUri = c.Request.Path }, [EsiaDefaults.AuthenticationScheme]);

    private static async Task<IResult> SignedAsync(HttpContext c, Func<long, Task<IResult>> page) => OidOf(c) is { } oid ? await page(oid) : Results.Redirect("/login");

    // The signed-in person's oid, or null.
    private static long? OidOf(HttpContext c) =>
        c.User.Identity?.IsAuthenticated == true && long.TryParse(c.User.FindFirst(EsiaDefaults.OidClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var oid) ? oid : null;

    private static IResult Page(string body, int status = StatusCodes.Status200OK) => Results.Content($$"""
        <!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Reference App — заявления</title></head>
        <body><h1>Заявления через Госуслуги</h1>{{body}}<p><a href="/epgu">Подать заявление</a> · <a href="/">Главная</a></p></body></html>
        """, "text/html; charset=utf-8", statusCode: status);

    private static string E(string? text) => System.Net.WebUtility.HtmlEncode(text ?? "");
}
