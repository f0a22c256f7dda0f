namespace MockEsia.Routing;

/// <summary>Every registered endpoint: the route table, the journal's names and the fault endpoints, all read from one list.</summary>
internal sealed class EndpointTable
{
    private readonly IReadOnlyList<(EsiaEndpoint Endpoint, string[] Segments, string? Prefix)> _journalled;

    /// <summary>Creates the table from the registrations, in the order they were added.</summary>
    /// <exception cref="InvalidOperationException">Two registrations share a method and path.</exception>
    public EndpointTable(IEnumerable<EsiaEndpoint> endpoints)
    {
        All = [.. endpoints];
        if (All.GroupBy(e => (e.Method.ToUpperInvariant(), e.Path.ToLowerInvariant())).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"{twice.Key.Item1} {twice.Key.Item2} is registered twice ({string.Join(", ", twice.Select(e => e.Name))}).");
        }

        _journalled = [.. All.Where(e => e.Journalled).Select(e => (e, Segments(e.Path), e.Path.IndexOf('{', StringComparison.Ordinal) is > 0 and var i ? e.Path[..i] : null))];
    }

    /// <summary>The endpoints, in registration order.</summary>
    public IReadOnlyList<EsiaEndpoint> All { get; }

    /// <summary>The fault endpoints some registered endpoint consults, each once, in registration order.</summary>
    public IReadOnlyList<FaultEndpoint> FaultEndpoints => [.. All.Where(e => e.Faults is not null).Select(e => e.Faults!.Value).Distinct()];

    /// <summary>The fault steps the endpoints consulting <paramref name="endpoint"/> apply (none: no endpoint consults it).</summary>
    public IReadOnlyList<Type> StepsAt(FaultEndpoint endpoint) => [.. All.Where(e => e.Faults == endpoint).SelectMany(e => e.FaultSteps).Distinct()];

    /// <summary>
    /// The journal name of a request's path: the journalled endpoint whose template it matches with the most literal
    /// segments (a <c>{parameter}</c> matches any segment, a <c>{parameter:long}</c> a number), else the one whose literal start it extends (<c>/rs/prns/abc</c> is still the REST API's); null: not journalled.
    /// </summary>
    public string? JournalNameOf(PathString path)
    {
        var value = path.Value ?? "";
        var segments = Segments(value);
        var best = _journalled.Where(j => j.Segments.Length == segments.Length && j.Segments.Zip(segments).All(p => Matches(p.First, p.Second)))
            .OrderByDescending(j => j.Segments.Count(t => !t.StartsWith('{'))).FirstOrDefault();
        return best.Endpoint?.Name ?? _journalled.FirstOrDefault(j => j.Prefix is not null && value.StartsWith(j.Prefix, StringComparison.OrdinalIgnoreCase)).Endpoint?.Name;
    }

    // A literal segment matches itself (in any case); a parameter any segment, a {name:long} or {name:int} only a number, as routing does.
    private static bool Matches(string template, string segment) => template.StartsWith('{')
        ? !(template.EndsWith(":long}", StringComparison.Ordinal) || template.EndsWith(":int}", StringComparison.Ordinal)) || long.TryParse(segment, System.Globalization.CultureInfo.InvariantCulture, out _)
        : string.Equals(template, segment, StringComparison.OrdinalIgnoreCase);

    /// <summary>Maps every endpoint.</summary>
    public void Map(IEndpointRouteBuilder routes)
    {
        foreach (var endpoint in All)
        {
            routes.MapMethods(endpoint.Path, [endpoint.Method], endpoint.Handler).WithDisplayName($"{endpoint.Name} ({endpoint.Method} {endpoint.Path})").DisableAntiforgery();
        }
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
