using System.Net;

namespace Esia.TestSupport;

/// <summary>
/// A browser over real HTTP on loopback: a cookie jar, redirects followed by hand with every hop recorded, and the
/// MockEsia login and consent forms answered.
/// </summary>
public sealed class LoopbackBrowser : IDisposable
{
    private readonly HttpClient _http;

    public LoopbackBrowser()
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every URL requested, in order.</summary>
    public List<Uri> Hops { get; } = [];

    /// <summary>The URL of the last response.</summary>
    public Uri? Current { get; private set; }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        Hops.Add(url);
        Current = url;
        var request = new HttpRequestMessage(method, url);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Requests a URL and follows redirects to the final page.</summary>
    public async Task<HttpResponseMessage> FollowAsync(Uri url, HttpMethod? method = null, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var response = await SendAsync(method ?? HttpMethod.Get, url, form);
        for (var hops = 0; hops < 20 && IsRedirect(response); hops++)
        {
            response = await SendAsync(HttpMethod.Get, new Uri(Current!, response.Headers.Location!));
        }

        return response;
    }

    /// <summary>Starts at an app's login URL and answers MockEsia's pages: logs in as <paramref name="person"/>, grants or refuses.</summary>
    public async Task<HttpResponseMessage> LoginAsync(Uri start, long person = 1000000001, bool grant = true)
    {
        var response = await FollowAsync(start);
        if (Current!.AbsolutePath == "/aas/oauth2/login")
        {
            var req = System.Web.HttpUtility.ParseQueryString(Current.Query)["req"]!;
            response = await FollowAsync(new Uri(Current, "/aas/oauth2/login"), HttpMethod.Post, [new("req", req), new("person", person.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        if (Current!.AbsolutePath == "/aas/oauth2/consent")
        {
            var req = System.Web.HttpUtility.ParseQueryString(Current.Query)["req"]!;
            response = await FollowAsync(new Uri(Current, "/aas/oauth2/consent"), HttpMethod.Post, [new("req", req), new("decision", grant ? "grant" : "deny")]);
        }

        return response;
    }

    public void Dispose() => _http.Dispose();

    private static bool IsRedirect(HttpResponseMessage r) => (int)r.StatusCode is >= 300 and < 400 && r.Headers.Location is not null;
}

/// <summary>A free loopback port (bind to 0, read it, release it).</summary>
public static class FreePort
{
    public static int Next()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>The command line that starts samples/ReferenceApp against a MockEsia with the fixture client and trust.</summary>
public static class ReferenceAppArgs
{
    public static string[] For(Uri appBase, Uri mockBase) =>
    [
        "--urls", appBase.ToString(), "--environment", "Testing", "--Logging:LogLevel:Default=Warning",
        $"--Esia:Environment={mockBase}", $"--Esia:RedirectUri={appBase}signin-esia",
        $"--Esia:CertificatePath={Paths.Fixture("pki", "clients", "client-gost256.cer.pem")}",
        $"--Esia:KeyPath={Paths.Fixture("pki", "clients", "client-gost256.key.pem")}",
        $"--Esia:TrustedCertificates:0={Paths.Fixture("pki", "esia", "esia-gost256.cer.pem")}",
        $"--Esia:TrustedCertificates:1={Paths.Fixture("pki", "esia", "esia-gost256-next.cer.pem")}",
    ];
}
