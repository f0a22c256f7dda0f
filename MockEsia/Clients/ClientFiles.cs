using System.Text.Json;
using System.Text.RegularExpressions;
using MockEsia.Configuration;

namespace MockEsia.Clients;

/// <summary>What a folder of client files gave: the clients that load, and a <see cref="ConfigurationProblem"/> for each file (or entry) that does not.</summary>
/// <param name="Clients">The clients, in file order.</param>
/// <param name="Problems">The files that could not be used, each with the problem and the fix.</param>
/// <param name="DefinedIn">Where each loaded client is defined (the file, as shown, and the entry of an array).</param>
internal sealed record ClientFileLoad(IReadOnlyList<ClientRegistration> Clients, IReadOnlyList<ConfigurationProblem> Problems, IReadOnlyDictionary<string, string> DefinedIn);

/// <summary>
/// Reads client files (<c>*.json</c>, each one client or an array of clients) so that one bad file never stops the
/// others: invalid JSON, an unknown field, an id that is not a mnemonic, an id another file of the folder already
/// defines, an unreadable certificate or an RSA key without its switch are each reported with the file and the fix,
/// and the file is left out.
/// </summary>
internal static partial class ClientFiles
{
    /// <summary>Client files are read strictly: a misspelt field is an error, not a silently ignored setting.</summary>
    private static readonly JsonSerializerOptions Strict = new(MockEsiaJson.Files) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    /// <summary>ESIA's mnemonics (reference §3.1): upper-case Latin letters, digits, <c>_</c> and <c>-</c>.</summary>
    [GeneratedRegex("^[A-Z0-9_-]{1,64}$")]
    public static partial Regex Mnemonic();

    /// <summary>Why an id is not a mnemonic, or null when it is one.</summary>
    public static string? MnemonicProblem(string? id) => id is not null && Mnemonic().IsMatch(id)
        ? null
        : $"'{id}' is not an ESIA mnemonic (upper-case Latin letters, digits, '_' and '-', at most 64).";

    /// <summary>Loads every <c>*.json</c> of <paramref name="folder"/>; certificate paths are resolved against <paramref name="certificateRoot"/>.</summary>
    public static ClientFileLoad Load(string folder, string certificateRoot)
    {
        var clients = new List<ClientRegistration>();
        var problems = new List<ConfigurationProblem>();
        var definedIn = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return new ClientFileLoad(clients, problems, definedIn);
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var shown = Shown(file);
            if (Read(file, shown, problems) is not { } definitions)
            {
                continue;
            }

            foreach (var (definition, index) in definitions.Select((d, i) => (d, i)))
            {
                var where = definitions.Count > 1 ? $"{shown} (entry {index + 1})" : shown;
                if (definedIn.TryGetValue(definition.ClientId, out var first))
                {
                    problems.Add(new ConfigurationProblem(where, definition.ClientId, $"{definition.ClientId} is already defined in {first}.", "Keep one definition per system: remove or rename one of them."));
                    continue;
                }

                try
                {
                    clients.Add(definition.ToRegistration(certificateRoot));
                    definedIn[definition.ClientId] = where;
                }
                catch (ClientDefinitionException ex)
                {
                    problems.Add(new ConfigurationProblem(where, definition.ClientId, ex.Problem, ex.Fix));
                }
            }
        }

        return new ClientFileLoad(clients, problems, definedIn);
    }

    private static List<ClientDefinition>? Read(string file, string shown, List<ConfigurationProblem> problems)
    {
        try
        {
            var text = File.ReadAllText(file);
            var definitions = text.TrimStart().StartsWith('[')
                ? JsonSerializer.Deserialize<List<ClientDefinition>>(text, Strict)
                : [JsonSerializer.Deserialize<ClientDefinition>(text, Strict)!];
            if (definitions is null || definitions.Count == 0 || definitions.Any(d => d is null))
            {
                problems.Add(new ConfigurationProblem(shown, null, "The file holds no client.", "Write one client object (or an array of them), or delete the file."));
                return null;
            }

            return definitions;
        }
        catch (JsonException ex)
        {
            problems.Add(UnknownField().Match(ex.Message) is { Success: true } unknown
                ? new ConfigurationProblem(shown, null, $"'{unknown.Groups[1].Value}' is not a field of a client file{At(ex)}.", "Remove it or correct its spelling (the fields are ClientDefinition's: clientId, name, certificates, redirectUris, tokenAlgorithm, …).")
                : new ConfigurationProblem(shown, null, $"The file is not valid JSON{At(ex)}: {ex.Message.Split(" Path:")[0].TrimEnd('.')}.", "Correct the JSON, or write the file again with `MockEsia clients add --force`."));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ConfigurationProblem(shown, null, $"The file cannot be read ({ex.Message.TrimEnd('.')}).", "Make it readable by the user MockEsia runs as."));
            return null;
        }
    }

    private static string At(JsonException ex) => ex.LineNumber is { } line ? $" (line {line + 1})" : "";

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownField();

    /// <summary>A path as a person would recognise it: relative to the working directory when inside it.</summary>
    public static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
