namespace MockEsia.Requests;

/// <summary>A request's form body as read once (ASP.NET Core caches it, so every reader sees the same).</summary>
/// <param name="Form">The form; empty when the body is not a form or could not be read.</param>
/// <param name="Problem">Why the body is not a readable form; null when it is one.</param>
internal sealed record RequestForm(IFormCollection Form, string? Problem)
{
    /// <summary>Whether the body was a form that could be read.</summary>
    public bool Read => Problem is null;

    /// <summary>Whether the body was not a form at all (another content type, or none).</summary>
    public bool NotAForm { get; private init; }

    /// <summary>Reads the form body: every endpoint and the journal read forms through here, with the same failures caught.</summary>
    public static async Task<RequestForm> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return new(FormCollection.Empty, $"The body must be application/x-www-form-urlencoded; it is '{context.Request.ContentType ?? "absent"}'.") { NotAForm = true };
        }

        try
        {
            return new(await context.Request.ReadFormAsync(context.RequestAborted), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return new(FormCollection.Empty, $"The form body could not be read: {ex.Message}");
        }
    }
}
