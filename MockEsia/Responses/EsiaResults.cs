using System.Text;
using System.Text.Json;
using Esia.Protocol;
using MockEsia.Configuration;
using MockEsia.Journal;
using MockEsia.Pages;

namespace MockEsia.Responses;

/// <summary>ESIA's response shapes: redirects with error parameters, token errors as JSON, error pages.</summary>
internal static class EsiaResults
{
    /// <summary>The header that carries MockEsia's diagnosis next to ESIA's unchanged error.</summary>
    public const string DiagnosticHeader = "X-MockEsia-Diagnostic";

    /// <summary>ESIA's JSON content type.</summary>
    public const string JsonContentType = "application/json;charset=UTF-8";

    /// <summary>The REST API's 401: <c>WWW-Authenticate: Bearer error="invalid_token"</c> and a JSON body.</summary>
    public static IResult RestUnauthorized(HttpContext context, string why)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{DiagnosticHeaderText.Of(why).Replace('"', '\'')}\"";
        return RestError(context, StatusCodes.Status401Unauthorized, "invalid_token", why);
    }

    /// <summary>The REST API's 403 (<c>insufficient_scope</c>).</summary>
    public static IResult RestForbidden(HttpContext context, string why) => RestError(context, StatusCodes.Status403Forbidden, "insufficient_scope", why);

    /// <summary>
    /// The REST API's error body, <c>{"code": …, "message": …}</c> (ESIA's own body is unknown, reference §7.1), with
    /// MockEsia's diagnosis in <c>X-MockEsia-Diagnostic</c> and the journal.
    /// </summary>
    public static IResult RestError(HttpContext context, int status, string code, string why)
    {
        var diagnostic = $"[rest.{code}] {why}";
        context.Response.Headers[DiagnosticHeader] = DiagnosticHeaderText.Of(diagnostic);
        RequestRecord.Of(context).Diagnostic = diagnostic;
        return Json(new RestErrorBody(code, why), status);
    }

    /// <summary>
    /// Appends parameters to a redirect URI, keeping its own query (reference §15.7) and dropping its fragment; spaces are
    /// written as <c>+</c>, as ESIA writes them (<c>ESIA-007004%3A+The+resource+owner…</c>, reference §3.3).
    /// </summary>
    public static string AppendQuery(string redirectUri, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        redirectUri = Location(redirectUri);
        var fragment = redirectUri.IndexOf('#', StringComparison.Ordinal);
        var result = new StringBuilder(fragment < 0 ? redirectUri : redirectUri[..fragment]);
        var separator = result.ToString().Contains('?') ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            result.Append(separator).Append(FormEncode(name)).Append('=').Append(FormEncode(value));
            separator = '&';
        }

        return result.ToString();
    }

    /// <summary>
    /// A redirect URI as a <c>Location</c> header may carry it: ASCII only, as a browser would send it — the host in its
    /// IDN (punycode) form, anything else outside ASCII percent-encoded as UTF-8. A well-formed ASCII URI is unchanged.
    /// </summary>
    public static string Location(string redirectUri)
    {
        if (redirectUri.All(char.IsAscii) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri))
        {
            return redirectUri;
        }

        string host;
        try
        {
            host = uri.IdnHost;
        }
        catch (UriFormatException)
        {
            host = uri.Host;
        }

        var builder = new StringBuilder();
        foreach (var rune in (host == uri.Host ? redirectUri : redirectUri.Replace(uri.Host, host, StringComparison.OrdinalIgnoreCase)).EnumerateRunes())
        {
            builder.Append(rune.IsAscii ? rune.ToString() : Uri.EscapeDataString(rune.ToString()));
        }

        return builder.ToString();
    }

    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>302 to the client with <c>error</c>, <c>error_description</c> and <c>state</c>.</summary>
    public static IResult RedirectError(HttpContext context, string redirectUri, Refusal refusal, string? state)
    {
        SetDiagnostic(context, refusal);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new(EsiaParameters.Error, refusal.Error.OAuthError),
            new(EsiaParameters.ErrorDescription, refusal.Description),
        };
        if (!string.IsNullOrEmpty(state))
        {
            parameters.Add(new(EsiaParameters.State, state));
        }

        return Results.Redirect(AppendQuery(redirectUri, parameters));
    }

    /// <summary>HTTP 400 with ESIA's token-error JSON.</summary>
    public static IResult TokenError(HttpContext context, Refusal refusal, string? state)
    {
        SetDiagnostic(context, refusal);
        return Json(new TokenErrorBody(refusal.Error.OAuthError, refusal.Description, state), StatusCodes.Status400BadRequest);
    }

    /// <summary>HTTP 503 with ESIA's error JSON (ESIA-007008): MockEsia cannot serve the request just now.</summary>
    public static IResult ServiceUnavailable(HttpContext context, Refusal refusal)
    {
        SetDiagnostic(context, refusal);
        return Json(new UnavailableBody(refusal.Error.OAuthError, refusal.Description), StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>MockEsia's error page: ESIA's code and text, then the diagnosis.</summary>
    public static IResult ErrorPage(HttpContext context, Refusal refusal)
    {
        SetDiagnostic(context, refusal);
        return Html(HtmlPages.Error(refusal), StatusCodes.Status400BadRequest);
    }

    /// <summary>JSON with ESIA's content type.</summary>
    public static IResult Json(object body, int status = StatusCodes.Status200OK) => new ExactContent(JsonSerializer.SerializeToUtf8Bytes(body, MockEsiaJson.Wire), JsonContentType, status);

    /// <summary>An HTML page.</summary>
    public static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Text(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    // Writes the Content-Type exactly as given (ESIA's "application/json;charset=UTF-8", no space, upper-case charset).
    private sealed class ExactContent(byte[] body, string contentType, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }

    private static void SetDiagnostic(HttpContext context, Refusal refusal)
    {
        context.Response.Headers[DiagnosticHeader] = DiagnosticHeaderText.Of(refusal.Diagnostic);
        RequestRecord.Of(context).Refusal = refusal;
    }
}
