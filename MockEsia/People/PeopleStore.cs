using System.Collections.Concurrent;
using System.Text.Json;
using MockEsia.Configuration;

namespace MockEsia.People;

/// <summary>The test people, keyed by oid; safe to change while serving.</summary>
public sealed class PeopleStore
{
    private readonly ConcurrentDictionary<long, Person> _people = new();

    /// <summary>Everyone, by oid.</summary>
    public IReadOnlyList<Person> All => _people.Values.OrderBy(p => p.Oid).ToArray();

    /// <summary>Finds a person by oid.</summary>
    public Person? Find(long oid) => _people.TryGetValue(oid, out var p) ? p : null;

    /// <summary>Finds a person by what they type at the login form: login name, e-mail, mobile number or SNILS (<see cref="LoginIdentifier"/>).</summary>
    public Person? FindByLogin(string? login) => string.IsNullOrWhiteSpace(login) ? null
        : _people.Values.OrderBy(p => p.Oid).FirstOrDefault(p => LoginIdentifier.Names(p, login));

    /// <summary>Adds or replaces a person.</summary>
    public void Put(Person person) => _people[person.Oid] = person;

    /// <summary>Removes a person.</summary>
    public bool Remove(long oid) => _people.TryRemove(oid, out _);

    /// <summary>Removes everyone.</summary>
    public void Clear() => _people.Clear();

    /// <summary>Loads every <c>*.json</c> of a folder: one person or an array of people per file.</summary>
    public void LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var people = text.TrimStart().StartsWith('[')
                ? JsonSerializer.Deserialize<List<Person>>(text, MockEsiaJson.Files) ?? []
                : [JsonSerializer.Deserialize<Person>(text, MockEsiaJson.Files) ?? throw new InvalidDataException($"{file} is empty.")];
            foreach (var person in people)
            {
                Put(person);
            }
        }
    }
}
