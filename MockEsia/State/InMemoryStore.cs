using System.Collections.Concurrent;

namespace MockEsia.State;

/// <summary>
/// The default store: concurrent dictionaries. Expiry touches only what expires: every entry is also queued in a
/// ten-second bucket of its expiry time, and a sweeper off the request path (every second) drains the buckets that have
/// passed, so a write costs the same however many entries are held. Live refresh tokens are capped
/// (<c>MockEsia:MaxRefreshTokens</c>): beyond the cap the oldest are evicted, with a warning in the log and the journal.
/// </summary>
internal sealed class InMemoryStore : IMockEsiaStore, IDisposable
{
    private const int BucketSeconds = 10;
    private readonly ConcurrentDictionary<string, PendingAuthorization> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshGrant> _refresh = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SsoSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConsentGrant> _consents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, ConcurrentQueue<Expiry>> _buckets = new();
    private readonly ConcurrentQueue<string> _refreshOrder = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _pendingOrder = new(StringComparer.Ordinal);
    private readonly int _maxPendingPerClient;
    private readonly Lock _sweepLock = new();
    private readonly TimeProvider _clock;
    private readonly int _maxRefreshTokens;
    private readonly ILogger? _log;
    private readonly ITimer? _sweeper;
    private long _nextBucket;
    private long _evicted;
    private int _liveRefresh;

    /// <summary>
    /// A store that expires entries by <paramref name="clock"/> (MockEsia's virtual time); <paramref name="sweepInterval"/>
    /// of real time between sweeps (none: call <see cref="SweepExpired"/>).
    /// </summary>
    public InMemoryStore(TimeProvider clock, int maxRefreshTokens = int.MaxValue, TimeSpan? sweepInterval = null, ILogger? log = null, int maxPendingPerClient = int.MaxValue)
    {
        _clock = clock;
        _maxPendingPerClient = Math.Max(1, maxPendingPerClient);
        _maxRefreshTokens = maxRefreshTokens;
        _log = log;
        _nextBucket = Bucket(clock.GetUtcNow());
        if (sweepInterval is { } interval)
        {
            _sweeper = TimeProvider.System.CreateTimer(_ => SweepExpired(), null, interval, interval);
        }
    }

    private enum Kind
    {
        Pending,
        Code,
        Refresh,
        Session,
    }

    /// <summary>Counts of what is held (for diagnostics and tests).</summary>
    public (int Pending, int Codes, int RefreshTokens, int Sessions) Counts => (_pending.Count, _codes.Count, _refresh.Count, _sessions.Count);

    /// <inheritdoc />
    public long EvictedRefreshTokens => Interlocked.Read(ref _evicted);

    /// <inheritdoc />
    public void Dispose() => _sweeper?.Dispose();

    /// <inheritdoc />
    /// <remarks>Beyond <c>MockEsia:MaxPendingAuthorizationsPerClient</c> of one client, its oldest are forgotten.</remarks>
    public ValueTask SavePendingAsync(PendingAuthorization pending)
    {
        var order = _pendingOrder.GetOrAdd(pending.ClientId, _ => new ConcurrentQueue<string>());
        order.Enqueue(pending.Id);
        while (order.Count > _maxPendingPerClient && order.TryDequeue(out var oldest))
        {
            _pending.TryRemove(oldest, out _);
        }

        return Save(_pending, Kind.Pending, pending.Id, pending, pending.ExpiresAt);
    }

    /// <inheritdoc />
    public ValueTask<PendingAuthorization?> FindPendingAsync(string id, DateTimeOffset now) =>
        ValueTask.FromResult(_pending.TryGetValue(id, out var p) && p.ExpiresAt > now ? p : null);

    /// <inheritdoc />
    public ValueTask<PendingAuthorization?> TakePendingAsync(string id, DateTimeOffset now) =>
        ValueTask.FromResult(_pending.TryRemove(id, out var p) && p.ExpiresAt > now ? p : null);

    /// <inheritdoc />
    public ValueTask SaveCodeAsync(CodeGrant grant) => Save(_codes, Kind.Code, grant.Code, grant, grant.ExpiresAt);

    /// <inheritdoc />
    public ValueTask<CodeGrant?> RedeemCodeAsync(string code, DateTimeOffset now) =>
        ValueTask.FromResult(_codes.TryRemove(code, out var g) && g.ExpiresAt > now ? g : null);

    /// <inheritdoc />
    public ValueTask SaveRefreshAsync(RefreshGrant grant)
    {
        // A counter of its own: ConcurrentDictionary.Count takes every lock of the map, on each write.
        if (_refresh.TryAdd(grant.Token, grant))
        {
            _refreshOrder.Enqueue(grant.Token);
            if (Interlocked.Increment(ref _liveRefresh) > _maxRefreshTokens)
            {
                EvictOldest();
            }
        }
        else
        {
            _refresh[grant.Token] = grant;
        }

        Expire(Kind.Refresh, grant.Token, grant.ExpiresAt);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<RefreshGrant?> FindRefreshAsync(string token, DateTimeOffset now) =>
        ValueTask.FromResult(_refresh.TryGetValue(token, out var g) && g.ExpiresAt > now ? g : null);

    /// <inheritdoc />
    public ValueTask<RefreshGrant?> RedeemRefreshAsync(string token, DateTimeOffset now) =>
        ValueTask.FromResult(Forget(_refresh.TryRemove(token, out var g)) && g!.ExpiresAt > now ? g : null);

    /// <inheritdoc />
    public ValueTask<int> RevokeRefreshTokensAsync(long personOid)
    {
        var count = 0;
        foreach (var (key, grant) in _refresh)
        {
            if (grant.PersonOid == personOid && Forget(_refresh.TryRemove(key, out _)))
            {
                count++;
            }
        }

        return ValueTask.FromResult(count);
    }

    /// <inheritdoc />
    /// <remarks>One per system, person and type: a handful, kept until a reset.</remarks>
    public ValueTask SaveConsentAsync(ConsentGrant consent)
    {
        _consents[ConsentGrant.KeyOf(consent.ClientId, consent.PersonOid, consent.Sysname)] = consent;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ConsentGrant?> FindConsentAsync(string clientId, long personOid, string sysname, DateTimeOffset now) =>
        ValueTask.FromResult(_consents.TryGetValue(ConsentGrant.KeyOf(clientId, personOid, sysname), out var c) && c.ExpiresAt > now ? c : null);

    /// <inheritdoc />
    public ValueTask SaveSessionAsync(SsoSession session) => Save(_sessions, Kind.Session, session.Id, session, session.ExpiresAt);

    /// <inheritdoc />
    public ValueTask<SsoSession?> FindSessionAsync(string id, DateTimeOffset now) =>
        ValueTask.FromResult(_sessions.TryGetValue(id, out var s) && s.ExpiresAt > now ? s : null);

    /// <inheritdoc />
    public ValueTask RemoveSessionAsync(string id)
    {
        _sessions.TryRemove(id, out _);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> RemoveSessionsAsync(long? personOid)
    {
        var count = 0;
        foreach (var (key, session) in _sessions)
        {
            if ((personOid is null || session.PersonOid == personOid) && _sessions.TryRemove(key, out _))
            {
                count++;
            }
        }

        return ValueTask.FromResult(count);
    }

    /// <inheritdoc />
    public ValueTask ClearAsync()
    {
        lock (_sweepLock)
        {
            _pending.Clear();
            _pendingOrder.Clear();
            _codes.Clear();
            _refresh.Clear();
            Interlocked.Exchange(ref _liveRefresh, 0);
            _sessions.Clear();
            _consents.Clear();
            _buckets.Clear();
            _refreshOrder.Clear();
            _nextBucket = Bucket(_clock.GetUtcNow());
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Removes what has expired by MockEsia's time: drains only the buckets whose ten seconds have passed, so its cost is
    /// that of the entries expiring (and of the refresh tokens redeemed since, whose places are dropped). Returns how
    /// many entries it removed.
    /// </summary>
    public int SweepExpired()
    {
        var now = _clock.GetUtcNow();
        var removed = 0;
        lock (_sweepLock)
        {
            for (var current = Bucket(now); _nextBucket < current; _nextBucket++)
            {
                if (!_buckets.TryRemove(_nextBucket, out var queue))
                {
                    continue;
                }

                while (queue.TryDequeue(out var expiry))
                {
                    removed += Remove(expiry, now) ? 1 : 0;
                }
            }

            // The insertion order of refresh tokens (for eviction) drops the places of tokens no longer held.
            while (_refreshOrder.TryPeek(out var oldest) && !_refresh.ContainsKey(oldest))
            {
                _refreshOrder.TryDequeue(out _);
            }
        }

        return removed;
    }

    private bool Remove(Expiry expiry, DateTimeOffset now) => expiry.Map switch
    {
        Kind.Pending => RemoveIfExpired(_pending, expiry.Key, p => p.ExpiresAt, now),
        Kind.Code => RemoveIfExpired(_codes, expiry.Key, c => c.ExpiresAt, now),
        Kind.Refresh => Forget(RemoveIfExpired(_refresh, expiry.Key, r => r.ExpiresAt, now)),
        _ => RemoveIfExpired(_sessions, expiry.Key, s => s.ExpiresAt, now),
    };

    // Only when the entry held now has expired: a session saved again under its id lives on.
    private static bool RemoveIfExpired<T>(ConcurrentDictionary<string, T> map, string key, Func<T, DateTimeOffset> expiresAt, DateTimeOffset now) =>
        map.TryGetValue(key, out var value) && expiresAt(value) <= now && map.TryRemove(new KeyValuePair<string, T>(key, value));

    private ValueTask Save<T>(ConcurrentDictionary<string, T> map, Kind kind, string key, T value, DateTimeOffset expiresAt)
    {
        map[key] = value;
        Expire(kind, key, expiresAt);
        return ValueTask.CompletedTask;
    }

    // Queues the entry in the bucket of its expiry (one already passed: the next to be swept).
    private void Expire(Kind kind, string key, DateTimeOffset expiresAt)
    {
        var bucket = Math.Max(Bucket(expiresAt), Volatile.Read(ref _nextBucket));
        _buckets.GetOrAdd(bucket, _ => new ConcurrentQueue<Expiry>()).Enqueue(new Expiry(kind, key));
    }

    // Keeps the count of live refresh tokens: called with the outcome of each removal from the map.
    private bool Forget(bool removed)
    {
        if (removed)
        {
            Interlocked.Decrement(ref _liveRefresh);
        }

        return removed;
    }

    private void EvictOldest()
    {
        var evicted = 0;
        while (Volatile.Read(ref _liveRefresh) > _maxRefreshTokens && _refreshOrder.TryDequeue(out var oldest))
        {
            evicted += Forget(_refresh.TryRemove(oldest, out _)) ? 1 : 0;
        }

        var total = Interlocked.Add(ref _evicted, evicted);
        if (evicted > 0 && (total == evicted || total / 10_000 != (total - evicted) / 10_000))
        {
            _log?.LogWarning("More than MockEsia:MaxRefreshTokens={Max} refresh tokens are live: the oldest are evicted ({Total} so far); clients holding them get ESIA-007011",
                _maxRefreshTokens, total);
        }
    }

    // The expiry bucket: ten seconds of MockEsia's time.
    private static long Bucket(DateTimeOffset at) => at.ToUnixTimeSeconds() / BucketSeconds;

    private readonly record struct Expiry(Kind Map, string Key);
}
