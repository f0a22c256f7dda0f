using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Conformance.Specs.Harness;

/// <summary>
/// The harness's built-in browser: a cookie jar, redirects followed by hand with every hop recorded, and HTML forms
/// (MockEsia's login and consent pages) read with a real HTML parser and submitted the way a browser would. It runs no
/// JavaScript: apps whose login needs it are driven with <see cref="ChromiumBrowser"/>.
/// </summary>
public sealed class AppBrowser : IAppBrowser
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    /// <summary>Creates a browser with an empty cookie jar.</summary>
    public AppBrowser() =>
        _http = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(),
            // The person's browser is not under test: it clicks through MockEsia's test certificates (the app must not).
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Every hop, in order.</summary>
    public List<Hop> Hops { get; } = [];

    /// <summary>The last URL requested.</summary>
    public Uri? Current { get; private set; }

    /// <summary>The last page's body.</summary>
    public string LastBody { get; private set; } = "";

    /// <summary>The last page's status.</summary>
    public int LastStatus { get; private set; }

    /// <inheritdoc />
    public Task<int> GoAsync(Uri url) => GoAsync(url, null, null);

    /// <inheritdoc />
    public Task<int> StartLoginAsync(Uri loginPage, string? loginSelector)
    {
        if (loginSelector is not null)
        {
            throw new InconclusiveException($"The target's login starts with a click on '{loginSelector}', which needs JavaScript: run with --browser chromium.",
                $"вход в ИС начинается с нажатия «{loginSelector}», для которого нужен JavaScript: запустите проверку с --browser chromium");
        }

        return GoAsync(loginPage);
    }

    /// <summary>Requests a URL and follows redirects; returns the final status.</summary>
    public async Task<int> GoAsync(Uri url, HttpMethod? method, IEnumerable<KeyValuePair<string, string>>? form)
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
        var element = document.QuerySelector($"[data-testid='{testId}']") ?? throw new BrowserException(Current!, $"The page at {Current} has no element data-testid='{testId}'.");
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

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

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
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Hops.Add(new Hop(method.Method, url, 0, null, sent));
            throw new BrowserException(url, $"{method} {url.GetLeftPart(UriPartial.Path)} got no answer: {ex.Message}", ex);
        }

        Hops.Add(new Hop(method.Method, url, (int)response.StatusCode, response.Headers.Location?.ToString(), sent));
        return response;
    }
}
