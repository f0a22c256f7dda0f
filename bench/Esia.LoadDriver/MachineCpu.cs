using System.Globalization;

namespace Esia.LoadDriver;

/// <summary>
/// The whole machine's processor time from <c>/proc/stat</c> (all cores, in clock ticks): busy in processes, in the
/// kernel's interrupt handling (loopback networking runs there), and idle. Subtract two readings for a window.
/// </summary>
public sealed record MachineCpu(long User, long System, long Interrupts, long Idle)
{
    /// <summary>Reads the counters now.</summary>
    public static MachineCpu Read()
    {
        // cpu  user nice system idle iowait irq softirq steal …
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return new MachineCpu(fields[0] + fields[1], fields[2], fields[5] + fields[6], fields[3] + fields[4] + (fields.Length > 7 ? fields[7] : 0));
    }

    public static MachineCpu operator -(MachineCpu after, MachineCpu before) =>
        new(after.User - before.User, after.System - before.System, after.Interrupts - before.Interrupts, after.Idle - before.Idle);

    /// <summary>Shares of all cores' time: user, system, interrupts, idle (idle includes time stolen by the host).</summary>
    public string Describe()
    {
        var total = Math.Max(1.0, User + System + Interrupts + Idle);
        return string.Create(CultureInfo.InvariantCulture,
            $"user {User / total * 100:0}%, system {System / total * 100:0}%, interrupts {Interrupts / total * 100:0}%, idle or stolen {Idle / total * 100:0}% of both cores");
    }
}
