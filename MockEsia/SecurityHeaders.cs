namespace MockEsia;

/// <summary>
/// The headers every answer carries: no MIME sniffing, no referrer (MockEsia's URLs carry codes and state), and a
/// Content-Security-Policy that runs no script but the dashboard's own (allowed by its hash) and lets no page be framed,
/// so a consent cannot be clickjacked. Styles stay inline (the pages have no style sheet of their own).
/// </summary>
internal static class SecurityHeaders
{
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action *";

    /// <summary>The dashboard's policy: the same, plus its script by hash and calls to MockEsia itself.</summary>
    public static readonly string DashboardPolicy = $"{Policy}; script-src {Admin.AdminPages.ScriptSource}; connect-src 'self'";

    /// <summary>Adds the headers to every response.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = context.Request.Path.Equals(AdminPaths.Prefix + "/ui", StringComparison.Ordinal) ? DashboardPolicy : Policy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
