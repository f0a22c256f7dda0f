namespace MockEsia.Faults.Kinds;

/// <summary>rs, API ЕПГУ: HTTP 504 without a body, as a gateway in front of the real services answers (epgu-api.md §2.11).</summary>
internal sealed class GatewayTimeout : IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.GatewayTimeout;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault) => ValueTask.FromResult<IResult?>(Results.StatusCode(504));
}
