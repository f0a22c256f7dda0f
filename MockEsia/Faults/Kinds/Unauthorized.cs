using MockEsia.Responses;

namespace MockEsia.Faults.Kinds;

/// <summary>rs: HTTP 401 (<c>invalid_token</c>).</summary>
internal sealed class Unauthorized : IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.Unauthorized;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault) =>
        ValueTask.FromResult<IResult?>(EsiaResults.RestUnauthorized(context, $"Injected fault {fault.Describe()}."));
}
