using System.Collections.Concurrent;
using System.Text.Json;
using MockEsia.Configuration;

namespace MockEsia.Clients;

/// <summary>The registered clients, keyed by mnemonic; safe to change while serving.</summary>
public sealed class ClientRegistry
{
    private readonly ConcurrentDictionary<string, ClientRegistration> _clients = new(StringComparer.Ordinal);

    /// <summary>All clients.</summary>
    public IReadOnlyCollection<ClientRegistration> All => _clients.Values.ToArray();

    /// <summary>Finds a client; null when unknown.</summary>
    public ClientRegistration? Find(string? clientId) => clientId is not null && _clients.TryGetValue(clientId, out var client) ? client : null;

    /// <summary>Adds or replaces a client.</summary>
    public void Put(ClientRegistration client) => _clients[client.ClientId] = client;

    /// <summary>Removes a client; false when unknown.</summary>
    public bool Remove(string clientId) => _clients.TryRemove(clientId, out _);

    /// <summary>Removes every client.</summary>
    public void Clear() => _clients.Clear();

    /// <summary>Loads every <c>*.json</c> of <paramref name="folder"/> (each one client, or an array of clients).</summary>
    public void LoadFolder(string folder, string fixturesPath)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var definitions = text.TrimStart().StartsWith('[')
                ? JsonSerializer.Deserialize<List<ClientDefinition>>(text, MockEsiaJson.Files) ?? []
                : [JsonSerializer.Deserialize<ClientDefinition>(text, MockEsiaJson.Files) ?? throw new InvalidDataException($"{file} is empty.")];
            foreach (var definition in definitions)
            {
                Put(definition.ToRegistration(fixturesPath));
            }
        }
    }
}
