namespace MockEsia.Faults.Kinds;

/// <summary>ac: the code is issued to another client (<see cref="Fault.Value"/>, default OTHERSYS).</summary>
internal sealed class CodeForOtherClient : IAuthorizeRedirectFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.CodeForOtherClient;

    /// <inheritdoc />
    public void Apply(Fault fault, AuthorizeRedirect redirect) => redirect.CodeClientId = fault.Value ?? "OTHERSYS";
}
