namespace MockEsia.Faults.Kinds;

/// <summary>te or rs: the connection is dropped without an answer.</summary>
internal sealed class Drop : ITokenResponseFault, IRestResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.Drop;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault, string? state) => RespondAsync(context, fault);

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault)
    {
        context.Abort();
        return ValueTask.FromResult<IResult?>(Results.Empty);
    }
}
