using Esia.Protocol.Errors;
using MockEsia.Responses;

namespace MockEsia.Faults.Kinds;

/// <summary>ac or te: ESIA answers with an error of its catalogue (<see cref="Fault.ErrorCode"/>, e.g. ESIA-007008, ESIA-007011).</summary>
internal sealed class Error : IAuthorizeRedirectFault, ITokenResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.Error;

    /// <inheritdoc />
    public void Validate(Fault fault)
    {
        if (EsiaErrors.Find(fault.ErrorCode) is null)
        {
            throw new ArgumentException($"errorCode '{fault.ErrorCode}' is not in ESIA's catalogue.");
        }
    }

    /// <inheritdoc />
    public void Apply(Fault fault, AuthorizeRedirect redirect) => redirect.Refusal = Refusal(fault);

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault, string? state) => ValueTask.FromResult<IResult?>(EsiaResults.TokenError(context, Refusal(fault), state));

    private static Refusal Refusal(Fault fault) => new(EsiaErrors.Find(fault.ErrorCode)!, "fault", null, $"Injected fault {fault.Describe()}.");
}
