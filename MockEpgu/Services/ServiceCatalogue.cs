using System.Collections.Concurrent;
using System.Text.Json;

namespace MockEpgu.Services;

/// <summary>
/// The services API ЕПГУ knows (<c>fixtures/epgu/services.json</c>, modelled on the public ones, epgu-api.md §5.2) and
/// what each one's agency answers (its file's outcome, or one scripted through the admin API until the next reset).
/// </summary>
public sealed class ServiceCatalogue
{
    private readonly IReadOnlyList<EpguServiceDefinition> _services;
    private readonly ConcurrentDictionary<string, EpguOutcome> _outcomes = new(StringComparer.Ordinal);

    /// <summary>A catalogue of <paramref name="services"/>.</summary>
    public ServiceCatalogue(IReadOnlyList<EpguServiceDefinition> services) => _services = services;

    /// <summary>Every service, with the outcome in force.</summary>
    public IReadOnlyList<EpguServiceDefinition> All => _services.Select(Current).ToArray();

    /// <summary>A service by its form code; null when unknown.</summary>
    public EpguServiceDefinition? Find(string? code) => _services.FirstOrDefault(s => s.Code == code) is { } s ? Current(s) : null;

    /// <summary>What the service's agency answers now.</summary>
    public EpguOutcome OutcomeOf(EpguServiceDefinition service) => _outcomes.TryGetValue(service.Code, out var scripted) ? scripted : service.Outcome;

    /// <summary>Scripts the service's agency's answer; false for an unknown service.</summary>
    public bool Script(string code, EpguOutcome outcome)
    {
        if (_services.All(s => s.Code != code))
        {
            return false;
        }

        _outcomes[code] = outcome;
        return true;
    }

    /// <summary>Forgets scripted outcomes.</summary>
    public void Reset() => _outcomes.Clear();

    /// <summary>Reads <c>services.json</c> (none: no service); a bad file is an <see cref="InvalidDataException"/> naming it and the fix.</summary>
    public static ServiceCatalogue Load(string file)
    {
        if (!File.Exists(file))
        {
            return new ServiceCatalogue([]);
        }

        List<EpguServiceDefinition>? services;
        try
        {
            services = JsonSerializer.Deserialize<List<EpguServiceDefinition>>(File.ReadAllText(file), EpguJson.Files);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"The API ЕПГУ services file {file} cannot be read: {ex.Message.TrimEnd('.')}. Fix: make it a JSON array of services as in the bundled fixtures/epgu/services.json.", ex);
        }

        if (services is null || services.Any(s => string.IsNullOrWhiteSpace(s.Code)) || services.GroupBy(s => s.Code).Any(g => g.Count() > 1))
        {
            throw new InvalidDataException($"The API ЕПГУ services file {file} has a service without a code, or a code twice. Fix: give each service its own \"code\".");
        }

        return new ServiceCatalogue(services);
    }

    private EpguServiceDefinition Current(EpguServiceDefinition s) => _outcomes.TryGetValue(s.Code, out var scripted) ? s with { Outcome = scripted } : s;
}
