using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Esia.LoadDriver;

/// <summary>
/// Does a login cost the same after millions of logins? Two MockEsia processes side by side — one with an empty store,
/// one whose store MockEsia itself filled through the store's interface with millions of live refresh grants before it
/// started answering (<c>Benchmark:LiveRefreshGrants</c> of <c>bench/MockEsia.BenchHost</c>) — in interleaved closed-loop rounds: throughput and
/// p99 of each, their ratio, and memory per million live grants. The same with the Redis store when <c>redis-server</c>
/// is installed (a private instance on a spare port, no persistence).
/// </summary>
public static class FullStore
{
    /// <summary>Runs the in-memory and Redis comparisons and prints their rows; the number of failed requests.</summary>
    public static async Task<int> RunAsync(DriverOptions options, IntegratorRequests requests)
    {
        var errors = await CompareAsync(options, requests, "in-memory store", options.LiveGrants, "MockEsia__MaxRefreshTokens=20000000", null);
        if (options.RedisGrants > 0)
        {
            using var redis = RedisServer.TryStart(options.RedisPort);
            if (redis is null)
            {
                Console.WriteLine("| Redis store | not measured: redis-server is not installed |");
            }
            else
            {
                errors += await CompareAsync(options, requests, "Redis store", options.RedisGrants, $"MockEsia__Redis=127.0.0.1:{options.RedisPort}", redis);
            }
        }

        return errors;
    }

    private static async Task<int> CompareAsync(DriverOptions options, IntegratorRequests requests, string store, int grants, string setting, RedisServer? redis)
    {
        var output = new StringBuilder();
        var redisBefore = redis?.UsedMemoryMb() ?? 0;
        using var empty = await ServerProcess.StartAsync(options.BenchHostDll, options.Fixtures, options.Url(2), Throughput.ServerSettings(options, $"{setting};MockEsia__RedisPrefix=bench-empty"));
        var fill = Stopwatch.StartNew();
        using var full = await ServerProcess.StartAsync(options.BenchHostDll, options.Fixtures, options.Url(3),
            Throughput.ServerSettings(options, $"{setting};MockEsia__RedisPrefix=bench-full;Benchmark__LiveRefreshGrants={grants}"), TimeSpan.FromMinutes(15));
        var fillSeconds = fill.Elapsed.TotalSeconds;
        await Task.Delay(2000);
        var redisAfter = redis?.UsedMemoryMb() ?? 0;
        var millions = grants / 1e6;
        var perMillion = redis is null ? (full.RssMb - empty.RssMb) / millions : (redisAfter - redisBefore) / millions;
        var runs = new[] { new LoadRun(options.Http(options.Concurrency * 2, 2), requests), new LoadRun(options.Http(options.Concurrency * 2, 3), requests) };
        foreach (var run in runs)
        {
            await run.ClosedLoopAsync(options.Concurrency, TimeSpan.FromSeconds(options.WarmUp));
            run.Reset();
        }

        var rates = new List<double>[] { [], [] };
        for (var i = 0; i < options.Rounds; i++)
        {
            for (var which = 0; which < 2; which++)
            {
                var before = runs[which].Logins;
                var watch = Stopwatch.StartNew();
                await runs[which].ClosedLoopAsync(options.Concurrency, TimeSpan.FromSeconds(options.RoundSeconds));
                rates[which].Add((runs[which].Logins - before) / watch.Elapsed.TotalSeconds);
            }
        }

        var median = rates.Select(r => r.Order().ElementAt(r.Count / 2)).ToArray();
        output.AppendLine(CultureInfo.InvariantCulture,
            $"| {store}: full flow with {grants:N0} live refresh grants vs empty (fast GOST, median of {options.Rounds} interleaved rounds) | {median[1]:0} vs {median[0]:0} logins/s, ratio **{median[1] / median[0]:0.00}**; errors {runs[0].Errors + runs[1].Errors} |");
        foreach (var endpoint in LoadRun.Endpoints)
        {
            output.AppendLine(CultureInfo.InvariantCulture,
                $"| {store}: {endpoint} p50 / p95 / p99, full vs empty | {Throughput.Latencies(runs[1], endpoint)} vs {Throughput.Latencies(runs[0], endpoint)} ms |");
        }

        var memory = redis is null
            ? $"server RSS full − empty) | {perMillion:0} MB ({full.RssMb:0} vs {empty.RssMb:0} MB; filled in {fillSeconds:0} s) |"
            : $"Redis used_memory) | {perMillion:0} MB (filled in {fillSeconds:0} s; keys with TTLs, no scans) |";
        output.AppendLine(CultureInfo.InvariantCulture, $"| {store}: memory per million live refresh grants ({memory}");
        foreach (var sample in runs.SelectMany(r => r.ErrorSamples).Take(3))
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"| error | {sample.Replace('|', '/').Replace('\n', ' ')} |");
        }

        Console.Write(output);
        return runs.Sum(r => r.Errors);
    }
}
