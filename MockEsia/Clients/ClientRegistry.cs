using System.Collections.Immutable;

namespace MockEsia.Clients;

/// <summary>The registered clients, keyed by mnemonic; safe to change while serving (readers see one whole set at a time).</summary>
public sealed class ClientRegistry
{
    private readonly Lock _write = new();
    private volatile ImmutableDictionary<string, ClientRegistration> _clients = ImmutableDictionary.Create<string, ClientRegistration>(StringComparer.Ordinal);

    private volatile IReadOnlyList<ConfigurationProblem> _problems = [];

    // Certificates a re-registration took away from a client, kept to explain a later request signed with one (until a reset).
    private volatile ImmutableDictionary<string, ImmutableList<RemovedCertificate>> _removed = ImmutableDictionary.Create<string, ImmutableList<RemovedCertificate>>(StringComparer.Ordinal);

    /// <summary>The client files that could not be loaded (since start-up or the last reset).</summary>
    public IReadOnlyList<ConfigurationProblem> Problems => _problems;

    /// <summary>Why a client id is not registered although a client file names it; null when no file does.</summary>
    public ConfigurationProblem? NotLoaded(string? clientId) => clientId is null ? null : _problems.FirstOrDefault(p => p.ClientId == clientId);

    /// <summary>All clients.</summary>
    public IReadOnlyCollection<ClientRegistration> All => _clients.Values.ToArray();

    /// <summary>Finds a client; null when unknown.</summary>
    public ClientRegistration? Find(string? clientId) => clientId is not null && _clients.TryGetValue(clientId, out var client) ? client : null;

    /// <summary>Adds or replaces a client.</summary>
    public void Put(ClientRegistration client) => Put(client, null);

    /// <summary>
    /// Adds or replaces a client, remembering the certificates the replaced registration had and this one lacks as
    /// removed at <paramref name="at"/> (a system's certificate change, as ESIA's portal does it: register the new one
    /// beside the old, switch, remove the old).
    /// </summary>
    public void Put(ClientRegistration client, DateTimeOffset at) => Put(client, (DateTimeOffset?)at);

    private void Put(ClientRegistration client, DateTimeOffset? at)
    {
        lock (_write)
        {
            if (at is { } when && _clients.TryGetValue(client.ClientId, out var before))
            {
                bool Kept(Esia.Protocol.Crypto.EsiaCertificate c) => client.Certificates.Any(n => n.Streebog256Hex == c.Streebog256Hex);
                var removed = (_removed.GetValueOrDefault(client.ClientId) ?? []).Where(r => !Kept(r.Certificate))
                    .Concat(before.Certificates.Where(c => !Kept(c)).Select(c => new RemovedCertificate(c, when)));
                _removed = _removed.SetItem(client.ClientId, [.. removed]);
            }

            _clients = _clients.SetItem(client.ClientId, client);
        }
    }

    /// <summary>A certificate that was registered for the client and removed by a re-registration; null when none matches.</summary>
    public RemovedCertificate? Removed(string clientId, Func<Esia.Protocol.Crypto.EsiaCertificate, bool> matches) =>
        _removed.GetValueOrDefault(clientId)?.LastOrDefault(r => matches(r.Certificate));

    /// <summary>Removes a client; false when unknown.</summary>
    public bool Remove(string clientId)
    {
        lock (_write)
        {
            var before = _clients;
            _clients = before.Remove(clientId);
            return _clients.Count != before.Count;
        }
    }

    /// <summary>
    /// Replaces every client at once (a later one with the same id wins), with the files that could not be loaded: a
    /// reader sees the old set or the new one, never a half.
    /// </summary>
    public void ReplaceAll(IEnumerable<ClientRegistration> clients, IReadOnlyList<ConfigurationProblem> problems)
    {
        var next = ImmutableDictionary.CreateBuilder<string, ClientRegistration>(StringComparer.Ordinal);
        foreach (var client in clients)
        {
            next[client.ClientId] = client;
        }

        lock (_write)
        {
            _clients = next.ToImmutable();
            _problems = problems;
            _removed = _removed.Clear();
        }
    }
}

/// <summary>A certificate a client's re-registration removed, and when.</summary>
/// <param name="Certificate">The certificate.</param>
/// <param name="RemovedAt">When it was removed (MockEsia's clock).</param>
public sealed record RemovedCertificate(Esia.Protocol.Crypto.EsiaCertificate Certificate, DateTimeOffset RemovedAt);
