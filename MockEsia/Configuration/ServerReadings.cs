using Microsoft.Extensions.Options;

namespace MockEsia.Configuration;

/// <summary>The values of the server-wide readings (<see cref="ReadingCatalogue"/>); a copy is changed, never the configured options.</summary>
internal sealed class ReadingValues
{
    /// <summary>The readings of <c>MockEsia:Readings</c>.</summary>
    public required ReadingOptions Readings { get; init; }

    /// <summary>The reading of <c>MockEsia:UnregisteredRedirect</c>.</summary>
    public UnregisteredRedirectBehaviour UnregisteredRedirect { get; set; }

    /// <summary>A copy to change.</summary>
    public ReadingValues Copy() => new() { Readings = Readings.Copy(), UnregisteredRedirect = UnregisteredRedirect };
}

/// <summary>
/// The server-wide readings in force in this server: the configured ones at start-up and after a reset, changed in
/// between by <c>PUT /__admin/readings/{name}</c>. Each change swaps in a new set, so a request reads one consistent set.
/// </summary>
/// <param name="options">The configuration, read at start-up and at each reset.</param>
internal sealed class ServerReadings(IOptions<MockEsiaOptions> options)
{
    private readonly Lock _lock = new();
    private volatile ReadingValues _current = Configured(options.Value);

    /// <summary>The readings in force (do not change the instance: use <see cref="Set"/>).</summary>
    public ReadingValues Current => _current;

    /// <summary>Both readings of every unknown behaviour, with the values in force.</summary>
    public IReadOnlyList<ReadingSummary> Describe() => ReadingCatalogue.Describe(_current, options.Value.TimestampWindow);

    /// <summary>Sets one reading; returns why not, or null when set.</summary>
    public string? Set(string name, string? value)
    {
        lock (_lock)
        {
            var next = _current.Copy();
            var problem = ReadingCatalogue.Set(next, name, value);
            if (problem is null)
            {
                _current = next;
            }

            return problem;
        }
    }

    /// <summary>Back to the configured readings.</summary>
    public void Reset() => _current = Configured(options.Value);

    private static ReadingValues Configured(MockEsiaOptions options) => new ReadingValues { Readings = options.Readings, UnregisteredRedirect = options.UnregisteredRedirect }.Copy();
}
