namespace MockEsia.Faults;

/// <summary>te: spoils the signature of the issued tokens.</summary>
internal interface ITokenSignatureFault : IFaultHandler
{
    /// <summary>Changes how one token is signed.</summary>
    void Spoil(Fault fault, TokenSignature signature);
}
