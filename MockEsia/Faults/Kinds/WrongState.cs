namespace MockEsia.Faults.Kinds;

/// <summary>ac: the redirect carries a state the client never sent.</summary>
internal sealed class WrongState : IAuthorizeRedirectFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.WrongState;

    /// <inheritdoc />
    public void Apply(Fault fault, AuthorizeRedirect redirect) => redirect.State = Guid.NewGuid().ToString();
}
