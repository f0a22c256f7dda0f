using Esia.Protocol;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Validation;

namespace MockEsia.Endpoints.Token;

/// <summary>A token request past the common checks: the client is known, the grant allowed, state and timestamp sound.</summary>
/// <param name="Context">The HTTP exchange.</param>
/// <param name="Client">The client it names.</param>
/// <param name="Parameters">Its form parameters.</param>
/// <param name="Version">v3/te or the legacy te.</param>
/// <param name="Now">MockEsia's time.</param>
/// <param name="Readings">The readings in force (docs/readings.md).</param>
internal sealed record TokenRequest(HttpContext Context, ClientRegistration Client, RequestParameters Parameters, ProtocolVersion Version, DateTimeOffset Now,
    ReadingOptions Readings)
{
    /// <summary>The request's state (echoed in every answer).</summary>
    public string? State => Parameters[EsiaParameters.State];

    /// <summary>The request's grant type.</summary>
    public string GrantType => Parameters[EsiaParameters.GrantType]!;
}
