namespace MockEsia.Routing;

/// <summary>
/// One endpoint of MockEsia, registered once (<c>services.AddEsiaEndpoint(…)</c>, <see cref="EndpointRegistration"/>): the route table, the
/// journal's naming and the fault API's endpoints are all read from these registrations.
/// </summary>
/// <param name="Name">Its name in the journal (<see cref="EndpointNames"/>), on the dashboard and in the drift watch.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The route template (ESIA's path, <c>EsiaPaths</c>; <c>{parameters}</c> as in ASP.NET Core routing).</param>
/// <param name="Handler">The handler (a minimal-API delegate: its parameters are bound from the route and the services).</param>
internal sealed record EsiaEndpoint(string Name, string Method, string Path, Delegate Handler)
{
    /// <summary>Whether its requests are journalled (ESIA's protocol endpoints are; the start page and <c>/health</c> are not).</summary>
    public bool Journalled { get; init; } = true;

    /// <summary>The fault endpoint whose faults its handler consults; null when it consults none.</summary>
    public FaultEndpoint? Faults { get; init; }

    /// <summary>The fault steps (interfaces of <c>Faults/</c>) its handler applies; a fault kind whose handler implements one of them may be added at <see cref="Faults"/>.</summary>
    public IReadOnlyList<Type> FaultSteps { get; init; } = [];
}
