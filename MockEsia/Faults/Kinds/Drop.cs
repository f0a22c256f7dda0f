using MockEsia.Journal;

namespace MockEsia.Faults.Kinds;

/// <summary>te or rs: the connection is dropped without an answer.</summary>
internal sealed class Drop : ITokenResponseFault, IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.Drop;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault, string? state) => RespondAsync(context, fault);

    /// <inheritdoc />
    public async ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault)
    {
        // The journal's barrier: the entry is written before the app can see the connection close.
        await RequestRecord.Of(context).FlushAsync();
        context.Abort();
        return Results.Empty;
    }
}
