using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockEpgu.Dictionaries;

/// <summary>
/// The reference dictionaries of <c>POST /api/nsi/v1/dictionary/{code}</c> (epgu-api.md §2.8), one file each in
/// <c>fixtures/epgu/dictionaries/</c> (<c>{"code", "items": [...]}</c>, items in the wire's shape). Synthetic content.
/// </summary>
public sealed class DictionaryBook
{
    private readonly Dictionary<string, JsonArray> _dictionaries;

    private DictionaryBook(Dictionary<string, JsonArray> dictionaries) => _dictionaries = dictionaries;

    /// <summary>The codes held.</summary>
    public IReadOnlyCollection<string> Codes => _dictionaries.Keys;

    /// <summary>A dictionary's items (top level); null when unknown.</summary>
    public JsonArray? Items(string code) => _dictionaries.TryGetValue(code, out var items) ? items : null;

    /// <summary>Reads every <c>*.json</c> of <paramref name="folder"/>; a bad file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static DictionaryBook Load(string folder)
    {
        var dictionaries = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray() : [])
        {
            try
            {
                var root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
                var code = root?["code"]?.GetValue<string>() ?? throw new JsonException("it has no \"code\"");
                dictionaries[code] = root["items"] as JsonArray ?? throw new JsonException("it has no \"items\" array");
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidDataException($"The API ЕПГУ dictionary file {file} cannot be read: {ex.Message.TrimEnd('.')}. Fix: give it a \"code\" and an \"items\" array as the bundled files have.", ex);
            }
        }

        return new DictionaryBook(dictionaries);
    }
}
