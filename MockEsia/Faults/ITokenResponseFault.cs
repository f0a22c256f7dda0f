namespace MockEsia.Faults;

/// <summary>te, once the client proved itself and the grant is resolved: answers instead of the tokens, or lets them go (after a delay).</summary>
internal interface ITokenResponseFault : IFaultHandler
{
    /// <summary>The answer that replaces the tokens, or null to go on.</summary>
    ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault, string? state);
}
