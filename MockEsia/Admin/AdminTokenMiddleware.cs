using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;

namespace MockEsia.Admin;

/// <summary>
/// Guards <c>/__admin</c>: the <c>Host</c> must be one MockEsia serves (loopback names, the hosts of <c>--urls</c> and
/// HTTPS, <c>MockEsia:AllowedHosts</c>), so a DNS-rebinding page cannot read it; a state-changing request must not come
/// from another origin (<c>Origin</c>, <c>Sec-Fetch-Site</c>), so a page elsewhere cannot forge one; and when
/// <c>MockEsia:AdminToken</c> is set, it answers only to <c>Authorization: Bearer &lt;token&gt;</c> (or <c>?token=</c>
/// for the two browsable pages), compared in constant time.
/// </summary>
internal sealed class AdminTokenMiddleware
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "::1", "[::1]"];
    private readonly RequestDelegate _next;
    private readonly HashSet<string> _hosts;
    private readonly bool _anyHost;

    /// <summary>Creates the middleware for the hosts the server is configured with.</summary>
    public AdminTokenMiddleware(RequestDelegate next, IConfiguration configuration, IOptions<MockEsiaOptions> options)
    {
        _next = next;
        var allowed = (options.Value.AllowedHosts ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _anyHost = allowed.Contains("*");
        var fromUrls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(u.Replace("://+", "://wildcard.invalid", StringComparison.Ordinal).Replace("://*", "://wildcard.invalid", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Host : null)
            .OfType<string>().Where(h => h is not ("wildcard.invalid" or "0.0.0.0" or "[::]" or "::"));
        _hosts = new HashSet<string>([.. Loopback, .. allowed, .. fromUrls, .. options.Value.Https.Hosts], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Handles a request.</summary>
    public async Task InvokeAsync(HttpContext context, IOptionsMonitor<MockEsiaOptions> options)
    {
        if (!context.Request.Path.StartsWithSegments(AdminPaths.Prefix))
        {
            await _next(context);
            return;
        }

        var host = context.Request.Host.Host;
        if (!_anyHost && !_hosts.Contains(host) && !host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden,
                $"The admin API answers only to the hosts MockEsia serves ({string.Join(", ", _hosts.Order(StringComparer.Ordinal))}), not to Host '{host}'. Fix: add it to MockEsia:AllowedHosts.");
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && CrossOrigin(context.Request) is { } origin)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, $"A request from another origin ({origin}) cannot change MockEsia's state. Fix: call the admin API from its own pages, a script or a test, not from a web page elsewhere.");
            return;
        }

        var token = options.CurrentValue.AdminToken;
        if (string.IsNullOrEmpty(token) || Matches(Given(context.Request), token))
        {
            await _next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"MockEsia admin\"";
        await RefuseAsync(context, StatusCodes.Status401Unauthorized, "The admin API needs 'Authorization: Bearer <MockEsia:AdminToken>'.");
    }

    // The token given: the bearer header, or ?token= on the browsable pages only (never on the API, where a URL would
    // carry it into logs and history).
    private static string Given(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header[7..].Trim();
        }

        var page = HttpMethods.IsGet(request.Method) && (request.Path.Equals(AdminPaths.Prefix) || request.Path.Equals(AdminPaths.Prefix + "/") || request.Path.Equals(AdminPaths.Prefix + "/ui"));
        return page ? request.Query["token"].ToString() : "";
    }

    // Equal lengths first (both hashed), so the comparison takes the same time whatever was given.
    private static bool Matches(string given, string token) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    // The other origin a browser says the request comes from, or null for the same origin and for non-browser clients.
    private static string? CrossOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return request.Headers.Origin.ToString() is { Length: > 0 } o ? o : site;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) ? null : origin;
    }

    private static Task RefuseAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error });
    }
}
