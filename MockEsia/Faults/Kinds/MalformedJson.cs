using System.Text;

namespace MockEsia.Faults.Kinds;

/// <summary>rs: HTTP 200 with a body that is not JSON (cut short).</summary>
internal sealed class MalformedJson : IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.MalformedJson;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault) =>
        ValueTask.FromResult<IResult?>(Results.Text("{\"stateFacts\":[\"EntityRoot\"],\"firstName\":", "application/json", Encoding.UTF8));
}
