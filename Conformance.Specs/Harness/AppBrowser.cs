using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Conformance.Specs.Harness;

/// <summary>One hop the browser made.</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="Url">The URL.</param>
/// <param name="Status">The answer's status.</param>
/// <param name="Location">Where it redirected, if it did.</param>
/// <param name="At">When the request was sent.</param>
public sealed record Hop(string Method, Uri Url, int Status, string? Location, DateTimeOffset At);

/// <summary>
/// The harness's browser: a cookie jar, redirects followed by hand with every hop recorded, and HTML forms (MockEsia's
/// login and consent pages) read with a real HTML parser and submitted the way a browser would.
/// </summary>
public sealed class AppBrowser : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    /// <summary>Creates a browser with an empty cookie jar.</summary>
    public AppBrowser() =>
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Every hop, in order.</summary>
    public List<Hop> Hops { get; } = [];

    /// <summary>The last URL requested.</summary>
    public Uri? Current { get; private set; }

    /// <summary>The last page's body.</summary>
    public string LastBody { get; private set; } = "";

    /// <summary>The last page's status.</summary>
    public int LastStatus { get; private set; }

    /// <summary>Requests a URL and follows redirects; returns the final status.</summary>
    public async Task<int> GoAsync(Uri url, HttpMethod? method = null, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var response = await SendAsync(method ?? HttpMethod.Get, url, form);
        for (var i = 0; i < 25 && (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location; i++)
        {
            response = await SendAsync(HttpMethod.Get, new Uri(Current!, location), null);
        }

        LastStatus = (int)response.StatusCode;
        LastBody = await response.Content.ReadAsStringAsync();
        return LastStatus;
    }

    /// <summary>Submits the form that holds the element with <paramref name="testId"/> (a button is sent as the submitter).</summary>
    public async Task<int> SubmitAsync(string testId)
    {
        var document = Parser.ParseDocument(LastBody);
        var element = document.QuerySelector($"[data-testid='{testId}']") ?? throw new InvalidOperationException($"The page at {Current} has no element data-testid='{testId}'.");
        var form = element.Closest("form") as IHtmlFormElement ?? throw new InvalidOperationException($"'{testId}' is not inside a form.");
        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && i.Type is not ("submit" or "button"))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        if (element is IHtmlButtonElement { Name: { Length: > 0 } name } button)
        {
            fields.Add(new(name, button.Value));
        }

        var action = new Uri(Current!, string.IsNullOrEmpty(form.GetAttribute("action")) ? Current!.PathAndQuery : form.GetAttribute("action")!);
        var method = string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Post : HttpMethod.Get;
        return await GoAsync(action, method, fields);
    }

    /// <summary>Whether the last page has an element with this test id.</summary>
    public bool Has(string testId) => Parser.ParseDocument(LastBody).QuerySelector($"[data-testid='{testId}']") is not null;

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, IEnumerable<KeyValuePair<string, string>>? form)
    {
        Current = url;
        var request = new HttpRequestMessage(method, url);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        HttpResponseMessage response;
        var sent = DateTimeOffset.UtcNow;
        try
        {
            response = await _http.SendAsync(request);
        }
        catch (HttpRequestException ex)
        {
            Hops.Add(new Hop(method.Method, url, 0, null, sent));
            throw new InvalidOperationException($"{method} {url} failed: {ex.Message}", ex);
        }

        Hops.Add(new Hop(method.Method, url, (int)response.StatusCode, response.Headers.Location?.ToString(), sent));
        return response;
    }
}
