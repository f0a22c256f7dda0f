namespace MockEsia.Routing;

/// <summary>Adds endpoints to MockEsia: one call per endpoint, before the app is built.</summary>
internal static class EndpointRegistration
{
    /// <summary>Registers an endpoint; it is mapped, journalled under its name and offered to the fault API with the rest.</summary>
    public static IServiceCollection AddEsiaEndpoint(this IServiceCollection services, EsiaEndpoint endpoint) => services.AddSingleton(endpoint);

    /// <summary>Registers an endpoint (see <see cref="EsiaEndpoint"/>).</summary>
    public static IServiceCollection AddEsiaEndpoint(this IServiceCollection services, string name, string method, string path, Delegate handler,
        FaultEndpoint? faults = null, params Type[] faultSteps) =>
        services.AddEsiaEndpoint(new EsiaEndpoint(name, method, path, handler) { Faults = faults, FaultSteps = faultSteps });
}
