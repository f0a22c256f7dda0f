using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Esia.Client.Epgu;

/// <summary>
/// API ЕПГУ (epgu-api.md §2) done right: every call with the bearer token of its <see cref="IEpguTokenSource"/>, renewed
/// once after a 401; calls refused for a passing reason (429, 502–504, <c>internal_error</c>, <c>limitation_exception</c>)
/// tried again at most <see cref="EpguClientOptions.MaxRetries"/> times with a doubling wait (longer after a limit, never
/// shorter than Retry-After); every other refusal an <see cref="EpguException"/> with the portal's code and message. A
/// one-shot <c>/push</c> is never repeated after an outage, which may have created the order: submit through a
/// reservation and <see cref="UploadAsync"/> to be able to retry safely.
/// </summary>
public sealed class EpguClient(HttpClient http, EpguClientOptions options, IEpguTokenSource tokens, ILogger logger)
{
    private const string Gusmev = "/api/gusmev";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reserves an order number (§2.1).</summary>
    public async Task<long> ReserveAsync(EpguOrderMeta meta, CancellationToken cancellation = default)
    {
        using var body = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url($"{Gusmev}/order")) { Content = JsonContent(meta) }, retryOutages: true, cancellation);
        return OrderIdOf(body);
    }

    /// <summary>
    /// Uploads a reserved order's archive from disk (§2.2): one chunk when it fits, else byte chunks of
    /// <see cref="EpguClientOptions.ChunkSize"/> in order within the five-minute window, <c>meta</c> on every chunk; the
    /// last one submits the order.
    /// </summary>
    public async Task UploadAsync(long orderId, EpguOrderMeta meta, string archivePath, CancellationToken cancellation = default)
    {
        options.Validate();
        var size = new FileInfo(archivePath).Length;
        var chunks = (int)Math.Max(1, (size + options.ChunkSize - 1) / options.ChunkSize);
        var started = options.Clock.GetTimestamp();
        var buffer = new byte[Math.Min(size, options.ChunkSize)];
        await using var file = File.OpenRead(archivePath);
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            if (options.Clock.GetElapsedTime(started) > options.UploadWindow)
            {
                throw new EpguException(EpguError.BadRequest, 0, $"The upload of order {orderId} took longer than {options.UploadWindow.TotalMinutes:0} minutes, the window all chunks must fit in (§2.2); reserve a new order.");
            }

            var length = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellation);
            var bytes = buffer.AsMemory(0, length).ToArray();
            var index = chunk;
            using var answer = await SendAsync(() => ChunkRequest(orderId, meta, bytes, index, chunks), retryOutages: true, cancellation);
            if (OrderIdOf(answer) != orderId)
            {
                throw new EpguException(EpguError.Other, 200, $"API ЕПГУ answered chunk {index} of order {orderId} with another order's number.");
            }
        }

        logger.LogInformation("API ЕПГУ: order {OrderId} uploaded ({Size} bytes in {Chunks} chunk(s)) and submitted", orderId, size, chunks);
    }

    /// <summary>
    /// Uploads and submits in one request (§2.3) and returns the order number the portal gives. Not repeated after an
    /// outage (the order may exist already); repeated after a limit.
    /// </summary>
    public async Task<long> PushAsync(EpguOrderMeta meta, string archivePath, CancellationToken cancellation = default)
    {
        using var body = await SendAsync(() =>
        {
            var form = new MultipartFormDataContent { { JsonContent(meta), "meta" } };
            var file = new StreamContent(File.OpenRead(archivePath));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(file, "file", Path.GetFileName(archivePath));
            return new HttpRequestMessage(HttpMethod.Post, Url($"{Gusmev}/push")) { Content = form };
        }, retryOutages: false, cancellation);
        return OrderIdOf(body);
    }

    /// <summary>The order's details (§2.5), its <c>order</c> string parsed; <see cref="EpguError.OrderNotFound"/> for an unknown order.</summary>
    public async Task<EpguOrderDetails> GetOrderAsync(long orderId, CancellationToken cancellation = default)
    {
        using var body = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url($"{Gusmev}/order/{orderId}")), retryOutages: true, cancellation);
        return EpguJson.Details(body.RootElement);
    }

    /// <summary>
    /// Polls the order until it reaches a final status (§3.3) and returns its last details: the first wait is
    /// <see cref="EpguClientOptions.PollInterval"/>, each next one half as long again, up to <see cref="EpguClientOptions.MaxPollInterval"/>;
    /// a processing failure (§3.2) ends the polling too.
    /// </summary>
    public async Task<EpguOrderDetails> WaitForFinalStatusAsync(long orderId, CancellationToken cancellation = default)
    {
        var interval = options.PollInterval;
        while (true)
        {
            var details = await GetOrderAsync(orderId, cancellation);
            if (details.Order?.Closed == true || details.Failed)
            {
                return details;
            }

            await Task.Delay(interval, options.Clock, cancellation);
            interval = TimeSpan.FromTicks(Math.Min(options.MaxPollInterval.Ticks, interval.Ticks * 3 / 2));
        }
    }

    /// <summary>
    /// Cancels the order (§2.6) when its current status allows it (§3.4), with the <c>reason</c> the real server asks
    /// for; <see cref="EpguError.CancelNotAllowed"/> without calling when it does not.
    /// </summary>
    public async Task CancelAsync(long orderId, string reason, CancellationToken cancellation = default)
    {
        var details = await GetOrderAsync(orderId, cancellation);
        if (details.Order is not { CancelAllowed: true } order)
        {
            throw new EpguException(EpguError.CancelNotAllowed, 0, $"Order {orderId}'s current status ({details.Order?.StatusName ?? "none"}) does not allow cancelling (§3.4).");
        }

        using var _ = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url($"{Gusmev}/order/{order.Id}/cancel?reason={Uri.EscapeDataString(reason)}")), retryOutages: true, cancellation, allowEmpty: true);
        logger.LogInformation("API ЕПГУ: order {OrderId} cancelled", orderId);
    }

    /// <summary>The statuses of some orders (§2.7, <c>getOrdersStatus</c>).</summary>
    public async Task<IReadOnlyList<EpguOrderStatus>> GetOrdersStatusAsync(IReadOnlyCollection<long> orderIds, CancellationToken cancellation = default)
    {
        var ids = string.Join(',', orderIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        using var body = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"{Gusmev}/order/getOrdersStatus?pageNum=0&pageSize={orderIds.Count}&orderIds={ids}")),
            retryOutages: true, cancellation);
        return EpguJson.StatusList(body.RootElement, out _);
    }

    /// <summary>Every order of this system changed after a time (§2.7, <c>getUpdatedAfter</c>), page after page from page 0.</summary>
    public async IAsyncEnumerable<EpguOrderStatus> GetUpdatedAfterAsync(DateTimeOffset after, int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var since = after.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var seen = 0;
        for (var page = 0; ; page++)
        {
            var number = page;
            using var body = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"{Gusmev}/order/getUpdatedAfter?pageNum={number}&pageSize={pageSize}&updatedAfter={since}")),
                retryOutages: true, cancellation);
            var items = EpguJson.StatusList(body.RootElement, out var total);
            foreach (var item in items)
            {
                yield return item;
            }

            seen += items.Count;
            if (items.Count < pageSize || seen >= total)
            {
                yield break;
            }
        }
    }

    /// <summary>A whole dictionary, or one level under <paramref name="parent"/> (§2.8; no authorization). Its business errors come with HTTP 200 and become <see cref="EpguException"/>s.</summary>
    public async Task<IReadOnlyList<EpguDictionaryItem>> GetDictionaryAsync(string code, string? parent = null, CancellationToken cancellation = default)
    {
        var request = new { treeFiltering = "ONELEVEL", parentRefItemValue = parent ?? "" };
        using var response = await http.PostAsync(Url($"/api/nsi/v1/dictionary/{Uri.EscapeDataString(code)}"), JsonContent(request), cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode)
        {
            throw Refusal((int)response.StatusCode, text);
        }

        using var body = JsonDocument.Parse(text);
        if (body.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var errorCode) && errorCode.TryGetInt32(out var number) && number != 0)
        {
            var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            throw new EpguException(EpguError.Other, 200, $"The dictionary {code} answered error {number}: {message}", number.ToString(CultureInfo.InvariantCulture));
        }

        return EpguJson.DictionaryItems(body.RootElement);
    }

    /// <summary>Downloads a file of the order (§2.9, the v1.13 path, the order number as objectId, the file name as mnemonic) into <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(EpguOrder order, EpguFile file, Stream destination, CancellationToken cancellation = default)
    {
        var url = Url($"{Gusmev}/files/download/{order.Id}/{file.ObjectType}?mnemonic={Uri.EscapeDataString(file.FileName)}&eserviceCode={Uri.EscapeDataString(order.ServiceCode ?? "")}");
        var token = await tokens.GetAsync(cancellation);
        for (var renewed = false; ; renewed = true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed)
            {
                token = await tokens.RenewAsync(token, cancellation);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Refusal((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellation));
            }

            await response.Content.CopyToAsync(destination, cancellation);
            return;
        }
    }

    // One call: the token, a renewal after a 401 (once), retries of passing refusals with a doubling wait.
    private async Task<JsonDocument> SendAsync(Func<HttpRequestMessage> create, bool retryOutages, CancellationToken cancellation, bool allowEmpty = false)
    {
        var token = await tokens.GetAsync(cancellation);
        var renewed = false;
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellation);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                throw new EpguException(EpguError.Unavailable, 0, $"API ЕПГУ did not answer {request.Method} {request.RequestUri!.AbsolutePath}: {ex.Message}", inner: ex);
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellation);
                if (response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NoContent)
                {
                    return text.Length == 0 && allowEmpty ? JsonDocument.Parse("{}") : Parse(text, request);
                }

                var refusal = Refusal((int)response.StatusCode, text);
                if (refusal.Error == EpguError.Unauthorized && !renewed)
                {
                    logger.LogInformation("API ЕПГУ answered 401 to {Method} {Path}: renewing the token once", request.Method, request.RequestUri!.AbsolutePath);
                    token = await tokens.RenewAsync(token, cancellation);
                    renewed = true;
                    attempt--;
                    continue;
                }

                var retry = refusal.IsLimit || (refusal.IsTransient && retryOutages);
                if (!retry || attempt >= options.MaxRetries)
                {
                    logger.LogWarning("API ЕПГУ refused {Method} {Path}: {Status} {Code}", request.Method, request.RequestUri!.AbsolutePath, refusal.Status, refusal.Code);
                    throw refusal;
                }

                var wait = Backoff(refusal, attempt, response.Headers.RetryAfter);
                logger.LogInformation("API ЕПГУ answered {Status} {Code} to {Path}: try {Next} of {Max} in {Wait} ms", refusal.Status, refusal.Code, request.RequestUri!.AbsolutePath,
                    attempt + 2, options.MaxRetries + 1, (int)wait.TotalMilliseconds);
                await Task.Delay(wait, options.Clock, cancellation);
            }
        }
    }

    private TimeSpan Backoff(EpguException refusal, int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var first = refusal.IsLimit ? options.LimitDelay : options.RetryDelay;
        var wait = TimeSpan.FromTicks(Math.Min(options.MaxDelay.Ticks, first.Ticks << Math.Min(attempt, 20)));
        return retryAfter?.Delta is { } asked && asked > wait ? TimeSpan.FromTicks(Math.Min(asked.Ticks, options.MaxDelay.Ticks)) : wait;
    }

    private static EpguException Refusal(int status, string text)
    {
        string? code = null;
        string? message = null;
        if (text.Length > 0 && text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                code = json.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                message = json.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            }
            catch (JsonException)
            {
                // Not the documented body: the status alone says what it is.
            }
        }

        var error = EpguException.ErrorOf(status, code);
        return new EpguException(error, status, $"API ЕПГУ answered {status}{(code is null ? "" : " " + code)}: {message ?? Describe(error)}", code);
    }

    private static string Describe(EpguError error) => error switch
    {
        EpguError.OrderNotFound => "the order does not exist",
        EpguError.Unauthorized => "the token was refused",
        EpguError.TooManyRequests => "too many requests",
        EpguError.Unavailable => "the service is unavailable",
        _ => "no description",
    };

    private static JsonDocument Parse(string text, HttpRequestMessage request)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new EpguException(EpguError.Other, 200, $"API ЕПГУ's answer to {request.Method} {request.RequestUri!.AbsolutePath} is not JSON.", inner: ex);
        }
    }

    private static long OrderIdOf(JsonDocument body) =>
        body.RootElement.TryGetProperty("orderId", out var id) && id.TryGetInt64(out var number)
            ? number
            : throw new EpguException(EpguError.Other, 200, "API ЕПГУ's answer carries no numeric orderId.");

    private HttpRequestMessage ChunkRequest(long orderId, EpguOrderMeta meta, byte[] bytes, int chunk, int chunks)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(orderId.ToString(CultureInfo.InvariantCulture)), "orderId" },
            { JsonContent(meta), "meta" },
        };
        if (chunks > 1)
        {
            form.Add(new StringContent(chunk.ToString(CultureInfo.InvariantCulture)), "chunk");
            form.Add(new StringContent(chunks.ToString(CultureInfo.InvariantCulture)), "chunks");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", chunks == 1 ? "archive.zip" : $"archive.z{chunk + 1:000}");
        return new HttpRequestMessage(HttpMethod.Post, Url($"{Gusmev}/push/chunked")) { Content = form };
    }

    private static StringContent JsonContent<T>(T value) => new(JsonSerializer.Serialize(value, Json), Encoding.UTF8, "application/json");

    private Uri Url(string pathAndQuery) => new(options.BaseUri, pathAndQuery);
}
