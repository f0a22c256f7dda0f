using Esia.Protocol;
using Esia.Protocol.Errors;

namespace MockEsia.Errors;

/// <summary>
/// Why a request was refused: ESIA's error as it goes on the wire, and MockEsia's own diagnosis (which parameter,
/// which check, what exactly was wrong, and how to fix it) for the log, the journal and the error page.
/// </summary>
/// <param name="Error">The catalogue entry sent on the wire.</param>
/// <param name="Check">The check that failed, e.g. <c>client_secret.signature</c>.</param>
/// <param name="Parameter">The parameter concerned, if one.</param>
/// <param name="Why">What was wrong, in plain words.</param>
/// <param name="Fix">A one-line fix, when one is known.</param>
internal sealed record Refusal(EsiaError Error, string Check, string? Parameter, string Why, string? Fix = null)
{
    /// <summary>The <c>error_description</c> on the wire.</summary>
    public string Description => Parameter is not null && Error == EsiaErrors.MissingParameter ? Error.DescriptionFor(Parameter) : Error.Description;

    /// <summary>A one-line diagnostic for headers and logs.</summary>
    public string Diagnostic => Fix is null ? $"[{Check}] {Why}" : $"[{Check}] {Why} Fix: {Fix}";

    /// <summary>A client id that no registered system has (with why, when a client file names it but could not be loaded).</summary>
    public static Refusal UnknownClient(string? clientId, ConfigurationProblem? notLoaded) => notLoaded is null
        ? new(EsiaErrors.UnauthorizedClient, "client.registered", EsiaParameters.ClientId, $"No information system with the mnemonic '{clientId}' is registered.",
            "Register it: `MockEsia clients add --id … --cert … --redirect …`, a file in fixtures/clients/, or PUT /__admin/clients.")
        : new(EsiaErrors.UnauthorizedClient, "client.registered", EsiaParameters.ClientId, $"{clientId} is in {notLoaded.File} but was not loaded: {notLoaded.Problem}", notLoaded.Fix);

    /// <summary>A missing parameter (ESIA-007014 names it).</summary>
    public static Refusal Missing(string parameter) =>
        new(EsiaErrors.MissingParameter, "parameters.required", parameter, $"The mandatory parameter '{parameter}' is missing or empty.", $"Send {parameter}.");

    /// <summary>A parameter sent more than once.</summary>
    public static Refusal Duplicated(string parameter) =>
        new(EsiaErrors.InvalidRequest, "parameters.duplicated", parameter, $"The parameter '{parameter}' is sent more than once.", "Send each parameter once.");

    /// <summary>A body that is not a readable form (<paramref name="notAForm"/>: another content type).</summary>
    public static Refusal Form(string problem, bool notAForm) =>
        new(EsiaErrors.InvalidRequest, notAForm ? "request.content_type" : "request.form", null, problem, "POST the parameters as an application/x-www-form-urlencoded body.");

    /// <summary>An <c>invalid_grant</c> refusal about the code or refresh token a grant presents.</summary>
    public static Refusal InvalidGrant(string parameter, string why) => new(EsiaErrors.InvalidGrant, $"{parameter}.grant", parameter, why);
}
