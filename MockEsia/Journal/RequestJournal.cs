using System.Text.Json;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;

namespace MockEsia.Journal;

/// <summary>A query over the journal.</summary>
public sealed record JournalQuery
{
    /// <summary>Only this client.</summary>
    public string? ClientId { get; init; }

    /// <summary>Only this endpoint (<c>v2/ac</c>, <c>v3/te</c>, <c>rs</c>, …).</summary>
    public string? Endpoint { get; init; }

    /// <summary>Only entries after this sequence number.</summary>
    public long? AfterId { get; init; }

    /// <summary>Only entries at or after this virtual time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary><c>success</c> or <c>error</c>.</summary>
    public string? Outcome { get; init; }

    /// <summary>Only entries with this ESIA error code.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Whether an entry matches.</summary>
    public bool Matches(JournalEntry e) =>
        (ClientId is null || e.ClientId == ClientId)
        && (Endpoint is null || string.Equals(e.Endpoint, Endpoint, StringComparison.OrdinalIgnoreCase))
        && (AfterId is null || e.Id > AfterId)
        && (Since is null || e.VirtualTime >= Since)
        && (ErrorCode is null || e.ErrorCode == ErrorCode)
        && (Outcome is null || (Outcome == "success" ? e.Succeeded : !e.Succeeded));
}

/// <summary>
/// The request journal: bounded in memory (oldest dropped first), optionally appended to a JSON-lines file, with
/// waiting for a matching entry. A file that cannot be written (disk full) is reported once and then skipped; the
/// server keeps serving.
/// </summary>
public sealed class RequestJournal
{
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _lock = new();
    private readonly LinkedList<JournalEntry> _entries = new();
    private readonly List<(JournalQuery Query, TaskCompletionSource<JournalEntry> Waiter)> _waiters = [];
    private readonly IOptionsMonitor<MockEsiaOptions> _options;
    private readonly ILogger<RequestJournal> _logger;
    private long _nextId;
    private bool _fileFailed;

    /// <summary>Creates the journal.</summary>
    public RequestJournal(IOptionsMonitor<MockEsiaOptions> options, ILogger<RequestJournal> logger)
    {
        _options = options;
        _logger = logger;
    }

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

    /// <summary>Whether appending to the journal file has failed (it is then skipped).</summary>
    public bool FileFailed => _fileFailed;

    /// <summary>Adds an entry (its id is assigned here) and wakes matching waiters.</summary>
    public JournalEntry Append(JournalEntry entry)
    {
        List<TaskCompletionSource<JournalEntry>> woken = [];
        lock (_lock)
        {
            entry = entry with { Id = ++_nextId };
            _entries.AddLast(entry);
            while (_entries.Count > Math.Max(1, _options.CurrentValue.JournalCapacity))
            {
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

        WriteFile(entry);
        return entry;
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
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    private void WriteFile(JournalEntry entry)
    {
        var path = _options.CurrentValue.JournalFile;
        if (string.IsNullOrEmpty(path) || _fileFailed)
        {
            return;
        }

        try
        {
            lock (_lock)
            {
                File.AppendAllText(path, JsonSerializer.Serialize(entry, FileJson) + "\n");
            }
        }
        catch (IOException ex)
        {
            _fileFailed = true;
            _logger.LogError("The journal file {Path} cannot be written ({Message}); the journal stays in memory only and the server keeps serving.", path, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            _fileFailed = true;
            _logger.LogError("The journal file {Path} cannot be written ({Message}); the journal stays in memory only and the server keeps serving.", path, ex.Message);
        }
    }
}
