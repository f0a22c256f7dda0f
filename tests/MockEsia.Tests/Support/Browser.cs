using System.Net;
using Microsoft.Net.Http.Headers;

namespace MockEsia.Tests.Support;

/// <summary>A minimal browser over the in-memory server: keeps cookies and walks through the login and consent pages.</summary>
public sealed class Browser
{
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public Browser(HttpClient client) => _client = client;

    public bool HasSsoCookie => _cookies.ContainsKey("mockesia_sso");

    /// <summary>Hands this browser's cookies to a jar (to carry them to another browser, e.g. after a restart).</summary>
    public void CopyCookiesTo(System.Net.CookieContainer jar)
    {
        foreach (var (name, value) in _cookies)
        {
            jar.Add(new Uri("http://localhost/"), new System.Net.Cookie(name, value));
        }
    }

    /// <summary>Takes the cookies of a jar.</summary>
    public void CopyCookiesFrom(System.Net.CookieContainer jar)
    {
        foreach (System.Net.Cookie cookie in jar.GetCookies(new Uri("http://localhost/")))
        {
            _cookies[cookie.Name] = cookie.Value;
        }
    }

    public async Task<HttpResponseMessage> GetAsync(string url) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public async Task<HttpResponseMessage> PostAsync(string url, params (string Key, string Value)[] form) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))) });

    /// <summary>Starts at <paramref name="authorizeUrl"/>, logs in as <paramref name="personOid"/> and answers the consent page.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string authorizeUrl, long personOid = 1000000001, bool grant = true)
    {
        var response = await GetAsync(authorizeUrl);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var next = response.Headers.Location!.OriginalString;
        var request = next[(next.IndexOf("req=", StringComparison.Ordinal) + 4)..];
        if (next.StartsWith("/aas/oauth2/login", StringComparison.Ordinal))
        {
            (await GetAsync(next)).StatusCode.Should().Be(HttpStatusCode.OK);
            response = await PostAsync("/aas/oauth2/login", ("req", request), ("person", personOid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            response.Headers.Location!.OriginalString.Should().StartWith("/aas/oauth2/consent");
        }

        var consent = await GetAsync($"/aas/oauth2/consent?req={request}");
        consent.StatusCode.Should().Be(HttpStatusCode.OK);
        (await consent.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"consent-grant\"");
        return await PostAsync("/aas/oauth2/consent", ("req", request), ("decision", grant ? "grant" : "deny"));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var cookie in SetCookieHeaderValue.ParseList(values.ToList()))
            {
                if (cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow || cookie.Value.Length == 0)
                {
                    _cookies.Remove(cookie.Name.ToString());
                }
                else
                {
                    _cookies[cookie.Name.ToString()] = cookie.Value.ToString();
                }
            }
        }

        return response;
    }
}
