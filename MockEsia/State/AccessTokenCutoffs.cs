using System.Collections.Concurrent;

namespace MockEsia.State;

/// <summary>
/// "Expire the access tokens issued so far" per client, without moving the clock far: the REST API treats tokens
/// issued at or before a client's cutoff as expired. Lets a harness expire an external app's token while the app's own
/// clock (which MockEsia cannot move) stays where it is.
/// </summary>
internal sealed class AccessTokenCutoffs
{
    private readonly ConcurrentDictionary<string, long> _cutoffs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Raised after a cutoff was set or all were cleared (not after <see cref="Restore"/>), with every cutoff.</summary>
    public event Action<IReadOnlyDictionary<string, long>>? Changed;

    /// <summary>Expires the client's access tokens issued up to <paramref name="now"/> (unix seconds).</summary>
    public void Expire(string clientId, long now) => Change(() => _cutoffs[clientId] = now);

    /// <summary>Takes over cutoffs captured elsewhere.</summary>
    public void Restore(IReadOnlyDictionary<string, long> cutoffs)
    {
        lock (_lock)
        {
            _cutoffs.Clear();
            foreach (var (client, cutoff) in cutoffs)
            {
                _cutoffs[client] = cutoff;
            }
        }
    }

    /// <summary>Whether a token issued at <paramref name="issuedAt"/> for the client counts as expired.</summary>
    public bool IsExpired(string? clientId, long issuedAt) => clientId is not null && _cutoffs.TryGetValue(clientId, out var cutoff) && issuedAt <= cutoff;

    /// <summary>Forgets every cutoff.</summary>
    public void Clear() => Change(_cutoffs.Clear);

    private void Change(Action change)
    {
        Dictionary<string, long> all;
        lock (_lock)
        {
            change();
            all = new Dictionary<string, long>(_cutoffs, StringComparer.Ordinal);
        }

        Changed?.Invoke(all);
    }
}
