using System.Net;
using System.Text.Json.Nodes;
using Esia.Client.AspNetCore;
using ReferenceApp;

namespace Conformance.Tests;

/// <summary>
/// Defective variants of the reference app's API ЕПГУ side, one for each scenario of the «API ЕПГУ» feature: most as a
/// handler on the app's API ЕПГУ HttpClient that does what careless client code does (retry at once, retry a 401 with
/// the same token, ignore a refused archive, trust any status to allow cancelling), the rest as a changed setting or
/// service (poll on every view, show anyone's order).
/// </summary>
public static class EpguMutants
{
    /// <summary>The mutants.</summary>
    public static IReadOnlyList<Mutant> All { get; } =
    [
        new("the order page never asks again after the first answer", "EPGU-C01", b => Handler(b, () => new FirstAnswerForever())),
        new("a refused consent is retried in a loop", "EPGU-C02", b => Handler(b, () => new AtOnce(r => r.StatusCode == HttpStatusCode.Forbidden, times: 5))),
        new("a 401 is retried with the same token", "EPGU-C03", b => Handler(b, () => new AtOnce(r => r.StatusCode == HttpStatusCode.Unauthorized, times: 1))),
        new("429 and limitation_exception retried at once", "EPGU-C04", b => Handler(b, () => new AtOnce(r => r.StatusCode == HttpStatusCode.TooManyRequests, times: 5))),
        new("outages retried at once", "EPGU-C05", b => Handler(b, () => new AtOnce(r => (int)r.StatusCode >= 500, times: 5))),
        new("a refused archive shown as in progress", "EPGU-C06", b => Handler(b, () => new HidesRefusals())),
        new("the status asked on every view, final or not", "EPGU-C07", b => b.Services.AddSingleton(_ =>
        {
            var settings = b.Configuration.GetSection("Epgu").Get<EpguSettings>() ?? new EpguSettings();
            settings.PollIntervalSeconds = 0;
            return settings;
        })),
        new("cancel offered and sent in any status", "EPGU-C08", b => Handler(b, () => new EveryStatusCancellable())),
        new("anyone's order shown to whoever asks", "EPGU-C09", b => b.Services.AddSingleton<KnownOrders, AnyonesOrders>()),
    ];

    private static void Handler(WebApplicationBuilder b, Func<DelegatingHandler> handler) =>
        b.Services.AddHttpClient(EsiaDefaults.EpguHttpClient).AddHttpMessageHandler(handler);

    /// <summary>Sends a request again at once, up to <paramref name="times"/> times, while the answer matches.</summary>
    private sealed class AtOnce(Func<HttpResponseMessage, bool> again, int times) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken);
            }

            var response = await base.SendAsync(request, cancellationToken);
            for (var i = 0; i < times && again(response); i++)
            {
                response.Dispose();
                response = await base.SendAsync(request, cancellationToken);
            }

            return response;
        }
    }

    /// <summary>Keeps the first details answer of each order and returns it ever after.</summary>
    private sealed class FirstAnswerForever : DelegatingHandler
    {
        private readonly Dictionary<string, string> _first = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var key = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && key.Contains("/order/", StringComparison.Ordinal) && !key.EndsWith("/cancel", StringComparison.Ordinal))
            {
                lock (_first)
                {
                    if (_first.TryGetValue(key, out var kept))
                    {
                        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(kept, System.Text.Encoding.UTF8, "application/json") };
                    }
                }

                var response = await base.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                lock (_first)
                {
                    _first[key] = body;
                }

                return new HttpResponseMessage(response.StatusCode) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Rewrites details answers: code OK, failed final statuses dropped, as if the archive had been taken.</summary>
    private sealed class HidesRefusals() : Rewriting((envelope, order) =>
    {
        envelope["code"] = "OK";
        if (order["statuses"] is JsonArray statuses)
        {
            foreach (var failed in statuses.Where(s => s?["statusId"]?.GetValue<long>() is 24 or 4 or 5).ToArray())
            {
                statuses.Remove(failed);
            }

            order["closed"] = false;
            if (statuses.LastOrDefault() is { } last)
            {
                order["orderStatusId"] = last["statusId"]!.GetValue<long>();
                order["orderStatusName"] = last["title"]!.GetValue<string>();
            }
        }
    });

    /// <summary>Rewrites details answers so that every status allows cancelling.</summary>
    private sealed class EveryStatusCancellable() : Rewriting((_, order) =>
    {
        foreach (var status in (order["statuses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            status["cancelAllowed"] = true;
        }
    });

    /// <summary>A handler that rewrites the details' decoded order.</summary>
    private abstract class Rewriting(Action<JsonObject, JsonObject> rewrite) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.Contains("/order/", StringComparison.Ordinal))
            {
                return response;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (JsonNode.Parse(text) is not JsonObject envelope || envelope["order"]?.GetValue<string>() is not { } raw || JsonNode.Parse(raw) is not JsonObject order)
            {
                return new HttpResponseMessage(response.StatusCode) { Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json") };
            }

            rewrite(envelope, order);
            envelope["order"] = order.ToJsonString();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(envelope.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        }
    }

    /// <summary>Finds an order by its number whoever asks.</summary>
    private sealed class AnyonesOrders : KnownOrders
    {
        public override KnownOrder? Of(long id, long oid) => Find(id);
    }
}
