namespace MockEsia.Requests;

/// <summary>Reads <c>Authorization: Bearer &lt;token&gt;</c> (one parser for the REST API and the journal).</summary>
internal static class BearerHeader
{
    /// <summary>The token of a Bearer header, or null when there is none.</summary>
    public static string? Token(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
