using System.Text.Json;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.Time;
using StackExchange.Redis;

namespace MockEsia.State;

/// <summary>
/// Shares MockEsia's control state through Redis when <c>MockEsia:Redis</c> is set: the virtual clock, the faults
/// (ids and application counts from Redis counters, so a fault for N requests applies N times over all replicas),
/// the access-token cutoffs and the journal (a capped Redis list). Each change is written to Redis and announced on a
/// channel; the other replicas take it over. A process that starts takes over what Redis holds, so a restart loses
/// nothing. Clients, people and signing keys changed at run time stay per process (set them with a scenario file).
/// </summary>
internal sealed class RedisReplication : IDisposable
{
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly string _prefix;
    private readonly int _journalCapacity;
    private readonly VirtualClock _clock;
    private readonly FaultRegistry _faults;
    private readonly AccessTokenCutoffs _cutoffs;
    private readonly RequestJournal _journal;
    private readonly ILogger<RedisReplication> _logger;
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _sharing = new();
    private ISubscriber? _subscriber;
    private long _failures;

    /// <summary>Creates the replication (nothing happens before <see cref="Start"/>).</summary>
    public RedisReplication(RedisConnection connection, IOptions<MockEsiaOptions> options, VirtualClock clock, FaultRegistry faults, AccessTokenCutoffs cutoffs, RequestJournal journal, ILogger<RedisReplication> logger)
    {
        _redis = connection.Multiplexer;
        _db = _redis.GetDatabase();
        _prefix = options.Value.RedisPrefix;
        _journalCapacity = Math.Max(1, options.Value.JournalCapacity);
        _clock = clock;
        _faults = faults;
        _cutoffs = cutoffs;
        _journal = journal;
        _logger = logger;
    }

    private RedisChannel Channel => RedisChannel.Literal($"{_prefix}:changes");

    /// <summary>Takes over the shared state and starts sharing; true when Redis already held control state.</summary>
    public bool Start()
    {
        var held = Load();
        _faults.SharedCounter = NextAsync;
        _faults.IdSuffix = "-" + _origin[..6];
        _journal.SharedCounter = NextAsync;
        _clock.Changed += setting => Share("clock", JsonSerializer.Serialize(setting, MockEsiaJson.Files));
        _cutoffs.Changed += cutoffs => Share("cutoffs", JsonSerializer.Serialize(cutoffs, MockEsiaJson.Files));
        _faults.Changed += faults => Share("faults", JsonSerializer.Serialize(faults, MockEsiaJson.Files));
        _journal.Appended += AppendJournal;
        _journal.Cleared += () => Safely("journal", () =>
        {
            _db.KeyDelete(Key("journal"), CommandFlags.FireAndForget);
            _db.Publish(Channel, $"{_origin}|journal-clear|", CommandFlags.FireAndForget);
        });
        _subscriber = _redis.GetSubscriber();
        _subscriber.Subscribe(Channel, (_, message) => Receive(message!));
        return held;
    }

    /// <inheritdoc />
    public void Dispose() => _subscriber?.Unsubscribe(Channel);

    private string Key(string name) => $"{_prefix}:{name}";

    // Redis unreachable: the request still completes (its store call has already answered 503 if it needed Redis);
    // null lets the caller count in this process alone, and the outage is logged. Never a blocking call: request
    // threads waiting on Redis synchronously starved the thread pool under load (found by the soak).
    private async Task<long?> NextAsync(string counter)
    {
        try
        {
            return await _db.StringIncrementAsync(Key("counter:" + counter));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning("Redis does not answer ({Message}); {Counter} continues from this process alone.", ex.Message, counter);
            return null;
        }
    }

    private void Safely(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Increment(ref _failures);
            _logger.LogWarning("Redis does not answer ({Message}); the {What} change stays in this process.", ex.Message, what);
        }
    }

    private bool Load()
    {
        var held = false;
        foreach (var topic in new[] { "clock", "faults", "cutoffs" })
        {
            if (_db.StringGet(Key("control:" + topic)) is { IsNullOrEmpty: false } stored && Offer(topic, stored.ToString()))
            {
                held = true;
            }
        }

        _journal.Restore(_db.ListRange(Key("journal")).Select(e => JsonSerializer.Deserialize<JournalEntry>(e.ToString(), MockEsiaJson.Files)!));
        return held;
    }

    private void Apply(string topic, string payload)
    {
        switch (topic)
        {
            case "clock":
                _clock.Restore(JsonSerializer.Deserialize<ClockSetting>(payload, MockEsiaJson.Files)!);
                break;
            case "faults":
                _faults.Restore(JsonSerializer.Deserialize<List<Fault>>(payload, MockEsiaJson.Files)!);
                break;
            case "cutoffs":
                _cutoffs.Restore(JsonSerializer.Deserialize<Dictionary<string, long>>(payload, MockEsiaJson.Files)!);
                break;
        }
    }

    // Each change carries a version from a Redis counter, and a replica applies only changes at least as new as what it
    // holds. A late message from another replica may slip in between a change here and its version: the change, being
    // newer, is applied again when its version arrives. Asynchronous: the change may come from a request thread.
    private void Share(string topic, string payload)
    {
        var sharing = ShareAsync(topic, payload);
        _sharing[sharing] = 0;
        sharing.ContinueWith(done => _sharing.TryRemove(done, out _), TaskScheduler.Default);
    }

    /// <summary>Completes once every change made so far is stored in Redis and announced (or failed to be).</summary>
    public Task FlushAsync() => Task.WhenAll(_sharing.Keys);

    /// <summary>How many changes could not be shared so far: a caller that sees it grow knows its change stayed in this process.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Why the shared state cannot be reached now (Redis not connected), or null while it can.</summary>
    public string? Problem => _redis.IsConnected ? null : $"Redis at {_redis.Configuration.Split(',')[0]} does not answer: state is not shared and the store cannot be read";

    private async Task ShareAsync(string topic, string payload)
    {
        try
        {
            var version = await _db.StringIncrementAsync(Key("counter:version:" + topic));
            if (!Offer(topic, $"{version}|{payload}"))
            {
                return;
            }

            await _db.StringSetAsync(Key("control:" + topic), $"{version}|{payload}");
            await _db.PublishAsync(Channel, $"{_origin}|{topic}|{version}|{payload}");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Increment(ref _failures);
            _logger.LogWarning("Redis does not answer ({Message}); the {Topic} change stays in this process.", ex.Message, topic);
        }
    }

    // Applies "version|payload" unless a newer version of the topic is already held; true when applied.
    private bool Offer(string topic, string versioned)
    {
        var bar = versioned.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !long.TryParse(versioned.AsSpan(0, bar), out var version))
        {
            return false;
        }

        lock (_versions)
        {
            if (_versions.TryGetValue(topic, out var held) && held > version)
            {
                return false;
            }

            _versions[topic] = version;
            Apply(topic, versioned[(bar + 1)..]);
            return true;
        }
    }

    private void AppendJournal(JournalEntry entry) => Safely("journal", () =>
    {
        var payload = JsonSerializer.Serialize(entry, MockEsiaJson.Files);
        var batch = _db.CreateBatch();
        _ = batch.ListRightPushAsync(Key("journal"), payload, flags: CommandFlags.FireAndForget);
        _ = batch.ListTrimAsync(Key("journal"), -_journalCapacity, -1, CommandFlags.FireAndForget);
        _ = batch.PublishAsync(Channel, $"{_origin}|journal|{payload}", CommandFlags.FireAndForget);
        batch.Execute();
    });

    private void Receive(string message)
    {
        var parts = message.Split('|', 3);
        if (parts.Length != 3 || parts[0] == _origin)
        {
            return;
        }

        try
        {
            switch (parts[1])
            {
                case "journal":
                    _journal.Receive(JsonSerializer.Deserialize<JournalEntry>(parts[2], MockEsiaJson.Files)!);
                    break;
                case "journal-clear":
                    _journal.Forget();
                    break;
                default:
                    Offer(parts[1], parts[2]);
                    break;
            }
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("An unreadable {Topic} change from another replica was ignored: {Message}", parts[1], ex.Message);
        }
    }
}
