namespace MockEsia.Faults.Kinds;

/// <summary>rs, API ЕПГУ: HTTP 502 without a body, as a gateway in front of the real services answers (epgu-api.md §2.11).</summary>
internal sealed class BadGateway : IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.BadGateway;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault) => ValueTask.FromResult<IResult?>(Results.StatusCode(502));
}
