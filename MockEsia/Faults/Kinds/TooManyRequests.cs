namespace MockEsia.Faults.Kinds;

/// <summary>rs, API ЕПГУ: HTTP 429 without a body, as a gateway in front of the real services answers (epgu-api.md §2.11).</summary>
internal sealed class TooManyRequests : IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.TooManyRequests;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault) => ValueTask.FromResult<IResult?>(Results.StatusCode(429));
}
