using System.Net;

namespace MyApp.Tests;

/// <summary>
/// What a person's browser does in a login, over two servers: the app under WebApplicationFactory (in memory) and ESIA
/// (MockEsia, over real HTTP). Cookies kept per host, redirects followed, MockEsia's login and consent forms answered.
/// </summary>
public sealed class LoginBrowser(HttpMessageHandler app, Uri esia) : IDisposable
{
    private readonly HttpMessageInvoker _app = new(app);
    private readonly HttpMessageInvoker _esia = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly CookieContainer _cookies = new();

    /// <summary>The URL of the last page.</summary>
    public Uri Current { get; private set; } = new("http://localhost/");

    /// <summary>Opens the app's login, signs in as the person (a MockEsia test account) who grants access, and returns the app's page where the flow ends.</summary>
    public async Task<string> SignInAsync(string loginPath = "/login", long person = 1000000001)
    {
        var page = await FollowAsync(HttpMethod.Get, new Uri(new Uri("http://localhost/"), loginPath));
        if (Current.AbsolutePath == "/aas/oauth2/login")
        {
            page = await FollowAsync(HttpMethod.Post, new Uri(Current, "/aas/oauth2/login"), [new("req", Req()), new("person", person.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        if (Current.AbsolutePath == "/aas/oauth2/consent")
        {
            page = await FollowAsync(HttpMethod.Post, new Uri(Current, "/aas/oauth2/consent"), [new("req", Req()), new("decision", "grant")]);
        }

        return page;
    }

    public void Dispose()
    {
        _app.Dispose();
        _esia.Dispose();
    }

    private string Req() => System.Web.HttpUtility.ParseQueryString(Current.Query)["req"] ?? throw new InvalidOperationException($"MockEsia's page {Current} has no req.");

    private async Task<string> FollowAsync(HttpMethod method, Uri url, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        for (var hop = 0; hop < 20; hop++)
        {
            using var request = new HttpRequestMessage(method, url) { Content = form is null ? null : new FormUrlEncodedContent(form) };
            if (_cookies.GetCookieHeader(url) is { Length: > 0 } cookie)
            {
                request.Headers.Add("Cookie", cookie);
            }

            Current = url;
            var toEsia = url.Authority == esia.Authority;
            using var response = await (toEsia ? _esia : _app).SendAsync(request, CancellationToken.None);
            foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                _cookies.SetCookies(url, set);
            }

            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                (method, url, form) = (HttpMethod.Get, new Uri(url, location), null);
                continue;
            }

            return await response.Content.ReadAsStringAsync();
        }

        throw new InvalidOperationException($"More than 20 redirects from {url}.");
    }
}
