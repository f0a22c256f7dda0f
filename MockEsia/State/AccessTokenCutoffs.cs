using System.Collections.Concurrent;

namespace MockEsia.State;

/// <summary>
/// "Expire the access tokens issued so far" per client, without moving the clock far: the REST API treats tokens
/// issued at or before a client's cutoff as expired. Lets a harness expire an external app's token while the app's own
/// clock (which MockEsia cannot move) stays where it is.
/// </summary>
public sealed class AccessTokenCutoffs
{
    private readonly ConcurrentDictionary<string, long> _cutoffs = new(StringComparer.Ordinal);

    /// <summary>Expires the client's access tokens issued up to <paramref name="now"/> (unix seconds).</summary>
    public void Expire(string clientId, long now) => _cutoffs[clientId] = now;

    /// <summary>Whether a token issued at <paramref name="issuedAt"/> for the client counts as expired.</summary>
    public bool IsExpired(string? clientId, long issuedAt) => clientId is not null && _cutoffs.TryGetValue(clientId, out var cutoff) && issuedAt <= cutoff;

    /// <summary>Forgets every cutoff.</summary>
    public void Clear() => _cutoffs.Clear();
}
