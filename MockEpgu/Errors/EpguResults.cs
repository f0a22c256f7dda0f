using System.Text.Json;
using System.Text.Json.Serialization;
using MockEpgu.Access;

namespace MockEpgu.Errors;

/// <summary>
/// API ЕПГУ's answers: error bodies <c>{"code","message"}</c> with <c>application/json</c> (§2.11), the bodiless 204 and
/// 401, and JSON with the wire's exact member names. Every refusal notes MockEsia's diagnosis (<see cref="EpguCallNote"/>):
/// the host journals it and sends it in its diagnosis header.
/// </summary>
public static class EpguResults
{
    /// <summary>JSON as the wire writes it: the names given, nulls written.</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An error with its code's status and body, and the diagnosis.</summary>
    public static IResult Error(HttpContext context, EpguError error, string diagnosis, string? message = null)
    {
        Diagnose(context, diagnosis, error.Code);
        return Results.Json(new ErrorBody(error.Code, message ?? error.Message), Wire, "application/json", error.Status);
    }

    /// <summary>401 with no body: a missing, expired, foreign or broken token (§2.11).</summary>
    public static IResult Unauthorized(HttpContext context, string diagnosis)
    {
        Diagnose(context, diagnosis, null);
        return Results.StatusCode(StatusCodes.Status401Unauthorized);
    }

    /// <summary>429 with no body: a request limit of Приложение 3 (§2.11, §4).</summary>
    public static IResult TooManyRequests(HttpContext context, string diagnosis)
    {
        Diagnose(context, diagnosis, null);
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>204 with no body: the order is not found (§2.5).</summary>
    public static IResult NoOrder(HttpContext context, long orderId)
    {
        Diagnose(context, $"No order {orderId} exists.", null);
        return Results.NoContent();
    }

    /// <summary>A 404 without a body: a path this reading does not serve.</summary>
    public static IResult NoSuchPath(HttpContext context, string diagnosis)
    {
        Diagnose(context, diagnosis, null);
        return Results.NotFound();
    }

    /// <summary>200 with a JSON body.</summary>
    public static IResult Json<T>(T body, int status = StatusCodes.Status200OK) => Results.Json(body, Wire, "application/json", status);

    private static void Diagnose(HttpContext context, string diagnosis, string? code)
    {
        var note = EpguCallNote.Of(context);
        note.Diagnosis = diagnosis;
        note.ErrorCode = code;
    }

    private sealed record ErrorBody([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("message")] string Message);
}
