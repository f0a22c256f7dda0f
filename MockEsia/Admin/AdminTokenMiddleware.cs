using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;

namespace MockEsia.Admin;

/// <summary>When <c>MockEsia:AdminToken</c> is set, <c>/__admin</c> answers only to <c>Authorization: Bearer &lt;token&gt;</c> (or <c>?token=</c> for the browsable pages).</summary>
internal sealed class AdminTokenMiddleware
{
    private readonly RequestDelegate _next;

    /// <summary>Creates the middleware.</summary>
    public AdminTokenMiddleware(RequestDelegate next) => _next = next;

    /// <summary>Handles a request.</summary>
    public async Task InvokeAsync(HttpContext context, IOptionsMonitor<MockEsiaOptions> options)
    {
        var token = options.CurrentValue.AdminToken;
        if (string.IsNullOrEmpty(token) || !context.Request.Path.StartsWithSegments(AdminEndpoints.Prefix))
        {
            await _next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : context.Request.Query["token"].ToString();
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token)))
        {
            await _next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"MockEsia admin\"";
        await context.Response.WriteAsJsonAsync(new { error = "The admin API needs 'Authorization: Bearer <MockEsia:AdminToken>'." });
    }
}
