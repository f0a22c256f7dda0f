namespace MockEsia.Faults;

/// <summary>
/// One fault kind's behaviour. A handler implements the step interfaces of the protocol steps its kind applies at
/// (below); <see cref="FaultHandlers"/> finds it by <see cref="Kind"/>. Adding a fault is one new handler file (and its
/// <see cref="FaultKind"/> member), after the handler-per-step model of OpenIddict.
/// </summary>
internal interface IFaultHandler
{
    /// <summary>The kind this handler gives behaviour to.</summary>
    FaultKind Kind { get; }

    /// <summary>Refuses a fault of this kind that cannot work (beyond where it applies), with the reason.</summary>
    void Validate(Fault fault)
    {
    }
}
