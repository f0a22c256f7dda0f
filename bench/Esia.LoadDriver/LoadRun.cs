using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Esia.Protocol;
using Microsoft.AspNetCore.WebUtilities;

namespace Esia.LoadDriver;

/// <summary>
/// Logins against one MockEsia (v2/ac → v3/te → /rs/prns), every third one offline so that refresh tokens pile up in
/// the store as they do under real integrators; either as many at once as there are virtual integrators (closed loop:
/// throughput) or started at a fixed rate (open loop: latency at a given offered load). Latencies and errors per endpoint.
/// </summary>
public sealed class LoadRun
{
    private readonly HttpClient _http;
    private readonly IntegratorRequests _requests;
    private ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    private ConcurrentDictionary<string, int> _errors = new();
    private long _started;
    private int _logins;

    /// <summary>Logins through <paramref name="http"/>, signed by <paramref name="requests"/>.</summary>
    public LoadRun(HttpClient http, IntegratorRequests requests)
    {
        _http = http;
        _requests = requests;
    }

    /// <summary>A few failed requests, for the table.</summary>
    public ConcurrentQueue<string> ErrorSamples { get; } = new();

    /// <summary>Requests that failed since the last <see cref="Reset"/>.</summary>
    public int Errors => _errors.Values.Sum();

    /// <summary>Completed logins since the last <see cref="Reset"/>.</summary>
    public int Logins => _logins;

    /// <summary>Forgets the figures so far (after a warm-up, between rounds).</summary>
    public void Reset()
    {
        _latencies = new();
        _errors = new();
        _logins = 0;
    }

    /// <summary>An endpoint's latencies since the last reset, ms, sorted (for <see cref="Throughput.Percentile"/>).</summary>
    public double[] Latencies(string endpoint) => _latencies.TryGetValue(endpoint, out var values) ? [.. values.Order()] : [];

    /// <summary>The endpoints timed.</summary>
    public static IReadOnlyList<string> Endpoints { get; } = ["v2/ac", "v3/te", "/rs/prns"];

    /// <summary>Closed loop: <paramref name="integrators"/> logging in back to back until the time is up.</summary>
    public async Task ClosedLoopAsync(int integrators, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(Enumerable.Range(0, integrators).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                await LoginAsync();
            }
        }));
    }

    /// <summary>Open loop: a login started every 1/<paramref name="rate"/> s, whatever the answers' speed.</summary>
    public async Task OpenLoopAsync(double rate, TimeSpan duration)
    {
        var running = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; clock.Elapsed < duration; n++)
        {
            var due = TimeSpan.FromSeconds(n / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            running.Add(LoginAsync());
        }

        await Task.WhenAll(running);
    }

    private async Task LoginAsync()
    {
        var offline = Interlocked.Increment(ref _started) % 3 == 0;
        string? code = null;
        var authorize = _requests.Authorize(offline ? "offline" : "online");
        if (!await Timed("v2/ac", () => _http.GetAsync(authorize), r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.Query.Contains("code=", StringComparison.Ordinal),
                (r, _) => code = QueryHelpers.ParseQuery(r.Headers.Location!.Query)[EsiaParameters.Code]))
        {
            return;
        }

        string? access = null;
        if (!await Timed("v3/te", () => _http.PostAsync(EsiaPaths.TokenV3, _requests.Token(code!)), r => r.IsSuccessStatusCode,
                (_, body) => access = JsonDocument.Parse(body).RootElement.GetProperty(EsiaParameters.AccessToken).GetString()))
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{EsiaPaths.Persons}/{IntegratorRequests.Person}");
        request.Headers.Authorization = new("Bearer", access);
        if (await Timed("/rs/prns", () => _http.SendAsync(request), r => r.IsSuccessStatusCode))
        {
            Interlocked.Increment(ref _logins);
        }
    }

    private async Task<bool> Timed(string name, Func<Task<HttpResponseMessage>> call, Func<HttpResponseMessage, bool> ok, Action<HttpResponseMessage, string>? read = null)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await call();
            var body = await response.Content.ReadAsStringAsync();
            _latencies.GetOrAdd(name, _ => []).Add(watch.Elapsed.TotalMilliseconds);
            if (!ok(response))
            {
                _errors.AddOrUpdate(name, 1, (_, n) => n + 1);
                var diagnostic = response.Headers.TryGetValues("X-MockEsia-Diagnostic", out var values) ? string.Join(' ', values) : "";
                ErrorSamples.Enqueue($"{name}: {(int)response.StatusCode} {response.Headers.Location} {diagnostic} {body[..Math.Min(body.Length, 300)]}");
                return false;
            }

            read?.Invoke(response, body);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _errors.AddOrUpdate(name, 1, (_, n) => n + 1);
            ErrorSamples.Enqueue($"{name}: {ex.GetType().Name} {ex.Message}");
            return false;
        }
    }
}
