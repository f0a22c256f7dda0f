using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Esia.Protocol;
using Microsoft.AspNetCore.WebUtilities;

namespace Esia.LoadDriver;

/// <summary>
/// The soak: a steady rate of logins (a third of them offline, refreshed once), REST calls, admin calls and faults
/// switched on and off, for minutes; per minute it reports throughput, latency, memory and every answer that was not
/// expected. Expected refusals are the injected ones (ESIA-007008 at te, 401 at /rs) and refreshes of tokens the admin
/// API has just revoked (ESIA-007011); anything else, and any 5xx or broken connection, fails the soak.
/// </summary>
public static class Soak
{
    /// <summary>Runs the soak and prints its table; 1 when anything unexpected was answered.</summary>
    public static async Task<int> RunAsync(DriverOptions options)
    {
        var logins = options.Rate * options.Seconds;
        var nonces = (int)(logins * 2.5) + 1000;
        Console.WriteLine($"Precomputing {nonces} signature nonces…");
        var requests = new IntegratorRequests(options.Client(), nonces);
        using var server = await ServerProcess.StartAsync(options.ServerDll, options.Fixtures, options.BaseUrl, options.ServerEnvironment);
        using var http = options.Http(256);
        var minutes = new ConcurrentDictionary<int, Minute>();
        var run = Stopwatch.StartNew();
        var lastMinute = Math.Max(0, (options.Seconds - 1) / 60);
        Minute Current() => minutes.GetOrAdd(Math.Min((int)(run.Elapsed.TotalSeconds / 60), lastMinute), m => new Minute(m + 1));

        async Task<Answer?> Call(string name, Func<Task<HttpResponseMessage>> send)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await send();
                var body = await response.Content.ReadAsStringAsync();
                Current().Latency(name, watch.Elapsed.TotalMilliseconds);
                var answer = new Answer(response.StatusCode, body, response.Headers.Location,
                    response.Headers.TryGetValues("X-MockEsia-Diagnostic", out var d) ? Uri.UnescapeDataString(string.Join(' ', d)) : "");
                if ((int)response.StatusCode >= 500)
                {
                    Current().Unexpected($"{name}: {(int)response.StatusCode} {answer.Diagnostic} {body[..Math.Min(200, body.Length)]}", serverError: true);
                    return null;
                }

                return answer;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Current().Unexpected($"{name}: {ex.GetType().Name} {ex.Message}", serverError: true);
                return null;
            }
        }

        async Task Rest(string token)
        {
            var answer = await Call("/rs/prns", () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"{EsiaPaths.Persons}/{IntegratorRequests.Person}?embed=(contacts.elements)");
                request.Headers.Authorization = new("Bearer", token);
                return http.SendAsync(request);
            });
            switch (answer)
            {
                case { Status: HttpStatusCode.OK }:
                    Current().Add(ref Current().Rest);
                    break;
                case { Status: HttpStatusCode.Unauthorized } when answer.Body.Contains("Injected fault", StringComparison.Ordinal):
                    Current().Add(ref Current().Injected);
                    break;
                case { } other:
                    Current().Unexpected($"/rs/prns: {(int)other.Status} {other.Body[..Math.Min(200, other.Body.Length)]}");
                    break;
            }
        }

        // te: the tokens, or null after an expected or unexpected refusal (counted here).
        async Task<JsonElement?> Token(FormUrlEncodedContent form, bool refresh)
        {
            var answer = await Call(refresh ? "v3/te refresh" : "v3/te", () => http.PostAsync(EsiaPaths.TokenV3, form));
            switch (answer)
            {
                case { Status: HttpStatusCode.OK }:
                    return JsonDocument.Parse(answer.Body).RootElement.Clone();
                case { Status: HttpStatusCode.BadRequest } when answer.Body.Contains("ESIA-007008", StringComparison.Ordinal):
                    Current().Add(ref Current().Injected);
                    return null;
                case { Status: HttpStatusCode.BadRequest } when refresh && answer.Body.Contains("ESIA-007011", StringComparison.Ordinal):
                    Current().Add(ref Current().Revoked);
                    return null;
                case { } other:
                    Current().Unexpected($"v3/te: {(int)other.Status} {other.Diagnostic}");
                    return null;
                default:
                    return null;
            }
        }

        async Task Login(bool offline)
        {
            var authorize = await Call("v2/ac", () => http.GetAsync(requests.Authorize(offline ? "offline" : "online")));
            if (authorize?.Location is not { } location || !QueryHelpers.ParseQuery(location.Query).TryGetValue(EsiaParameters.Code, out var code))
            {
                if (authorize is not null)
                {
                    Current().Unexpected($"v2/ac: {(int)authorize.Status} {authorize.Location} {authorize.Diagnostic}");
                }

                return;
            }

            if (await Token(requests.Token(code!), refresh: false) is not { } tokens)
            {
                return;
            }

            Current().Add(ref Current().Logins);
            await Rest(tokens.GetProperty(EsiaParameters.AccessToken).GetString()!);
            if (offline && tokens.TryGetProperty(EsiaParameters.RefreshToken, out var refreshToken)
                && await Token(requests.Refresh(refreshToken.GetString()!), refresh: true) is { } refreshed)
            {
                Current().Add(ref Current().Refreshes);
                await Rest(refreshed.GetProperty(EsiaParameters.AccessToken).GetString()!);
            }
        }

        async Task Admin(Func<Task<HttpResponseMessage>> send)
        {
            if (await Call("admin", send) is { Status: HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent })
            {
                Current().Add(ref Current().Admin);
            }
            else
            {
                Current().Unexpected("admin call refused");
            }
        }

        var inFlight = new ConcurrentDictionary<Task, byte>();
        void Start(Func<Task> work)
        {
            var task = Task.Run(work);
            inFlight[task] = 0;
            task.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
        }

        Console.WriteLine($"Soaking for {options.Seconds} s at {options.Rate} logins/s…");
        var tick = TimeSpan.FromSeconds(1.0 / options.Rate);
        using var timer = new PeriodicTimer(tick);
        long ticks = 0;
        var end = TimeSpan.FromSeconds(options.Seconds);
        var cpuBefore = server.CpuSeconds;
        while (run.Elapsed < end && await timer.WaitForNextTickAsync())
        {
            var n = ++ticks;
            Start(() => Login(offline: n % 3 == 0));
            if (n % options.Rate == 0)
            {
                Start(() => Admin(() => http.GetAsync("/__admin/journal?limit=20")));
                Start(() => Admin(() => http.GetAsync("/__admin/clock")));
                Current().RssMb = server.RssMb;
                Current().CpuSeconds = server.CpuSeconds - cpuBefore;
            }

            if (n % (options.Rate * 5) == 0)
            {
                Start(() => Admin(() => http.PostAsJsonAsync("/__admin/faults", new { endpoint = "Token", kind = "Error", errorCode = "ESIA-007008", clientId = IntegratorRequests.Client, times = 1 })));
                Start(() => Admin(() => http.PostAsJsonAsync("/__admin/faults", new { endpoint = "Rest", kind = "Unauthorized", times = 1 })));
            }

            if (n % (options.Rate * 10) == 0)
            {
                Start(() => Admin(() => http.PostAsync($"/__admin/people/{IntegratorRequests.Person}/revoke-refresh-tokens", null)));
            }

            if (n % (options.Rate * 30) == 0)
            {
                Start(() => Admin(() => http.DeleteAsync("/__admin/faults")));
            }
        }

        await Task.WhenAll(inFlight.Keys);
        var output = new StringBuilder();
        output.AppendLine("| Minute | Logins/s | Refreshes | /rs | Admin | Injected | Revoked | Unexpected | 5xx | v2/ac p50 / p99 | v3/te p50 / p99 | /rs p50 / p99 | Server CPU | RSS |");
        output.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double previousCpu = 0;
        foreach (var minute in minutes.Values.OrderBy(m => m.Index))
        {
            output.AppendLine(CultureInfo.InvariantCulture,
                $"| {minute.Index} | {minute.Logins / 60.0:0.0} | {minute.Refreshes} | {minute.Rest} | {minute.Admin} | {minute.Injected} | {minute.Revoked} | {minute.Problems.Count - minute.ServerErrors} | {minute.ServerErrors} | {minute.P("v2/ac")} | {minute.P("v3/te")} | {minute.P("/rs/prns")} | {(minute.CpuSeconds - previousCpu) / 60 * 100:0}% | {minute.RssMb:0} MB |");
            previousCpu = minute.CpuSeconds;
        }

        var problems = minutes.Values.SelectMany(m => m.Problems).ToArray();
        output.AppendLine(CultureInfo.InvariantCulture, $"| Total | {minutes.Values.Sum(m => m.Logins)} logins | {minutes.Values.Sum(m => m.Refreshes)} | {minutes.Values.Sum(m => m.Rest)} | {minutes.Values.Sum(m => m.Admin)} | {minutes.Values.Sum(m => m.Injected)} | {minutes.Values.Sum(m => m.Revoked)} | {problems.Length - minutes.Values.Sum(m => m.ServerErrors)} | {minutes.Values.Sum(m => m.ServerErrors)} | | | | | peak {server.PeakRssMb:0} MB |");
        foreach (var problem in problems.Take(10))
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"| problem | {problem.Replace('|', '/').Replace('\n', ' ')} |");
        }

        Console.Write(output);
        return problems.Length == 0 ? 0 : 1;
    }

    private sealed record Answer(HttpStatusCode Status, string Body, Uri? Location, string Diagnostic);

    private sealed class Minute(int index)
    {
        public int Logins;
        public int Refreshes;
        public int Rest;
        public int Admin;
        public int Injected;
        public int Revoked;
        public int ServerErrors;

        public int Index { get; } = index;

        public double RssMb { get; set; }

        public double CpuSeconds { get; set; }

        public ConcurrentQueue<string> Problems { get; } = new();

        private ConcurrentDictionary<string, ConcurrentBag<double>> Latencies { get; } = new(StringComparer.Ordinal);

        public void Latency(string name, double ms) => Latencies.GetOrAdd(name, _ => []).Add(ms);

        public void Add(ref int counter) => Interlocked.Increment(ref counter);

        public void Unexpected(string what, bool serverError = false)
        {
            if (serverError)
            {
                Interlocked.Increment(ref ServerErrors);
            }

            Problems.Enqueue(what);
        }

        public string P(string name)
        {
            if (!Latencies.TryGetValue(name, out var values))
            {
                return "–";
            }

            var sorted = values.Order().ToArray();
            return string.Create(CultureInfo.InvariantCulture, $"{Throughput.Percentile(sorted, 50):0} / {Throughput.Percentile(sorted, 99):0} ms");
        }
    }
}
