using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Net.Http.Json;
using Esia.Protocol.Crypto;
using MockEsia.Abstractions;

namespace Esia.LoadDriver;

/// <summary>
/// Full-flow throughput with each GOST implementation side by side: two MockEsia processes (fast and generic), the
/// same virtual integrators against each in interleaved rounds, the crypto floor of the backend in use measured around
/// every round; then latency of each at the same offered load (open loop); start-up time and idle memory; then the
/// full-store figures (<see cref="FullStore"/>).
/// </summary>
public static class Throughput
{
    /// <summary>Runs the benchmark and prints its table; 1 when any request failed.</summary>
    public static async Task<int> RunAsync(DriverOptions options)
    {
        var client = options.Client();
        var esia = options.Esia();
        var cores = Environment.ProcessorCount;
        var output = new StringBuilder();
        if (!options.RowsOnly)
        {
            output.AppendLine("| Figure | Value |");
            output.AppendLine("|---|---:|");
        }

        GostImplementation[] backends = [GostImplementation.Fast, GostImplementation.Generic];
        var servers = new Dictionary<GostImplementation, ServerProcess>();
        try
        {
            foreach (var (backend, index) in backends.Select((b, i) => (b, i)))
            {
                servers[backend] = await ServerProcess.StartAsync(options.ServerDll, options.Fixtures, options.Url(index), ServerSettings(options, $"MockEsia__Gost={backend}"));
            }

            await Task.Delay(1000);
            var idleRssMb = servers[GostImplementation.Fast].RssMb;

            // The driver's own GOST signing stays out of the measured window: the random half of every signature (k and
            // r = x(kG)) is computed here, and each request finishes its signature with s = r·d + k·e mod q (PresignedNonces).
            // Two per login at up to ~2,000 logins/s; when they run out, requests are signed whole (fast, ~60 µs).
            var requests = new IntegratorRequests(client.WithSigning(GostImplementation.Fast), (int)Math.Min(600_000, 2 * 1500 * options.TotalLoadSeconds));
            var runs = backends.ToDictionary(b => b, b => new LoadRun(options.Http(options.Concurrency * 2, Array.IndexOf(backends, b)), requests));

            // Warm-up: hot code reaches its final JIT tier only after some seconds of load.
            foreach (var backend in backends)
            {
                await runs[backend].ClosedLoopAsync(options.Concurrency, TimeSpan.FromSeconds(options.WarmUp));
                runs[backend].Reset();
            }

            // Interleaved rounds: this machine's speed drifts within a minute (shared host), so the backends alternate and
            // each round is compared with its own backend's floor measured right before and after it.
            var rounds = new List<Round>();
            for (var i = 0; i < options.Rounds; i++)
            {
                foreach (var backend in backends)
                {
                    rounds.Add(await MeasureRoundAsync(options, client, esia, backend, servers[backend], runs[backend], cores, Array.IndexOf(backends, backend)));
                }
            }

            foreach (var (round, index) in rounds.Select((r, i) => (r, (i / backends.Length) + 1)))
            {
                output.AppendLine(CultureInfo.InvariantCulture,
                    $"| Round {index}, {Name(round.Backend)} | {round.Rate:0} logins/s, server CPU {round.ServerCpuPercent:0}% of one core, driver CPU {round.DriverCpuPercent:0}%, errors {round.Errors}; floor on {cores} cores {round.FloorLoginsPerSecond:0} logins/s, ratio {round.Ratio:0.00} |");
                var r = round.Runtime;
                output.AppendLine(CultureInfo.InvariantCulture,
                    $"| Round {index}, {Name(round.Backend)}: server runtime | GC paused {r.GcPauseMs / (round.Elapsed * 10):0.0}% of the wall time ({(r.ServerGc ? "server" : "workstation")} GC; {r.YoungCollections} gen0/1 and {r.Gen2Collections} gen2 collections), {r.AllocatedBytes / 1024.0 / Math.Max(1, round.Logins):0} KB allocated per login, thread-pool backlog mean {r.MeanBacklog:0.0} max {r.MaxBacklog}, lock contentions {r.LockContentions / round.Elapsed:0}/s; machine: {r.Machine.Describe()} |");
            }

            var medians = backends.ToDictionary(b => b, b => rounds.Where(r => r.Backend == b).OrderBy(r => r.Rate).ElementAt(options.Rounds / 2));
            foreach (var backend in backends)
            {
                var mine = rounds.Where(r => r.Backend == backend).ToArray();
                var m = medians[backend];
                output.AppendLine(CultureInfo.InvariantCulture,
                    $"| Full flow (v2/ac → v3/te → /rs/prns, a third offline), {Name(backend)}, {options.Concurrency} integrators, median of {options.Rounds} rounds of {options.RoundSeconds:0} s | **{m.Rate:0} logins/s**, errors {mine.Sum(r => r.Errors)}, server CPU {mine.Min(r => r.ServerCpuPercent):0}–{mine.Max(r => r.ServerCpuPercent):0}% of one core ({m.ServerMsPerLogin:0.00} ms per login) |");
                output.AppendLine(CultureInfo.InvariantCulture,
                    $"| Crypto floor of the {Name(backend)} backend (2 verify + 3 sign per login) | one core {m.SingleFloorMs:0.000} ms ({1000 / m.SingleFloorMs:0} logins/s); {cores} cores at once {m.FloorLoginsPerSecond:0} logins/s; full flow / this floor **{m.Ratio:0.00}** |");
            }

            output.AppendLine(CultureInfo.InvariantCulture,
                $"| Fast / generic full-flow logins/s (median rounds) | **{medians[GostImplementation.Fast].Rate / medians[GostImplementation.Generic].Rate:0.0}×** |");

            // Latency at the same offered load: an open loop at half the generic backend's throughput, which both sustain.
            var rate = Math.Max(10, medians[GostImplementation.Generic].Rate / 2);
            var latency = new Dictionary<GostImplementation, LoadRun>();
            foreach (var backend in backends)
            {
                runs[backend].Reset();
                await runs[backend].OpenLoopAsync(rate, TimeSpan.FromSeconds(options.RoundSeconds));
                latency[backend] = runs[backend];
                output.AppendLine(CultureInfo.InvariantCulture, $"| Open loop at {rate:0} logins/s, {Name(backend)}: errors | {runs[backend].Errors} |");
            }

            foreach (var endpoint in LoadRun.Endpoints)
            {
                output.AppendLine(CultureInfo.InvariantCulture,
                    $"| {endpoint} latency p50 / p95 / p99 at {rate:0} logins/s offered: fast vs generic | {Latencies(latency[GostImplementation.Fast], endpoint)} vs {Latencies(latency[GostImplementation.Generic], endpoint)} ms |");
            }

            output.AppendLine(CultureInfo.InvariantCulture, $"| Server peak RSS (fast / generic) | {servers[GostImplementation.Fast].PeakRssMb:0} / {servers[GostImplementation.Generic].PeakRssMb:0} MB |");
            output.AppendLine(CultureInfo.InvariantCulture, $"| Start-up to first /health 200 | {servers[GostImplementation.Fast].StartupMs:0} ms |");
            output.AppendLine(CultureInfo.InvariantCulture, $"| Idle RSS after start-up | {idleRssMb:0} MB |");
            foreach (var sample in runs.Values.SelectMany(r => r.ErrorSamples).Take(5))
            {
                output.AppendLine(CultureInfo.InvariantCulture, $"| error | {sample.Replace('|', '/').Replace('\n', ' ')} |");
            }

            Console.Write(output);
            output.Clear();
            var errors = rounds.Sum(r => r.Errors) + latency.Values.Sum(r => r.Errors);
            foreach (var server in servers.Values)
            {
                server.Dispose();
            }

            servers.Clear();
            var storeErrors = options.FullStore ? await FullStore.RunAsync(options, requests) : 0;
            return errors + storeErrors == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var server in servers.Values)
            {
                server.Dispose();
            }
        }
    }

    /// <summary>The value at a percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, int percentile) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];

    /// <summary>The server's environment with extra settings.</summary>
    public static string ServerSettings(DriverOptions options, string extra) => string.Join(';', new[] { options.ServerEnvironment, extra }.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>p50 / p95 / p99 of an endpoint.</summary>
    public static string Latencies(LoadRun run, string endpoint)
    {
        var sorted = run.Latencies(endpoint);
        return string.Create(CultureInfo.InvariantCulture, $"{Percentile(sorted, 50):0.0} / {Percentile(sorted, 95):0.0} / {Percentile(sorted, 99):0.0}");
    }

    private static string Name(GostImplementation backend) => backend == GostImplementation.Fast ? "fast GOST" : "generic GOST (BouncyCastle)";

    private static async Task<Round> MeasureRoundAsync(DriverOptions options, EsiaCredential client, EsiaCredential esia, GostImplementation backend, ServerProcess server, LoadRun run, int cores, int index)
    {
        var floorBefore = CryptoFloor.Measure(client, esia, cores, backend);
        var singleBefore = CryptoFloor.Measure(client, esia, 1, backend);
        run.Reset();
        using var admin = options.Http(2, index);
        var runtimeBefore = await admin.GetFromJsonAsync<RuntimeFigures>(AdminPaths.Runtime);
        var machineBefore = MachineCpu.Read();
        var cpuBefore = server.CpuSeconds;
        var driverCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var watch = Stopwatch.StartNew();
        var load = run.ClosedLoopAsync(options.Concurrency, TimeSpan.FromSeconds(options.RoundSeconds));
        var backlog = new List<long>();
        while (!load.IsCompleted)
        {
            // The server's thread-pool backlog, sampled ten times a second.
            backlog.Add((await admin.GetFromJsonAsync<RuntimeFigures>(AdminPaths.Runtime))!.PendingWorkItems);
            await Task.WhenAny(load, Task.Delay(100));
        }

        await load;
        var elapsed = watch.Elapsed.TotalSeconds;
        var machine = MachineCpu.Read() - machineBefore;
        var serverCpu = server.CpuSeconds - cpuBefore;
        var driverCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - driverCpuBefore;
        var runtimeAfter = await admin.GetFromJsonAsync<RuntimeFigures>(AdminPaths.Runtime);
        var floorAfter = CryptoFloor.Measure(client, esia, cores, backend);
        var singleAfter = CryptoFloor.Measure(client, esia, 1, backend);
        var runtime = new RuntimeDelta(runtimeAfter!.GcPauseMilliseconds - runtimeBefore!.GcPauseMilliseconds, runtimeAfter.AllocatedBytes - runtimeBefore.AllocatedBytes,
            runtimeAfter.Gen0Collections - runtimeBefore.Gen0Collections + runtimeAfter.Gen1Collections - runtimeBefore.Gen1Collections, runtimeAfter.Gen2Collections - runtimeBefore.Gen2Collections,
            runtimeAfter.LockContentions - runtimeBefore.LockContentions, backlog.Count == 0 ? 0 : backlog.Average(), backlog.Count == 0 ? 0 : backlog.Max(), runtimeAfter.ServerGc, machine);
        return new Round(backend, run.Logins, run.Errors, elapsed, serverCpu, driverCpu, (floorBefore + floorAfter) / 2, (singleBefore + singleAfter) / 2, cores, runtime);
    }

    /// <summary>The server's runtime figures over one round: GC pauses and collections, allocation, lock contention, thread-pool backlog.</summary>
    private sealed record RuntimeDelta(double GcPauseMs, long AllocatedBytes, int YoungCollections, int Gen2Collections, long LockContentions, double MeanBacklog, long MaxBacklog, bool ServerGc, MachineCpu Machine);

    /// <summary>One measured round: logins, wall and CPU seconds, and its backend's floors around it (all cores at once, and one).</summary>
    private sealed record Round(GostImplementation Backend, int Logins, int Errors, double Elapsed, double ServerCpu, double DriverCpu, double FloorMs, double SingleFloorMs, int Cores, RuntimeDelta Runtime)
    {
        public double Rate => Logins / Elapsed;

        public double FloorLoginsPerSecond => Cores * 1000 / FloorMs;

        public double ServerMsPerLogin => ServerCpu / Math.Max(1, Logins) * 1000;

        public double ServerCpuPercent => ServerCpu / Elapsed * 100;

        public double DriverCpuPercent => DriverCpu / Elapsed * 100;

        public double Ratio => Rate / FloorLoginsPerSecond;
    }
}
