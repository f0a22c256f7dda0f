namespace MockEsia;

/// <summary>
/// <c>MockEsia --health [--url http://127.0.0.1:8080] [--path /health]</c>: asks a running MockEsia for <c>/health</c> (or
/// another app in the image for <c>--path</c>) and exits 0 or 1. The container HEALTHCHECK and the compose examples use it,
/// since the runtime image has no curl.
/// </summary>
internal static class HealthProbe
{
    /// <summary>Probes and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var index = Array.IndexOf(args, "--url");
        var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';', ',')[0] ?? "8080";
        var url = index >= 0 && index + 1 < args.Length ? args[index + 1] : $"http://127.0.0.1:{port}";
        var pathIndex = Array.IndexOf(args, "--path");
        var path = pathIndex >= 0 && pathIndex + 1 < args.Length ? args[pathIndex + 1] : "/health";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            var response = await http.GetAsync(new Uri(new Uri(url), path));
            await Console.Out.WriteLineAsync($"{url}{path}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Out.WriteLineAsync($"{url}{path}: {ex.Message}");
            return 1;
        }
    }
}
