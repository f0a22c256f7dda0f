using MockEpgu.Errors;

namespace MockEsia.Faults.Kinds;

/// <summary>API ЕПГУ: HTTP 500 <c>{"code":"internal_error","message":…}</c> with <c>application/json</c> (epgu-api.md §2.11).</summary>
internal sealed class InternalError : IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.InternalError;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault) =>
        ValueTask.FromResult<IResult?>(EpguResults.Error(context, EpguErrors.Internal, $"Injected fault {fault.Describe()}."));
}
