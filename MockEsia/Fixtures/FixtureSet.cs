using MockEsia.Clients;

namespace MockEsia.Fixtures;

/// <summary>The clients and people of the fixtures, read but not yet in force, with the client files that could not be loaded.</summary>
/// <param name="Clients">The clients: the bundled ones, then the clients folder's (which may replace them).</param>
/// <param name="People">The people: the fixtures' and the generated ones.</param>
/// <param name="Problems">The client files left out, each with the problem and the fix.</param>
internal sealed record FixtureSet(IReadOnlyList<ClientRegistration> Clients, IReadOnlyList<Person> People, IReadOnlyList<ConfigurationProblem> Problems);
