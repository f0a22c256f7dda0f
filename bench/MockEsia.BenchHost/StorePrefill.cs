using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;
using MockEsia.State;

namespace MockEsia.BenchHost;

/// <summary>
/// Fills the store with synthetic live refresh grants through its own interface before MockEsia starts answering, so that
/// a load test measures a login's cost against a store that already holds millions of grants without making millions of
/// logins first. Hooked in as an <see cref="IStartupFilter"/>: it runs while the pipeline is built, before the server listens.
/// </summary>
/// <param name="count">How many grants.</param>
internal sealed class StorePrefill(int count) : IStartupFilter
{
    /// <summary>The setting that asks for it (<c>Benchmark__LiveRefreshGrants</c> in the environment).</summary>
    public const string Setting = "Benchmark:LiveRefreshGrants";

    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        Fill(app.ApplicationServices);
        next(app);
    };

    private void Fill(IServiceProvider services)
    {
        if (count <= 0)
        {
            return;
        }

        var store = services.GetRequiredService<IMockEsiaStore>();
        var options = services.GetRequiredService<IOptions<MockEsiaOptions>>().Value;
        var watch = Stopwatch.StartNew();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var expires = now + options.RefreshTokenLifetime;
        string[] scopes = ["openid", "fullname", "email"];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Redis is null ? Environment.ProcessorCount : 64 };
        Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, _) =>
        {
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await store.SaveRefreshAsync(new RefreshGrant(token, "MOCKBENCHFILL", "http://localhost/fill", scopes, 1_000_000_000L + (i % 1000), "fill-" + (i % 1000), now, expires));
        }).GetAwaiter().GetResult();
        services.GetRequiredService<ILogger<StorePrefill>>().LogWarning("Benchmark prefill: {Count} synthetic live refresh grants stored in {Seconds:0.0} s ({Setting}).",
            count, watch.Elapsed.TotalSeconds, Setting);
    }
}
