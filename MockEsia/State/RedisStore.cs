using System.Text.Json;
using StackExchange.Redis;

namespace MockEsia.State;

/// <summary>
/// The shared store: pending requests, codes, refresh tokens and SSO sessions in Redis, so that several MockEsia
/// replicas behind a load balancer see one state and a restart loses nothing. Redeeming is Redis's atomic
/// <c>GETDEL</c>: of concurrent redemptions on any replicas exactly one gets the value. Expiry follows MockEsia's
/// virtual clock (checked on every read); Redis's own TTL, one hour past that, only collects the garbage.
/// </summary>
internal sealed class RedisStore : IMockEsiaStore
{
    /// <inheritdoc />
    /// <remarks>Redis keeps every entry under a TTL: nothing to sweep and no cap.</remarks>
    public long EvictedRefreshTokens => 0;

    private static readonly TimeSpan GarbageMargin = TimeSpan.FromHours(1);
    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly string _prefix;
    private readonly TimeProvider _clock;
    private readonly int _maxPendingPerClient;

    /// <summary>A store in <paramref name="redis"/> under keys starting <c>{prefix}:</c>.</summary>
    public RedisStore(IConnectionMultiplexer redis, string prefix, TimeProvider clock, int maxPendingPerClient = int.MaxValue)
    {
        _maxPendingPerClient = Math.Max(1, maxPendingPerClient);
        _redis = redis;
        _db = redis.GetDatabase();
        _prefix = prefix;
        _clock = clock;
    }

    /// <inheritdoc />
    /// <remarks>Beyond <c>MockEsia:MaxPendingAuthorizationsPerClient</c> of one client, its oldest are forgotten (a list per client, newest first).</remarks>
    public async ValueTask SavePendingAsync(PendingAuthorization pending)
    {
        await SaveAsync("pending", pending.Id, pending, pending.ExpiresAt);
        var order = $"{_prefix}:pending-order:{pending.ClientId}";
        var length = await Run(() => _db.ListLeftPushAsync(order, pending.Id));
        await Run(() => _db.KeyExpireAsync(order, pending.ExpiresAt - _clock.GetUtcNow() + GarbageMargin));
        if (length > _maxPendingPerClient)
        {
            var oldest = await Run(() => _db.ListRangeAsync(order, _maxPendingPerClient, -1));
            await Run(() => _db.KeyDeleteAsync(oldest.Select(id => (RedisKey)Key("pending", id!)).ToArray()));
            await Run(() => _db.ListTrimAsync(order, 0, _maxPendingPerClient - 1));
        }
    }

    /// <inheritdoc />
    public async ValueTask<PendingAuthorization?> FindPendingAsync(string id, DateTimeOffset now) =>
        Live(await Run(() => _db.StringGetAsync(Key("pending", id))), (PendingAuthorization p) => p.ExpiresAt, now);

    /// <inheritdoc />
    public async ValueTask<PendingAuthorization?> TakePendingAsync(string id, DateTimeOffset now) =>
        Live(await Run(() => _db.StringGetDeleteAsync(Key("pending", id))), (PendingAuthorization p) => p.ExpiresAt, now);

    /// <inheritdoc />
    public ValueTask SaveCodeAsync(CodeGrant grant) => SaveAsync("code", grant.Code, grant, grant.ExpiresAt);

    /// <inheritdoc />
    public async ValueTask<CodeGrant?> RedeemCodeAsync(string code, DateTimeOffset now) =>
        Live(await Run(() => _db.StringGetDeleteAsync(Key("code", code))), (CodeGrant g) => g.ExpiresAt, now);

    /// <inheritdoc />
    public ValueTask SaveRefreshAsync(RefreshGrant grant) =>
        SaveAsync("refresh", grant.Token, grant, grant.ExpiresAt, IndexKey("refresh", grant.PersonOid));

    /// <inheritdoc />
    public async ValueTask<RefreshGrant?> FindRefreshAsync(string token, DateTimeOffset now) =>
        Live(await Run(() => _db.StringGetAsync(Key("refresh", token))), (RefreshGrant g) => g.ExpiresAt, now);

    /// <inheritdoc />
    public async ValueTask<RefreshGrant?> RedeemRefreshAsync(string token, DateTimeOffset now) =>
        Live(await Run(() => _db.StringGetDeleteAsync(Key("refresh", token))), (RefreshGrant g) => g.ExpiresAt, now);

    /// <inheritdoc />
    public ValueTask<int> RevokeRefreshTokensAsync(long personOid) => DeleteIndexedAsync("refresh", IndexKey("refresh", personOid));

    /// <inheritdoc />
    public ValueTask SaveConsentAsync(ConsentGrant consent) =>
        SaveAsync("consent", ConsentGrant.KeyOf(consent.ClientId, consent.PersonOid, consent.Sysname), consent, consent.ExpiresAt);

    /// <inheritdoc />
    public async ValueTask<ConsentGrant?> FindConsentAsync(string clientId, long personOid, string sysname, DateTimeOffset now) =>
        Live(await Run(() => _db.StringGetAsync(Key("consent", ConsentGrant.KeyOf(clientId, personOid, sysname)))), (ConsentGrant c) => c.ExpiresAt, now);

    /// <inheritdoc />
    public ValueTask SaveSessionAsync(SsoSession session) =>
        SaveAsync("session", session.Id, session, session.ExpiresAt, IndexKey("session", session.PersonOid), IndexKey("session", null));

    /// <inheritdoc />
    public async ValueTask<SsoSession?> FindSessionAsync(string id, DateTimeOffset now) =>
        Live(await Run(() => _db.StringGetAsync(Key("session", id))), (SsoSession s) => s.ExpiresAt, now);

    /// <inheritdoc />
    public async ValueTask RemoveSessionAsync(string id) => await Run(() => _db.KeyDeleteAsync(Key("session", id)));

    /// <inheritdoc />
    public ValueTask<int> RemoveSessionsAsync(long? personOid) => DeleteIndexedAsync("session", IndexKey("session", personOid));

    /// <inheritdoc />
    public async ValueTask ClearAsync()
    {
        foreach (var endpoint in _redis.GetEndPoints())
        {
            var server = _redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            // Only this store's entries: the shared clock, faults, journal and counters (RedisReplication) stay.
            var keys = new List<RedisKey>();
            foreach (var kind in new[] { "pending", "code", "refresh", "session", "refresh-of", "session-of", "consent" })
            {
                await foreach (var key in server.KeysAsync(_db.Database, $"{_prefix}:{kind}:*"))
                {
                    keys.Add(key);
                }
            }

            if (keys.Count > 0)
            {
                await Run(() => _db.KeyDeleteAsync(keys.ToArray()));
            }
        }
    }

    private string Key(string kind, string id) => $"{_prefix}:{kind}:{id}";

    // The set of a person's refresh tokens or sessions (or of all sessions, for a null person).
    private string IndexKey(string kind, long? personOid) => personOid is { } oid ? $"{_prefix}:{kind}-of:{oid}" : $"{_prefix}:{kind}-of:all";

    private async ValueTask SaveAsync<T>(string kind, string id, T value, DateTimeOffset expiresAt, params string[] indexes)
    {
        var remaining = expiresAt - _clock.GetUtcNow();
        var ttl = (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) + GarbageMargin;
        var batch = _db.CreateBatch();
        var writes = new List<Task> { batch.StringSetAsync(Key(kind, id), JsonSerializer.SerializeToUtf8Bytes(value), ttl) };
        foreach (var index in indexes)
        {
            writes.Add(batch.SetAddAsync(index, id));
            writes.Add(batch.KeyExpireAsync(index, ttl, ExpireWhen.GreaterThanCurrentExpiry));
            writes.Add(batch.KeyExpireAsync(index, ttl, ExpireWhen.HasNoExpiry));
        }

        batch.Execute();
        await Run(() => Task.WhenAll(writes));
    }

    // Deletes every entry an index names; counts only those that still existed (not redeemed, expired or removed).
    private async ValueTask<int> DeleteIndexedAsync(string kind, string index)
    {
        var members = await Run(() => _db.SetMembersAsync(index));
        var count = 0;
        foreach (var member in members)
        {
            if (await Run(() => _db.KeyDeleteAsync(Key(kind, member!))))
            {
                count++;
            }
        }

        await Run(() => _db.SetRemoveAsync(index, members));
        return count;
    }

    private static T? Live<T>(RedisValue value, Func<T, DateTimeOffset> expiresAt, DateTimeOffset now)
        where T : class
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var entry = JsonSerializer.Deserialize<T>((byte[])value!);
        return entry is not null && expiresAt(entry) > now ? entry : null;
    }

    private static async Task<T> Run<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new StoreUnavailableException($"The Redis store does not answer ({ex.Message}).", ex);
        }
    }

    private static async Task Run(Func<Task> call) => await Run(async () =>
    {
        await call();
        return true;
    });
}
