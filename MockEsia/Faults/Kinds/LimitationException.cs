using MockEpgu.Errors;

namespace MockEsia.Faults.Kinds;

/// <summary>API ЕПГУ: HTTP 429 <c>{"code":"limitation_exception","message":…}</c>, a limit of Приложение 3 exceeded with <c>application/json</c> (epgu-api.md §2.11).</summary>
internal sealed class LimitationException : IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.LimitationException;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault) =>
        ValueTask.FromResult<IResult?>(EpguResults.Error(context, EpguErrors.Limitation, $"Injected fault {fault.Describe()}."));
}
