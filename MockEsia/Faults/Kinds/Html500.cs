using System.Text;
using MockEsia.Responses;

namespace MockEsia.Faults.Kinds;

/// <summary>te or rs: HTTP 500 with an HTML body, as ESIA sometimes answers.</summary>
internal sealed class Html500 : ITokenResponseFault, IResponseFault
{
    /// <inheritdoc />
    public FaultKind Kind => FaultKind.Html500;

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault, string? state) => ValueTask.FromResult<IResult?>(EsiaResults.Html(
        "<html><head><title>Error</title></head><body><h1>500 Internal Server Error</h1><p>Есть ошибочные ответы из ЕСИА</p></body></html>", StatusCodes.Status500InternalServerError));

    /// <inheritdoc />
    public ValueTask<IResult?> RespondAsync(HttpContext context, Fault fault) => ValueTask.FromResult<IResult?>(
        Results.Text("<html><body><h1>500 Internal Server Error</h1></body></html>", "text/html", Encoding.UTF8, StatusCodes.Status500InternalServerError));
}
