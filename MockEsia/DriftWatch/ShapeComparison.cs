using System.Text.Json.Nodes;

namespace MockEsia.DriftWatch;

/// <summary>Compares two masked shapes (<see cref="Shapes"/>) member by member, by kind of value, not by value.</summary>
internal static class ShapeComparison
{
    /// <summary>The kind of a shape: <c>string</c>, <c>uuid</c>, <c>jwt</c>, <c>number</c>, <c>boolean</c>, <c>null</c>, <c>object</c> or <c>array</c>.</summary>
    public static string Kind(JsonNode? shape) => shape switch
    {
        JsonObject o when o.ContainsKey("header") && o.ContainsKey("claims") => "jwt",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<string>(out var s) => s.StartsWith("<string:", StringComparison.Ordinal) ? "string" : s.Trim('<', '>'),
        JsonValue => "number",
        null => "null",
        _ => "?",
    };

    /// <summary>
    /// The members only one side has and the members whose kinds differ, nested objects one level down (dotted names);
    /// null when the shapes agree. Returns the ESIA side's and MockEsia's side's descriptions.
    /// </summary>
    public static (string Esia, string MockEsia)? Members(JsonObject? esia, JsonObject? mockEsia)
    {
        var onlyEsia = new List<string>();
        var onlyMock = new List<string>();
        var kinds = new List<(string Name, string Esia, string Mock)>();
        Walk(esia ?? [], mockEsia ?? [], "", onlyEsia, onlyMock, kinds, depth: 0);
        if (onlyEsia.Count == 0 && onlyMock.Count == 0 && kinds.Count == 0)
        {
            return null;
        }

        static string Describe(List<string> only, IEnumerable<string> typed) =>
            string.Join("; ", new[] { only.Count > 0 ? "only here: " + string.Join(", ", only) : null, typed.Any() ? "kinds: " + string.Join(", ", typed) : null }.Where(s => s is not null)) is { Length: > 0 } text
                ? text
                : "—";
        return (Describe(onlyEsia, kinds.Select(k => $"{k.Name}={k.Esia}")), Describe(onlyMock, kinds.Select(k => $"{k.Name}={k.Mock}")));
    }

    private static void Walk(JsonObject esia, JsonObject mock, string prefix, List<string> onlyEsia, List<string> onlyMock, List<(string, string, string)> kinds, int depth)
    {
        foreach (var (name, value) in esia)
        {
            var path = prefix + name;
            if (!mock.TryGetPropertyValue(name, out var other))
            {
                onlyEsia.Add(path);
                continue;
            }

            var (a, b) = (Kind(value), Kind(other));
            if (a != b)
            {
                kinds.Add((path, a, b));
            }
            else if (a == "object" && depth < 1)
            {
                Walk((JsonObject)value!, (JsonObject)other!, path + ".", onlyEsia, onlyMock, kinds, depth + 1);
            }
        }

        onlyMock.AddRange(mock.Where(kv => !esia.ContainsKey(kv.Key)).Select(kv => prefix + kv.Key));
    }
}
