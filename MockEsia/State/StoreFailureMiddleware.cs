using Esia.Protocol.Errors;
using MockEsia.Responses;

namespace MockEsia.State;

/// <summary>
/// A store that cannot be reached (Redis down, network cut) answers ESIA-007008 "temporarily unavailable" with HTTP 503
/// and says why, instead of a 500; nothing is half-done, since every redemption is one atomic store call.
/// </summary>
internal sealed class StoreFailureMiddleware(RequestDelegate next, ILogger<StoreFailureMiddleware> logger)
{
    /// <summary>Handles a request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (StoreUnavailableException ex) when (!context.Response.HasStarted)
        {
            logger.LogError("{Path}: {Message}", Esia.Protocol.Secrets.SecretText.Printable(context.Request.Path), ex.Message);
            var refusal = new Refusal(EsiaErrors.TemporarilyUnavailable, "store", null, ex.Message, "Check that the store configured in MockEsia:Redis is running and reachable.");
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "1";
            await EsiaResults.ServiceUnavailable(context, refusal).ExecuteAsync(context);
        }
    }
}
