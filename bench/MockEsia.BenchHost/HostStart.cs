using System.Diagnostics;
using MockEsia.Hosting;

namespace MockEsia.BenchHost;

/// <summary>
/// How long <see cref="MockEsiaHost"/> takes to start in a test process, to a first admin answer: the first host of the
/// process (JIT and the fixtures' keys cold) and the median of the next ones, on a port and in memory.
/// </summary>
internal static class HostStart
{
    public const string Command = "host-start";

    public static async Task<int> RunAsync(int runs)
    {
        foreach (var (label, start) in new (string, Func<Task<MockEsiaHost>>)[] { ("port", () => MockEsiaHost.StartAsync()), ("in memory", () => MockEsiaHost.StartInMemoryAsync()) })
        {
            var times = new List<double>();
            for (var i = 0; i <= runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await using var host = await start();
                _ = await host.Admin.ClientsAsync();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            var warm = times.Skip(1).Order().ToArray();
            Console.WriteLine($"MockEsiaHost ({label}): first {times[0]:0} ms, then median {warm[warm.Length / 2]:0} ms over {runs} starts");
        }

        return 0;
    }
}
