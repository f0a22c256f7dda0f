using System.Diagnostics;
using System.Security.Cryptography;
using MockEsia.Configuration;

namespace MockEsia.State;

/// <summary>
/// Benchmark-only: fills the store with synthetic live refresh grants through its own interface before MockEsia starts
/// answering (<c>MockEsia:Benchmark:LiveRefreshGrants</c>), so that a load test can measure a login's cost against a
/// store that already holds millions of grants without making millions of logins first. Off (0) by default.
/// </summary>
internal static class BenchmarkPrefill
{
    public static void Run(IMockEsiaStore store, MockEsiaOptions options, TimeProvider clock, ILogger log)
    {
        var count = options.Benchmark.LiveRefreshGrants;
        if (count <= 0)
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        var expires = now + options.RefreshTokenLifetime;
        string[] scopes = ["openid", "fullname", "email"];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Redis is null ? Environment.ProcessorCount : 64 };
        Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, _) =>
        {
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await store.SaveRefreshAsync(new RefreshGrant(token, "MOCKBENCHFILL", "http://localhost/fill", scopes, 1_000_000_000L + (i % 1000), "fill-" + (i % 1000), now, expires));
        }).GetAwaiter().GetResult();
        log.LogWarning("Benchmark prefill: {Count} synthetic live refresh grants stored in {Seconds:0.0} s (MockEsia:Benchmark:LiveRefreshGrants).", count, watch.Elapsed.TotalSeconds);
    }
}
