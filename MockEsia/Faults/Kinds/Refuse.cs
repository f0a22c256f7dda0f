using Esia.Protocol.Errors;

namespace MockEsia.Faults.Kinds;

/// <summary>ac: the person refuses access (ESIA-007004, <c>access_denied</c>).</summary>
internal sealed class Refuse : IAuthorizeRedirectFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.Refuse;

    /// <inheritdoc />
    public void Apply(Fault fault, AuthorizeRedirect redirect) =>
        redirect.Refusal = new Refusal(EsiaErrors.AccessDenied, "fault", null, $"Injected fault {fault.Describe()}.");
}
