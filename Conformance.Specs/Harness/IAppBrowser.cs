namespace Conformance.Specs.Harness;

/// <summary>One hop the browser made.</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="Url">The URL.</param>
/// <param name="Status">The answer's status (0: no answer).</param>
/// <param name="Location">Where it redirected, if it did.</param>
/// <param name="At">When the request was sent.</param>
public sealed record Hop(string Method, Uri Url, int Status, string? Location, DateTimeOffset At);

/// <summary>A request the browser made got no answer, or a page lacked what the harness had to click.</summary>
/// <param name="url">The URL concerned.</param>
/// <param name="message">What happened.</param>
/// <param name="inner">The cause.</param>
public sealed class BrowserException(Uri url, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The URL concerned: the app's (its failure) or MockEsia's (the harness's).</summary>
    public Uri Url { get; } = url;
}

/// <summary>How the harness acts as the person's browser: the built-in HTTP browser, or Chromium for apps that need JavaScript.</summary>
public interface IAppBrowser : IAsyncDisposable
{
    /// <summary>Every hop, in order.</summary>
    List<Hop> Hops { get; }

    /// <summary>The page's URL.</summary>
    Uri? Current { get; }

    /// <summary>The page's content.</summary>
    string LastBody { get; }

    /// <summary>The page's status.</summary>
    int LastStatus { get; }

    /// <summary>Opens a URL and follows wherever it leads; returns the final status.</summary>
    Task<int> GoAsync(Uri url);

    /// <summary>Opens the app's login page and, when the target names one, clicks its login control.</summary>
    Task<int> StartLoginAsync(Uri loginPage, string? loginSelector);

    /// <summary>Submits the form of the element with this <c>data-testid</c> (MockEsia's login and consent pages).</summary>
    Task<int> SubmitAsync(string testId);
}
