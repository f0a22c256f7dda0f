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

    /// <summary>Replaces everyone.</summary>
    public void ReplaceAll(IEnumerable<Person> people)
    {
        var next = people.ToArray();
        _people.Clear();
        foreach (var person in next)
        {
            Put(person);
        }
    }

    /// <summary>Reads every <c>*.json</c> of a folder: one person or an array of people per file.</summary>
    /// <exception cref="InvalidDataException">A file cannot be read; the message names it.</exception>
    public static IReadOnlyList<Person> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var result = new List<Person>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var text = File.ReadAllText(file);
                result.AddRange(text.TrimStart().StartsWith('[')
                    ? JsonSerializer.Deserialize<List<Person>>(text, MockEsiaJson.Files) ?? []
                    : [JsonSerializer.Deserialize<Person>(text, MockEsiaJson.Files) ?? throw new InvalidDataException("it is empty")]);
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new InvalidDataException($"The people file {file} cannot be read: {ex.Message.TrimEnd('.')}. Fix: correct it, or remove it from the fixtures' users/ folder.", ex);
            }
        }

        return result;
    }
}
