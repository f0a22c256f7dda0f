namespace MockEsia.Abstractions;

/// <summary>
/// What MockEsia's own process is doing (<c>GET /__admin/runtime</c>): enough for a load test to tell where idle time
/// goes — garbage-collection pauses, the thread pool's backlog, lock contention — without attaching a profiler.
/// Counters are totals since start; a load test reads them before and after its window.
/// </summary>
/// <param name="CpuSeconds">Processor time used by the process (user + system).</param>
/// <param name="GcPauseMilliseconds">Total time the garbage collector paused the process.</param>
/// <param name="Gen0Collections">Generation-0 collections.</param>
/// <param name="Gen1Collections">Generation-1 collections.</param>
/// <param name="Gen2Collections">Generation-2 collections.</param>
/// <param name="AllocatedBytes">Bytes allocated on the managed heap.</param>
/// <param name="HeapBytes">Bytes the managed heap holds now.</param>
/// <param name="ServerGc">Whether the server garbage collector is in use.</param>
/// <param name="ThreadPoolThreads">Thread-pool threads now.</param>
/// <param name="PendingWorkItems">Work items queued on the thread pool and not yet started, now.</param>
/// <param name="CompletedWorkItems">Work items the thread pool has completed.</param>
/// <param name="LockContentions">Times a thread waited for a contended monitor lock.</param>
/// <param name="Gost">The GOST implementation in use (<c>Fast</c> or <c>Generic</c>).</param>
public sealed record RuntimeFigures(
    double CpuSeconds,
    double GcPauseMilliseconds,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    long AllocatedBytes,
    long HeapBytes,
    bool ServerGc,
    int ThreadPoolThreads,
    long PendingWorkItems,
    long CompletedWorkItems,
    long LockContentions,
    string Gost);
