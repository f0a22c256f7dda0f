using System.Text.Json.Serialization;
using Esia.Protocol;

namespace MockEsia.Responses;

/// <summary>te's error JSON (reference §5.3): <c>error</c>, <c>error_description</c> and the request's <c>state</c> (null when none).</summary>
/// <param name="Error">The OAuth error.</param>
/// <param name="Description">ESIA's <c>ESIA-NNNNNN: …</c> text.</param>
/// <param name="State">The request's state, echoed.</param>
internal sealed record TokenErrorBody(
    [property: JsonPropertyName(EsiaParameters.Error)] string Error,
    [property: JsonPropertyName(EsiaParameters.ErrorDescription)] string Description,
    [property: JsonPropertyName(EsiaParameters.State)] string? State);

/// <summary>ESIA's error JSON when it cannot serve a request (ESIA-007008): no state.</summary>
/// <param name="Error">The OAuth error.</param>
/// <param name="Description">ESIA's <c>ESIA-NNNNNN: …</c> text.</param>
internal sealed record UnavailableBody(
    [property: JsonPropertyName(EsiaParameters.Error)] string Error,
    [property: JsonPropertyName(EsiaParameters.ErrorDescription)] string Description);

/// <summary>The REST API's error JSON: <c>{"code": …, "message": …}</c>.</summary>
/// <param name="Code">The error code (<c>invalid_token</c>, <c>insufficient_scope</c>, <c>not_found</c>).</param>
/// <param name="Message">Why.</param>
internal sealed record RestErrorBody(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
