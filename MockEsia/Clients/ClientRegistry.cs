using System.Collections.Immutable;

namespace MockEsia.Clients;

/// <summary>The registered clients, keyed by mnemonic; safe to change while serving (readers see one whole set at a time).</summary>
public sealed class ClientRegistry
{
    private readonly Lock _write = new();
    private volatile ImmutableDictionary<string, ClientRegistration> _clients = ImmutableDictionary.Create<string, ClientRegistration>(StringComparer.Ordinal);

    private volatile IReadOnlyList<ConfigurationProblem> _problems = [];

    /// <summary>The client files that could not be loaded (since start-up or the last reset).</summary>
    public IReadOnlyList<ConfigurationProblem> Problems => _problems;

    /// <summary>Why a client id is not registered although a client file names it; null when no file does.</summary>
    public ConfigurationProblem? NotLoaded(string? clientId) => clientId is null ? null : _problems.FirstOrDefault(p => p.ClientId == clientId);

    /// <summary>All clients.</summary>
    public IReadOnlyCollection<ClientRegistration> All => _clients.Values.ToArray();

    /// <summary>Finds a client; null when unknown.</summary>
    public ClientRegistration? Find(string? clientId) => clientId is not null && _clients.TryGetValue(clientId, out var client) ? client : null;

    /// <summary>Adds or replaces a client.</summary>
    public void Put(ClientRegistration client)
    {
        lock (_write)
        {
            _clients = _clients.SetItem(client.ClientId, client);
        }
    }

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
        }
    }
}
