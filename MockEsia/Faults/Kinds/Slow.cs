namespace MockEsia.Faults.Kinds;

/// <summary>te or rs: the answer comes after <see cref="Fault.DelayMs"/> milliseconds (virtual time does not move).</summary>
internal sealed class Slow : ITokenResponseFault, IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.Slow;

    /// <inheritdoc />
    public async ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault, string? state) => await RespondAsync(context, fault);

    /// <inheritdoc />
    public async ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault)
    {
        await Task.Delay(fault.DelayMs, context.RequestAborted);
        return null;
    }
}
