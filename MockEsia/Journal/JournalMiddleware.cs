using Esia.Protocol;

namespace MockEsia.Journal;

/// <summary>Records every request to ESIA's endpoints (never the admin API) once its response is complete.</summary>
public sealed class JournalMiddleware
{
    private static readonly HashSet<string> SecretParameters = new(StringComparer.Ordinal) { "client_secret", "code", "refresh_token", "password", "access_token", "id_token" };
    private readonly RequestDelegate _next;

    /// <summary>Creates the middleware.</summary>
    public JournalMiddleware(RequestDelegate next) => _next = next;

    /// <summary>Which journal endpoint name a path belongs to; null for paths not journalled.</summary>
    public static string? EndpointOf(PathString path) => path.Value switch
    {
        EsiaPaths.AuthorizeV2 => "v2/ac",
        EsiaPaths.AuthorizeV1 => "ac",
        EsiaPaths.TokenV3 => "v3/te",
        EsiaPaths.TokenV1 => "te",
        EsiaPaths.LoginPage => "login",
        EsiaPaths.ConsentPage => "consent",
        EsiaPaths.Logout => "logout",
        EsiaPaths.Certificates => "esia.zip",
        { } p when p.StartsWith("/rs/", StringComparison.Ordinal) => "rs",
        _ => null,
    };

    /// <summary>Shortens a secret to its first and last characters: enough to recognise, never enough to reuse.</summary>
    public static string Shorten(string? value) => value is null ? "" : value.Length <= 16 ? new string('*', value.Length) : $"{value[..6]}…{value[^6..]} ({value.Length} chars)";

    /// <summary>Handles a request.</summary>
    public async Task InvokeAsync(HttpContext context, RequestJournal journal, TimeProvider clock)
    {
        var endpoint = EndpointOf(context.Request.Path);
        if (endpoint is null)
        {
            await _next(context);
            return;
        }

        var parameters = context.Request.Query.ToDictionary(q => q.Key, q => Mask(q.Key, q.Value.ToString()), StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            try
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                foreach (var (key, value) in form)
                {
                    parameters[key] = Mask(key, value.ToString());
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
            {
                parameters["(form)"] = "unreadable: " + ex.Message;
            }
        }

        var record = RequestRecord.Of(context);
        if (Responses.BearerHeader.Token(context.Request) is { } bearer)
        {
            record.Tokens["bearer"] = TokenFingerprint.Of(bearer);
        }

        try
        {
            await _next(context);
        }
        finally
        {
            var location = context.Response.Headers.Location.ToString();
            await journal.AppendAsync(new JournalEntry
            {
                RealTime = DateTimeOffset.UtcNow,
                VirtualTime = clock.GetUtcNow(),
                Endpoint = endpoint,
                Method = context.Request.Method,
                Path = context.Request.Path,
                Parameters = parameters,
                ClientId = record.ClientId ?? (parameters.TryGetValue("client_id", out var c) ? c : null),
                PersonOid = record.PersonOid,
                Checks = record.Checks,
                Status = context.Response.StatusCode,
                Location = location.Length == 0 ? null : MaskLocation(location),
                ErrorCode = record.Refusal?.Error.Code,
                Diagnostic = record.Refusal?.Diagnostic,
                Doctor = record.Doctor,
                Fault = record.Fault,
                Tokens = record.Tokens.Count == 0 ? null : new Dictionary<string, string>(record.Tokens, StringComparer.Ordinal),
            });
        }
    }

    private static string Mask(string key, string value) => SecretParameters.Contains(key) ? Shorten(value) : value;

    private static string MaskLocation(string location)
    {
        var q = location.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return location;
        }

        var parts = location[(q + 1)..].Split('&').Select(part =>
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            return eq > 0 && SecretParameters.Contains(part[..eq]) ? $"{part[..eq]}={Shorten(Uri.UnescapeDataString(part[(eq + 1)..]))}" : part;
        });
        return location[..(q + 1)] + string.Join('&', parts);
    }
}
