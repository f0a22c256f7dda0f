using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Esia.LoadDriver;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;

using Microsoft.AspNetCore.WebUtilities;

// Usage: Esia.LoadDriver --server PATH/MockEsia.dll --fixtures PATH/fixtures [--seconds 20] [--rounds 3] [--concurrency 16] [--port 18600] [--server-env K=V;K=V]
var options = Args(args);
var serverDll = options.GetValueOrDefault("server") ?? throw new ArgumentException("--server PATH/MockEsia.dll");
var fixtures = Path.GetFullPath(options.GetValueOrDefault("fixtures") ?? "fixtures");
var seconds = int.Parse(options.GetValueOrDefault("seconds") ?? "20", CultureInfo.InvariantCulture);
var concurrency = int.Parse(options.GetValueOrDefault("concurrency") ?? "16", CultureInfo.InvariantCulture);
var port = int.Parse(options.GetValueOrDefault("port") ?? "18600", CultureInfo.InvariantCulture);
var roundCount = int.Parse(options.GetValueOrDefault("rounds") ?? "3", CultureInfo.InvariantCulture);
var baseUrl = $"http://127.0.0.1:{port}";
const string client = "MOCKHEADLESS";
const string redirect = "http://localhost:8080/signin-esia";
const string scope = "openid fullname email";

var credential = EsiaCredential.Load(Path.Combine(fixtures, "pki/clients/client-gost256.cer.pem"), Path.Combine(fixtures, "pki/clients/client-gost256.key.pem"));
var esia = EsiaCredential.Load(Path.Combine(fixtures, "pki/esia/esia-gost256.cer.pem"), Path.Combine(fixtures, "pki/esia/esia-gost256.key.pem"));

// 1. The crypto floor on this machine (the same operations the server does per login).
var floorPerCore = 1000 / Floor(credential, esia);

// 2. Start-up: process start → first 200 on /health; idle RSS.
var startWatch = Stopwatch.StartNew();
var serverStart = new ProcessStartInfo("dotnet")
{
    ArgumentList = { serverDll, "--urls", baseUrl, "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning", $"--MockEsia:FixturesPath={fixtures}" },
    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
};
foreach (var setting in (options.GetValueOrDefault("server-env") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
{
    serverStart.Environment[setting.Split('=')[0]] = setting.Split('=', 2)[1];
}

using var server = Process.Start(serverStart)!;
using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
while (true)
{
    try
    {
        if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
        {
            break;
        }
    }
    catch (HttpRequestException)
    {
        if (startWatch.Elapsed > TimeSpan.FromSeconds(30) || server.HasExited)
        {
            throw new InvalidOperationException("MockEsia did not start: " + server.StandardError.ReadToEnd());
        }

        await Task.Delay(10);
    }
}

var startupMs = startWatch.Elapsed.TotalMilliseconds;
await Task.Delay(1000);
var idleRssMb = Proc(server.Id, "VmRSS");

// 3. Precompute the authorization requests (state, timestamp, signature): the v2/ac string is known in advance, so the
// driver's own GOST signing stays out of the measured window. The v3/te string contains the code, known only after
// v2/ac: its signature is finished during the run from a precomputed nonce (PresignedNonces: k and r = x(kG) ahead,
// s = r·d + k·e mod q at request time), which leaves the driver two modular multiplications and a Streebog hash.
var expected = (int)(floorPerCore * Environment.ProcessorCount * (seconds + 5) * 1.2) + 500;
var nonces = new PresignedNonces(credential, expected);
var pool = new ConcurrentQueue<string>();
Parallel.For(0, expected, _ =>
{
    var state = Guid.NewGuid().ToString();
    var timestamp = EsiaTimestamp.Format(DateTimeOffset.UtcNow);
    var fields = new SignedStringFields { ClientId = client, Scope = scope, Timestamp = timestamp, State = state, RedirectUri = redirect };
    pool.Enqueue(QueryHelpers.AddQueryString("/aas/oauth2/v2/ac", new Dictionary<string, string?>
    {
        ["client_id"] = client, ["client_secret"] = ClientSecretCodec.Encode(credential.Sign(SignedString.Bytes(SignedStringKind.V2Authorize, fields))),
        ["client_certificate_hash"] = credential.Certificate.Streebog256Hex, ["redirect_uri"] = redirect, ["scope"] = scope, ["response_type"] = "code",
        ["state"] = state, ["timestamp"] = timestamp, ["access_type"] = "online",
    }));
});

var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
var errors = new ConcurrentDictionary<string, int>();
var errorSamples = new ConcurrentQueue<string>();
var logins = 0;
async Task<bool> Timed(string name, Func<Task<HttpResponseMessage>> call, Func<HttpResponseMessage, bool> ok, Action<HttpResponseMessage, string>? read = null)
{
    var watch = Stopwatch.StartNew();
    try
    {
        using var response = await call();
        var body = await response.Content.ReadAsStringAsync();
        latencies.GetOrAdd(name, _ => []).Add(watch.Elapsed.TotalMilliseconds);
        if (!ok(response))
        {
            errors.AddOrUpdate(name, 1, (_, n) => n + 1);
            var diagnostic = response.Headers.TryGetValues("X-MockEsia-Diagnostic", out var values) ? string.Join(' ', values) : "";
            errorSamples.Enqueue($"{name}: {(int)response.StatusCode} {response.Headers.Location} {diagnostic} {body[..Math.Min(body.Length, 300)]}");
            return false;
        }

        read?.Invoke(response, body);
        return true;
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        errors.AddOrUpdate(name, 1, (_, n) => n + 1);
        errorSamples.Enqueue($"{name}: {ex.GetType().Name} {ex.Message}");
        return false;
    }
}

async Task Integrator(CancellationToken stop)
{
    while (!stop.IsCancellationRequested && pool.TryDequeue(out var authorize))
    {
        string? code = null;
        if (!await Timed("v2/ac", () => http.GetAsync(authorize), r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.Query.Contains("code=", StringComparison.Ordinal),
                (r, _) => code = QueryHelpers.ParseQuery(r.Headers.Location!.Query)["code"]))
        {
            continue;
        }

        var state = Guid.NewGuid().ToString();
        var timestamp = EsiaTimestamp.Format(DateTimeOffset.UtcNow);
        var fields = new SignedStringFields { ClientId = client, Scope = scope, Timestamp = timestamp, State = state, RedirectUri = redirect, Code = code! };
        var form = new Dictionary<string, string>
        {
            ["client_id"] = client, ["code"] = code!, ["grant_type"] = "authorization_code", ["client_certificate_hash"] = credential.Certificate.Streebog256Hex,
            ["redirect_uri"] = redirect, ["scope"] = scope, ["state"] = state, ["timestamp"] = timestamp, ["token_type"] = "Bearer",
            ["client_secret"] = ClientSecretCodec.Encode(nonces.Sign(credential, SignedString.Bytes(SignedStringKind.V3AuthorizationCode, fields))),
        };
        string? access = null;
        if (!await Timed("v3/te", () => http.PostAsync("/aas/oauth2/v3/te", new FormUrlEncodedContent(form)), r => r.IsSuccessStatusCode,
                (_, body) => access = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()))
        {
            continue;
        }

        var request = new HttpRequestMessage(HttpMethod.Get, "/rs/prns/1000000001");
        request.Headers.Authorization = new("Bearer", access);
        if (await Timed("/rs/prns", () => http.SendAsync(request), r => r.IsSuccessStatusCode))
        {
            Interlocked.Increment(ref logins);
        }
    }
}

using (var warm = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
{
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Integrator(warm.Token)));
}

// 4. Measured rounds. This machine's speed drifts by ±30 % within a minute (shared host), so the floor is measured
// right before and right after each round and the round is compared with their mean; the median round is reported.
latencies.Clear();
errors.Clear();
var rounds = new List<Round>();
for (var i = 0; i < roundCount; i++)
{
    var floorBefore = Floor(credential, esia);
    logins = 0;
    var cpuBefore = CpuSeconds(server.Id);
    var driverCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    var run = Stopwatch.StartNew();
    using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds / (double)roundCount)))
    {
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Integrator(stop.Token)));
    }

    var elapsed = run.Elapsed.TotalSeconds;
    var serverCpu = CpuSeconds(server.Id) - cpuBefore;
    var driverCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - driverCpuBefore;
    var floorAfter = Floor(credential, esia);
    rounds.Add(new Round(logins, elapsed, serverCpu, driverCpu, (floorBefore + floorAfter) / 2));
}

var peakRssMb = Proc(server.Id, "VmHWM");
server.Kill(entireProcessTree: true);
await server.WaitForExitAsync();

var cores = Environment.ProcessorCount;
var median = rounds.OrderBy(r => r.Ratio(cores)).ElementAt(rounds.Count / 2);
var output = new StringBuilder();
output.AppendLine(CultureInfo.InvariantCulture, $"| Figure | Value |");
output.AppendLine("|---|---:|");
foreach (var (round, index) in rounds.Select((r, i) => (r, i + 1)))
{
    output.AppendLine(CultureInfo.InvariantCulture,
        $"| Round {index}: floor {round.FloorMs:0.00} ms ({round.FloorPerCore * cores:0} logins/s on {cores} cores) | {round.Rate:0.0} logins/s, ratio {round.Ratio(cores):0.00}, server CPU {round.ServerMsPerLogin:0.00} ms per login |");
}

output.AppendLine(CultureInfo.InvariantCulture, $"| Crypto floor per login (2 verify + 3 GOST sign, measured around the median round) | {median.FloorMs:0.00} ms → {median.FloorPerCore:0} logins/s per core, {median.FloorPerCore * cores:0} on {cores} cores |");
output.AppendLine(CultureInfo.InvariantCulture, $"| Full flow (v2/ac → v3/te → /rs/prns), {concurrency} virtual integrators, {roundCount} rounds of {seconds / (double)roundCount:0} s | **{median.Rate:0.0} logins/s** (median round), {rounds.Sum(r => r.Logins)} logins, errors {errors.Values.Sum()} |");
output.AppendLine(CultureInfo.InvariantCulture, $"| Ratio to the floor on {cores} cores (median round) | **{median.Ratio(cores):0.00}** |");
output.AppendLine(CultureInfo.InvariantCulture, $"| Server CPU | {median.ServerCpu / median.Elapsed * 100:0}% of one core ({median.ServerMsPerLogin:0.00} ms per login; ratio per server CPU {median.FloorMs / median.ServerMsPerLogin:0.00}) |");
output.AppendLine(CultureInfo.InvariantCulture, $"| Driver CPU (HTTP, te signatures finished from precomputed nonces) | {median.DriverCpu / median.Elapsed * 100:0}% of one core |");
output.AppendLine(CultureInfo.InvariantCulture, $"| Server peak RSS | {peakRssMb:0} MB |");
output.AppendLine(CultureInfo.InvariantCulture, $"| Start-up to first /health 200 | {startupMs:0} ms |");
output.AppendLine(CultureInfo.InvariantCulture, $"| Idle RSS after start-up | {idleRssMb:0} MB |");
foreach (var (name, values) in latencies.OrderBy(kv => kv.Key, StringComparer.Ordinal))
{
    var sorted = values.Order().ToArray();
    output.AppendLine(CultureInfo.InvariantCulture, $"| {name} latency p50 / p95 / p99 | {P(sorted, 50):0.0} / {P(sorted, 95):0.0} / {P(sorted, 99):0.0} ms |");
}

foreach (var sample in errorSamples.Take(5))
{
    output.AppendLine(CultureInfo.InvariantCulture, $"| error | {sample.Replace('|', '/').Replace('\n', ' ')} |");
}

Console.Write(output);
return errors.Values.Sum() == 0 ? 0 : 1;

static double P(double[] sorted, int percentile) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];

static double Floor(EsiaCredential client, EsiaCredential esia)
{
    var message = Encoding.UTF8.GetBytes("MOCKHEADLESSopenid fullname email2026.11.29 10:00:00 +030046c3e6a2-9d8b-4a4f-9e3b-2a7b1c0d9e8fhttp://localhost:8080/signin-esia");
    var signature = client.Sign(message);
    for (var i = 0; i < 30; i++)
    {
        client.Certificate.VerifyRaw(message, signature);
        esia.Sign(message);
    }

    const int n = 200;
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < n; i++)
    {
        client.Certificate.VerifyRaw(message, signature);
    }

    var verify = watch.Elapsed.TotalMilliseconds / n;
    watch.Restart();
    for (var i = 0; i < n; i++)
    {
        esia.Sign(message);
    }

    var sign = watch.Elapsed.TotalMilliseconds / n;
    return (2 * verify) + (3 * sign);
}

static double CpuSeconds(int pid)
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

static double Proc(int pid, string field) =>
    double.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;

static Dictionary<string, string> Args(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        result[args[i].TrimStart('-')] = args[i + 1];
    }

    return result;
}

/// <summary>One measured round: logins, wall and CPU seconds, and the floor measured around it.</summary>
internal sealed record Round(int Logins, double Elapsed, double ServerCpu, double DriverCpu, double FloorMs)
{
    public double Rate => Logins / Elapsed;

    public double FloorPerCore => 1000 / FloorMs;

    public double ServerMsPerLogin => ServerCpu / Math.Max(1, Logins) * 1000;

    public double Ratio(int cores) => Rate / (FloorPerCore * cores);
}
