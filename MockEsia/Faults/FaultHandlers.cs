using MockEsia.Routing;

namespace MockEsia.Faults;

/// <summary>Every fault kind's handler, found once in this assembly and looked up by kind.</summary>
internal static class FaultHandlers
{
    private static readonly IReadOnlyDictionary<FaultKind, IFaultHandler> ByKind = typeof(IFaultHandler).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFaultHandler).IsAssignableFrom(t))
        .Select(t => (IFaultHandler)Activator.CreateInstance(t)!)
        .ToDictionary(h => h.Kind);

    /// <summary>The handler of a kind.</summary>
    public static IFaultHandler Of(FaultKind kind) => ByKind.TryGetValue(kind, out var handler) ? handler : throw new ArgumentException($"No handler for the fault kind {kind}.");

    /// <summary>The handler of a kind when it applies at a step (implements <typeparamref name="TStep"/>), or null.</summary>
    public static TStep? At<TStep>(FaultKind? kind)
        where TStep : class, IFaultHandler => kind is { } k && ByKind.TryGetValue(k, out var handler) ? handler as TStep : null;

    /// <summary>The fault endpoints a kind applies at: those whose endpoints apply a step its handler implements (<see cref="EndpointTable"/>).</summary>
    public static IReadOnlyList<FaultEndpoint> EndpointsOf(FaultKind kind, EndpointTable table)
    {
        var handler = Of(kind);
        return [.. table.FaultEndpoints.Where(e => table.StepsAt(e).Any(step => step.IsInstanceOfType(handler)))];
    }

    /// <summary>Whether a kind spoils the tokens themselves (their claims or signatures).</summary>
    public static bool SpoilsTokens(FaultKind kind) => Of(kind) is ITokenClaimsFault or ITokenSignatureFault;
}
