namespace MockEsia.Faults.Kinds;

/// <summary>ac: the redirect carries no state.</summary>
internal sealed class NoState : IAuthorizeRedirectFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.NoState;

    /// <inheritdoc />
    public void Apply(Fault fault, AuthorizeRedirect redirect) => redirect.State = null;
}
