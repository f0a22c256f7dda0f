namespace MockEsia.Faults;

/// <summary>rs: answers instead of the REST API, or lets it go on (after a delay).</summary>
internal interface IResponseFault : IFaultHandler
{
    /// <summary>The answer that replaces the data, or null to go on.</summary>
    ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault);
}
