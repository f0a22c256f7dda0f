using System.Text.Json;

namespace MockEsia.Tests.Support;

/// <summary>Runs the usual steps against the in-memory server.</summary>
public static class Flow
{
    /// <summary>A code from the headless client (no pages).</summary>
    public static async Task<(string Code, Dictionary<string, string?> Authorize)> CodeAsync(HttpClient client, EsiaRequests requests, DateTimeOffset now, string scope = "openid fullname email")
    {
        var p = requests.Authorize(now, scope);
        var query = EsiaRequests.Query(await client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)));
        query.Should().ContainKey("code", "the headless client should get a code");
        return (query["code"], p);
    }

    /// <summary>Posts a token request and parses the JSON.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> TokenAsync(HttpClient client, Dictionary<string, string?> form, string path = "/aas/oauth2/v3/te")
    {
        var response = await client.PostAsync(path, EsiaRequests.Form(form));
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A full login for the headless client: code, then tokens.</summary>
    public static async Task<JsonElement> TokensAsync(HttpClient client, EsiaRequests requests, DateTimeOffset now, string scope = "openid fullname email")
    {
        var (code, _) = await CodeAsync(client, requests, now, scope);
        var (response, body) = await TokenAsync(client, requests.Token(code, now, scope));
        response.IsSuccessStatusCode.Should().BeTrue(body.ToString());
        return body;
    }
}
