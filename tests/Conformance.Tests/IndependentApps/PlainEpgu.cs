using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Conformance.Tests.IndependentApps;

/// <summary>
/// API ЕПГУ written by hand into <see cref="PlainEsiaApp"/> (profile <c>i-plain-epgu</c>), without Esia.Client: the
/// APIPGU consent in the login URL, the archive zipped and sent in one multipart <c>/push</c>, the status read from
/// <c>getOrdersStatus</c>, a 401 met with one <c>prm_chg</c> renewal, a limit with two retries 0.4 s apart, an outage
/// shown as «try later».
/// </summary>
public sealed class PlainEpgu(Uri esia, HttpClient http, Func<long, Task<string?>> renew)
{
    /// <summary>The service applied for.</summary>
    public const string ServiceCode = "10000000113";

    /// <summary>The stated poll interval.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private static readonly int[] FinalStatuses = [3, 4, 10, 24];
    private readonly ConcurrentDictionary<long, Order> _orders = new();

    private sealed class Order
    {
        public required long Owner { get; init; }

        public string Title { get; set; } = "Заявление отправлено";

        public int? StatusId { get; set; }

        public DateTimeOffset Asked { get; set; } = DateTimeOffset.MinValue;
    }

    /// <summary>The <c>permissions</c> value: the APIPGU consent, base64url JSON.</summary>
    public static string Permissions => HandWritten.ToBase64Url(Encoding.UTF8.GetBytes(
        "[{\"responsibleObject\":\"ООО «Простое приложение»\",\"sysname\":\"APIPGU\",\"expire\":60,\"actions\":[{\"sysname\":\"ALL_ACTIONS_TO_DATA\"}]," +
        "\"purposes\":[{\"sysname\":\"APIPGU\"}],\"scopes\":[{\"sysname\":\"http://lk.gosuslugi.ru/api-order\"}]}]"));

    /// <summary>Maps the pages; <paramref name="session"/> gives the signed-in person and a way to replace their token.</summary>
    public void Map(WebApplication app, Func<HttpContext, (long Oid, Func<string> Token, Action<string> Replace)?> session)
    {
        app.MapGet("/apply", (HttpContext c) => session(c) is null ? Results.Redirect("/login")
            : Page(200, "<form method=\"post\" action=\"/apply\"><button type=\"submit\" data-testid=\"apply\">Подать</button></form>"));
        app.MapPost("/apply", async (HttpContext c) =>
        {
            if (session(c) is not { } s)
            {
                return Results.Redirect("/login");
            }

            var (status, body) = await PushAsync(s);
            if (status == HttpStatusCode.OK && JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetInt64() is var id)
            {
                _orders[id] = new Order { Owner = s.Oid };
                return Results.Redirect($"/applications/{id}");
            }

            var code = body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c0) ? c0.GetString() : null;
            return Page(200, code == "access_denied_person_permissions"
                ? "<p>Нет согласия на подачу заявлений: войдите снова.</p>"
                : $"<p>Не удалось подать заявление ({(int)status} {code}). Попробуйте позже.</p>");
        });
        app.MapGet("/applications/{id:long}", async (HttpContext c, long id) =>
        {
            if (session(c) is not { } s)
            {
                return Results.Redirect("/login");
            }

            if (!_orders.TryGetValue(id, out var order) || order.Owner != s.Oid)
            {
                return Page(404, "<p>Нет такого заявления.</p>");
            }

            var final = order.StatusId is { } statusId && FinalStatuses.Contains(statusId);
            if (!final && DateTimeOffset.UtcNow - order.Asked >= PollInterval)
            {
                order.Asked = DateTimeOffset.UtcNow;
                var (status, body) = await CallAsync(s, () => new HttpRequestMessage(HttpMethod.Get, new Uri(esia, $"/api/gusmev/order/getOrdersStatus?pageNum=0&pageSize=1&orderIds={id}")));
                if (status == HttpStatusCode.OK)
                {
                    var item = JsonDocument.Parse(body).RootElement.GetProperty("content")[0];
                    if (item.GetProperty("status") is { ValueKind: JsonValueKind.Object } current)
                    {
                        order.StatusId = current.GetProperty("statusId").GetInt32();
                        order.Title = current.GetProperty("statusName").GetString() ?? order.Title;
                    }
                }
            }

            return Page(200, $"<p>Заявление {id}: <b>{WebUtility.HtmlEncode(order.Title)}</b></p>");
        });
    }

    private Task<(HttpStatusCode Status, string Body)> PushAsync((long Oid, Func<string> Token, Action<string> Replace) s)
    {
        var archive = Zip(("trans_plain.xml", "<trans/>"), ("req_plain.xml", "<req/>"));
        return CallAsync(s, () =>
        {
            var form = new MultipartFormDataContent();
            form.Add(new StringContent($"{{\"region\":\"45000000000\",\"serviceCode\":\"{ServiceCode}\",\"targetCode\":\"-{ServiceCode}\"}}", Encoding.UTF8, "application/json"), "meta");
            var file = new ByteArrayContent(archive);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(file, "file", "application.zip");
            return new HttpRequestMessage(HttpMethod.Post, new Uri(esia, "/api/gusmev/push")) { Content = form };
        });
    }

    // One call: a 401 renews once through prm_chg, a limit is tried twice more 0.4 s apart, anything else is the answer.
    private async Task<(HttpStatusCode Status, string Body)> CallAsync((long Oid, Func<string> Token, Action<string> Replace) s, Func<HttpRequestMessage> create)
    {
        var renewed = false;
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", s.Token());
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed && await renew(s.Oid) is { } token)
            {
                s.Replace(token);
                renewed = true;
                continue;
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 2)
            {
                await Task.Delay(400);
                continue;
            }

            return (response.StatusCode, body);
        }
    }

    private static byte[] Zip(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    private static IResult Page(int status, string body) => Results.Content(
        string.Create(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Plain ЕПГУ</title></head><body>{body}</body></html>"),
        "text/html; charset=utf-8", statusCode: status);
}
