using System.Text.Json.Nodes;
using Esia.Protocol;
using Microsoft.AspNetCore.WebUtilities;

namespace MockEsia.DriftWatch;

/// <summary>
/// The drift proxy's request handling. The authorization request is recorded, judged and answered with a redirect to
/// the upstream with the same query (ESIA's pages are never proxied; ESIA sends the browser straight back to the app);
/// everything else — te, /rs, logout, /public — is forwarded unchanged, answered to the app first, then recorded,
/// judged and compared (<see cref="DriftComparisons"/>).
/// </summary>
internal sealed class DriftProxy
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Content-Length",
    };

    private readonly HttpClient _upstream;
    private readonly Uri _upstreamBase;
    private readonly DriftReport _report;
    private readonly DriftComparisons _comparisons;
    private readonly string _folder;
    private readonly string? _rawFile;
    private readonly Lock _rawLock = new();
    private int _inFlight;

    public DriftProxy(HttpClient upstream, Uri upstreamBase, Judge judge, DriftReport report, string folder, bool keepRaw)
    {
        _upstream = upstream;
        _upstreamBase = upstreamBase;
        _report = report;
        _comparisons = new DriftComparisons(judge, report);
        _folder = folder;
        _rawFile = keepRaw ? Path.Combine(folder, "raw-records.jsonl") : null;
        if (_rawFile is not null)
        {
            // Every secret of every exchange is in it: the invoking user's alone (0600), made before the first request.
            Directory.CreateDirectory(folder);
            if (!File.Exists(_rawFile))
            {
                Configuration.PrivateFile.Create(_rawFile).Dispose();
            }
        }
    }

    /// <summary>Where the browser is sent for an authorization request: the upstream, the same path and query, as an ASCII <c>Location</c>.</summary>
    public static string UpstreamLocation(Uri upstreamBase, string path, string? query) =>
        Responses.EsiaResults.Location(new Uri(upstreamBase, path + query).AbsoluteUri);

    /// <summary>Completes when every exchange received so far has been judged, compared and written to the report.</summary>
    public async Task SettledAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _inFlight) > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await ProxyAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task ProxyAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (HttpMethods.IsGet(request.Method) && path is EsiaPaths.AuthorizeV2 or EsiaPaths.AuthorizeV1)
        {
            var id = _report.Record(new JsonObject { ["method"] = "GET", ["path"] = Shapes.MaskedPath(path), ["query"] = Shapes.Parameters(query), ["answer"] = "302 to the upstream" });
            KeepRaw(id, path, request.QueryString.Value, null, null);
            _comparisons.SeeAuthorize(query);
            context.Response.Redirect(UpstreamLocation(_upstreamBase, path, request.QueryString.Value));
            await context.Response.CompleteAsync();
            _report.Add(await _comparisons.AuthorizeAsync(id, path, query));
            _report.WriteTo(_folder);
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var requestBytes = body.ToArray();
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_upstreamBase, path + request.QueryString.Value));
        if (requestBytes.Length > 0 || request.ContentLength is not null)
        {
            forward.Content = new ByteArrayContent(requestBytes);
        }

        foreach (var (name, values) in request.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        if (await SendAsync(forward, context) is not (var answer, var answerBytes))
        {
            _report.WriteTo(_folder);
            return;
        }

        using var disposeAnswer = answer;
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        context.Response.ContentLength = answerBytes.Length;
        await context.Response.Body.WriteAsync(answerBytes, context.RequestAborted);
        await context.Response.CompleteAsync();

        var form = request.HasFormContentType
            ? QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(requestBytes)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
            : null;
        var exchange = new Exchange(path, query, form, request.Headers.Authorization.ToString(), answer, answerBytes);
        var record = new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = Shapes.MaskedPath(path),
            ["query"] = Shapes.Parameters(query),
            ["status"] = (int)answer.StatusCode,
            ["contentType"] = answer.Content.Headers.ContentType?.ToString(),
            ["answer"] = Shapes.Body(answer.Content.Headers.ContentType?.ToString(), answerBytes),
        };
        if (form is not null)
        {
            record["form"] = Shapes.Parameters(form);
        }

        var id2 = _report.Record(record);
        KeepRaw(id2, path, request.QueryString.Value, requestBytes, answerBytes);
        try
        {
            if (await _comparisons.CompareAsync(id2, exchange))
            {
                _report.Compared();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or System.Text.Json.JsonException or FormatException)
        {
            // The app already has its answer; a comparison MockEsia could not make is noted in the record, not thrown.
            _report.Annotate(id2, "notCompared", ex.Message);
        }

        _report.WriteTo(_folder);
    }

    // The upstream's answer with its body; null after a 502 with the reason when it could not be reached or did not prove
    // who it is (TLS).
    private async Task<(HttpResponseMessage Answer, byte[] Body)?> SendAsync(HttpRequestMessage forward, HttpContext context)
    {
        try
        {
            var answer = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            return (answer, await answer.Content.ReadAsByteArrayAsync(context.RequestAborted));
        }
        catch (HttpRequestException ex)
        {
            _report.Failed(forward.Method.Method, forward.RequestUri!.AbsolutePath, $"{ex.Message} {ex.InnerException?.Message}".Trim());
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await context.Response.WriteAsync($"MockEsia drift proxy: the upstream {_upstreamBase} could not be reached: {ex.Message} {ex.InnerException?.Message}");
            return null;
        }
    }

    // --keep-raw: the exchange as it was, on this machine only.
    private void KeepRaw(int id, string path, string? query, byte[]? requestBody, byte[]? answerBody)
    {
        if (_rawFile is null)
        {
            return;
        }

        var line = new JsonObject
        {
            ["id"] = id,
            ["path"] = path,
            ["query"] = query,
            ["request"] = requestBody is null ? null : System.Text.Encoding.UTF8.GetString(requestBody),
            ["answer"] = answerBody is null ? null : System.Text.Encoding.UTF8.GetString(answerBody),
        }.ToJsonString();
        lock (_rawLock)
        {
            File.AppendAllText(_rawFile, line + "\n");
        }
    }
}

/// <summary>One forwarded exchange, as the comparisons need it.</summary>
internal sealed record Exchange(string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string>? Form, string Authorization, HttpResponseMessage Answer, byte[] Body);
