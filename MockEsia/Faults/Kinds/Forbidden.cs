using MockEsia.Responses;

namespace MockEsia.Faults.Kinds;

/// <summary>rs: HTTP 403 (<c>insufficient_scope</c>).</summary>
internal sealed class Forbidden : IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.Forbidden;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault) =>
        ValueTask.FromResult<IResult?>(EsiaResults.RestForbidden(context, $"Injected fault {fault.Describe()}."));
}
