namespace MockEsia.Faults;

/// <summary>te: which of the issued tokens the response carries.</summary>
internal interface ITokenBodyFault : IFaultHandler
{
    /// <summary>Leaves tokens out.</summary>
    void Shape(TokenBody body);
}
