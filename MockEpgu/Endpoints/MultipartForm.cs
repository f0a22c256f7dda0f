namespace MockEpgu.Endpoints;

/// <summary>A form as API ЕПГУ reads it: its text fields and its files; null when the body is not a readable form.</summary>
/// <param name="Fields">The text fields (the first value of each).</param>
/// <param name="Files">The file parts, by field name.</param>
public sealed record MultipartForm(IReadOnlyDictionary<string, string> Fields, IReadOnlyDictionary<string, IFormFile> Files)
{
    /// <summary>Reads the request's form; null when it is malformed (a 400, never a 500).</summary>
    public static async Task<MultipartForm?> ReadAsync(HttpRequest request)
    {
        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return new MultipartForm(form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal),
                form.Files.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException)
        {
            return null;
        }
    }
}
