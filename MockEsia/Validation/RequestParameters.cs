using Microsoft.Extensions.Primitives;

namespace MockEsia.Validation;

/// <summary>A request's parameters (query or form), with duplicates noticed rather than silently merged.</summary>
internal sealed class RequestParameters
{
    private readonly Dictionary<string, StringValues> _values;

    private RequestParameters(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        _values = values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>Every parameter name that appears more than once.</summary>
    public IReadOnlyList<string> Duplicated => _values.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key).ToArray();

    /// <summary>All parameters with their first values (for the journal).</summary>
    public IReadOnlyDictionary<string, string> Flat => _values.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);

    /// <summary>The value, or null when absent. An empty value is returned as empty.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var v) ? v[0] : null;

    /// <summary>From the query string.</summary>
    public static RequestParameters FromQuery(IQueryCollection query) => new(query);

    /// <summary>From a form body.</summary>
    public static RequestParameters FromForm(IFormCollection form) => new(form);

    /// <summary>From a form body and the query string together, as a servlet reads a POST (a name in both counts as duplicated).</summary>
    public static RequestParameters FromFormAndQuery(IFormCollection form, IQueryCollection query) =>
        new(form.Concat(query).GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, StringValues>(g.Key, StringValues.Concat(g.First().Value, g.Skip(1).Select(kv => kv.Value).FirstOrDefault()))));

    /// <summary>The first of <paramref name="names"/> that is missing or empty; null when all are present.</summary>
    public string? FirstMissing(params string[] names) => names.FirstOrDefault(n => string.IsNullOrEmpty(this[n]));
}
