using System.Collections.Concurrent;

namespace MockEsia.State;

/// <summary>The default store: concurrent dictionaries, expired entries swept as new ones arrive, so memory stays bounded.</summary>
internal sealed class InMemoryStore : IMockEsiaStore
{
    private const int SweepEvery = 256;
    private readonly ConcurrentDictionary<string, PendingAuthorization> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshGrant> _refresh = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SsoSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private int _writes;

    /// <summary>A store that sweeps by the given clock.</summary>
    public InMemoryStore(TimeProvider clock) => _clock = clock;

    /// <summary>Counts of what is held (for diagnostics and tests).</summary>
    public (int Pending, int Codes, int RefreshTokens, int Sessions) Counts => (_pending.Count, _codes.Count, _refresh.Count, _sessions.Count);

    /// <inheritdoc />
    public ValueTask SavePendingAsync(PendingAuthorization pending) => Save(_pending, pending.Id, pending);

    /// <inheritdoc />
    public ValueTask<PendingAuthorization?> FindPendingAsync(string id, DateTimeOffset now) =>
        ValueTask.FromResult(_pending.TryGetValue(id, out var p) && p.ExpiresAt > now ? p : null);

    /// <inheritdoc />
    public ValueTask<PendingAuthorization?> TakePendingAsync(string id, DateTimeOffset now) =>
        ValueTask.FromResult(_pending.TryRemove(id, out var p) && p.ExpiresAt > now ? p : null);

    /// <inheritdoc />
    public ValueTask SaveCodeAsync(CodeGrant grant) => Save(_codes, grant.Code, grant);

    /// <inheritdoc />
    public ValueTask<CodeGrant?> RedeemCodeAsync(string code, DateTimeOffset now) =>
        ValueTask.FromResult(_codes.TryRemove(code, out var g) && g.ExpiresAt > now ? g : null);

    /// <inheritdoc />
    public ValueTask SaveRefreshAsync(RefreshGrant grant) => Save(_refresh, grant.Token, grant);

    /// <inheritdoc />
    public ValueTask<RefreshGrant?> FindRefreshAsync(string token, DateTimeOffset now) =>
        ValueTask.FromResult(_refresh.TryGetValue(token, out var g) && g.ExpiresAt > now ? g : null);

    /// <inheritdoc />
    public ValueTask<RefreshGrant?> RedeemRefreshAsync(string token, DateTimeOffset now) =>
        ValueTask.FromResult(_refresh.TryRemove(token, out var g) && g.ExpiresAt > now ? g : null);

    /// <inheritdoc />
    public ValueTask<int> RevokeRefreshTokensAsync(long personOid)
    {
        var count = 0;
        foreach (var (key, grant) in _refresh)
        {
            if (grant.PersonOid == personOid && _refresh.TryRemove(key, out _))
            {
                count++;
            }
        }

        return ValueTask.FromResult(count);
    }

    /// <inheritdoc />
    public ValueTask SaveSessionAsync(SsoSession session) => Save(_sessions, session.Id, session);

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
        _pending.Clear();
        _codes.Clear();
        _refresh.Clear();
        _sessions.Clear();
        return ValueTask.CompletedTask;
    }

    private ValueTask Save<T>(ConcurrentDictionary<string, T> map, string key, T value)
    {
        map[key] = value;
        if (Interlocked.Increment(ref _writes) % SweepEvery == 0)
        {
            Sweep(_clock.GetUtcNow());
        }

        return ValueTask.CompletedTask;
    }

    private void Sweep(DateTimeOffset horizon)
    {
        RemoveWhere(_pending, p => p.ExpiresAt < horizon);
        RemoveWhere(_codes, c => c.ExpiresAt < horizon);
        RemoveWhere(_refresh, r => r.ExpiresAt < horizon);
        RemoveWhere(_sessions, s => s.ExpiresAt < horizon);
    }

    private static void RemoveWhere<T>(ConcurrentDictionary<string, T> map, Func<T, bool> predicate)
    {
        foreach (var (key, value) in map)
        {
            if (predicate(value))
            {
                map.TryRemove(key, out _);
            }
        }
    }
}
