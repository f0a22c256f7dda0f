using System.Diagnostics;

namespace Esia.TestSupport;

/// <summary>
/// Keeps every core of the machine busy while it lives: one shell busy loop per core, each a separate process at the
/// normal priority, so the code under test competes for CPU as it does on a loaded CI runner. Bounded: the loops are
/// killed on dispose and, should the test process die first, end by themselves after <c>limit</c>.
/// </summary>
public sealed class CpuHog : IDisposable
{
    private readonly List<Process> _loops = [];

    /// <summary>Starts one busy loop per core, each ending by itself after <paramref name="limit"/>.</summary>
    public CpuHog(TimeSpan limit)
    {
        var seconds = (int)Math.Ceiling(limit.TotalSeconds);
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            var info = new ProcessStartInfo("sh", ["-c", $"end=$(( $(date +%s) + {seconds} )); while [ $(date +%s) -lt $end ]; do i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; done"])
            {
                UseShellExecute = false,
            };
            _loops.Add(Process.Start(info) ?? throw new InvalidOperationException("sh did not start"));
        }
    }

    /// <summary>How many loops are still running.</summary>
    public int Running => _loops.Count(p => !p.HasExited);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var loop in _loops)
        {
            try
            {
                loop.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It has already ended.
            }

            loop.Dispose();
        }
    }
}
