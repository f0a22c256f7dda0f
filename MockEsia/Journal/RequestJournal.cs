using System.Text.Json;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;

namespace MockEsia.Journal;

/// <summary>
/// The request journal: bounded in memory (oldest dropped first), optionally appended to a JSON-lines file, with
/// waiting for a matching entry. A file that cannot be written (disk full) is reported in the log and on
/// <c>/health</c>, tried again every 30 s, and meanwhile skipped; the server keeps serving.
/// </summary>
public sealed class RequestJournal(IOptionsMonitor<MockEsiaOptions> options, ILogger<RequestJournal> logger)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<JournalEntry> _entries = new();
    private readonly List<(JournalQuery Query, TaskCompletionSource<JournalEntry> Waiter)> _waiters = [];
    private long _nextId;
    private long _bytes;
    private readonly Lock _fileLock = new();
    private string? _fileProblem;
    private long _skipped;
    private long _retryAt;

    /// <summary>How many entries are held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How long a journal file that failed (disk full, no permission) is left alone before the next try.</summary>
    public static readonly TimeSpan FileRetry = TimeSpan.FromSeconds(30);

    /// <summary>Why the journal file cannot be written now, and how many entries it lacks; null while it is written.</summary>
    public string? FileProblem
    {
        get
        {
            lock (_fileLock)
            {
                return _fileProblem is null ? null : $"{_fileProblem} ({_skipped} entries not written to {options.CurrentValue.JournalFile})";
            }
        }
    }

    /// <summary>Ids from a counter shared by replicas (Redis <c>INCR</c>), when the journal is shared. Null (or a null answer, Redis being away): this process alone.</summary>
    public Func<string, Task<long?>>? SharedCounter { get; set; }

    /// <summary>Raised after this process appended an entry (not for entries received from other replicas).</summary>
    public event Action<JournalEntry>? Appended;

    /// <summary>Raised after the journal was cleared here.</summary>
    public event Action? Cleared;

    /// <summary>Adds an entry (its id is assigned here) and wakes matching waiters.</summary>
    public async Task<JournalEntry> AppendAsync(JournalEntry entry)
    {
        var shared = SharedCounter is { } counter ? await counter("journal-id") : null;
        entry = entry with { Id = shared ?? Interlocked.Increment(ref _nextId) };
        Insert(entry);
        WriteFile(entry);
        Appended?.Invoke(entry);
        return entry;
    }

    /// <summary>Adds an entry another replica appended (keeping its id) and wakes matching waiters.</summary>
    public void Receive(JournalEntry entry) => Insert(entry);

    /// <summary>Replaces the entries with ones kept elsewhere (oldest first).</summary>
    public void Restore(IEnumerable<JournalEntry> entries)
    {
        lock (_lock)
        {
            _entries.Clear();
            _bytes = 0;
            foreach (var entry in entries)
            {
                _entries.AddLast(entry);
                _bytes += Size(entry);
                _nextId = Math.Max(_nextId, entry.Id);
            }
        }
    }

    /// <summary>Entries matching the query, newest first.</summary>
    public IReadOnlyList<JournalEntry> Query(JournalQuery query, int limit = 500)
    {
        lock (_lock)
        {
            return _entries.Reverse().Where(query.Matches).Take(limit).ToArray();
        }
    }

    /// <summary>The first entry matching the query: one already there (after <see cref="JournalQuery.AfterId"/>), or the next to arrive; null on timeout.</summary>
    public async Task<JournalEntry?> WaitAsync(JournalQuery query, TimeSpan timeout, CancellationToken cancellation = default)
    {
        TaskCompletionSource<JournalEntry> waiter;
        lock (_lock)
        {
            if (_entries.FirstOrDefault(query.Matches) is { } existing)
            {
                return existing;
            }

            waiter = new TaskCompletionSource<JournalEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((query, waiter));
        }

        try
        {
            return await waiter.Task.WaitAsync(timeout, cancellation);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Waiter == waiter);
            }

            return null;
        }
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        Forget();
        Cleared?.Invoke();
    }

    /// <summary>Forgets every entry because another replica cleared the journal.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _entries.Clear();
            _bytes = 0;
        }
    }

    /// <summary>About how many bytes an entry holds (its strings, two bytes a character, and a fixed part).</summary>
    public static long Size(JournalEntry e) => 256 + 2L * (e.Path.Length + (e.Location?.Length ?? 0) + (e.Diagnostic?.Length ?? 0) + (e.Doctor?.Length ?? 0)
        + e.Parameters.Sum(p => p.Key.Length + p.Value.Length) + e.Checks.Sum(c => c.Name.Length + c.Detail.Length) + (e.Tokens?.Sum(t => t.Key.Length + t.Value.Length) ?? 0));

    /// <summary>About how many bytes the entries held take (bounded by <c>MockEsia:JournalMaxBytes</c>).</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    private void Insert(JournalEntry entry)
    {
        List<TaskCompletionSource<JournalEntry>> woken = [];
        lock (_lock)
        {
            var after = _entries.Last;
            while (after is not null && after.Value.Id > entry.Id)
            {
                after = after.Previous;
            }

            if (after is null)
            {
                _entries.AddFirst(entry);
            }
            else
            {
                _entries.AddAfter(after, entry);
            }

            _bytes += Size(entry);
            var maxBytes = Math.Max(1, options.CurrentValue.JournalMaxBytes);
            while (_entries.Count > 1 && (_entries.Count > Math.Max(1, options.CurrentValue.JournalCapacity) || _bytes > maxBytes))
            {
                _bytes -= Size(_entries.First!.Value);
                _entries.RemoveFirst();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Query.Matches(entry))
                {
                    woken.Add(_waiters[i].Waiter);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in woken)
        {
            waiter.TrySetResult(entry);
        }
    }

    private void WriteFile(JournalEntry entry)
    {
        var path = options.CurrentValue.JournalFile;
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        lock (_fileLock)
        {
            if (_fileProblem is not null && Environment.TickCount64 < _retryAt)
            {
                _skipped++;
                return;
            }

            try
            {
                File.AppendAllText(path, JsonSerializer.Serialize(entry, MockEsiaJson.Files) + "\n");
                if (_fileProblem is not null)
                {
                    logger.LogWarning("The journal file {Path} is written again; {Skipped} entries were kept in memory only meanwhile.", path, _skipped);
                    (_fileProblem, _skipped) = (null, 0);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (_fileProblem is null)
                {
                    logger.LogError("The journal file {Path} cannot be written ({Message}); the journal stays in memory, the server keeps serving, and the file is tried again every {Seconds} s.",
                        path, ex.Message, (int)FileRetry.TotalSeconds);
                }

                _fileProblem = ex.Message;
                _skipped++;
                _retryAt = Environment.TickCount64 + (long)FileRetry.TotalMilliseconds;
            }
        }
    }
}
