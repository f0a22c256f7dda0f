namespace Esia.Client;

/// <summary>Where ESIA is: its base URL and the issuer its tokens carry.</summary>
/// <param name="BaseUri">E.g. <c>https://esia-portal1.test.gosuslugi.ru</c>.</param>
/// <param name="Issuer">The <c>iss</c> of its tokens (<c>http://…/</c> with the trailing slash).</param>
public sealed record EsiaEnvironment(Uri BaseUri, string Issuer)
{
    /// <summary>ESIA's test environment (reachable from Russian networks only).</summary>
    public static EsiaEnvironment Test { get; } = new(new Uri("https://esia-portal1.test.gosuslugi.ru"), "http://esia-portal1.test.gosuslugi.ru/");

    /// <summary>ESIA's production environment.</summary>
    public static EsiaEnvironment Production { get; } = new(new Uri("https://esia.gosuslugi.ru"), "http://esia.gosuslugi.ru/");

    /// <summary>Any other ESIA, such as a MockEsia (whose default issuer is the test environment's).</summary>
    public static EsiaEnvironment Custom(string baseUri, string issuer = "http://esia-portal1.test.gosuslugi.ru/") => new(new Uri(baseUri.TrimEnd('/')), issuer);

    /// <summary>An absolute URL on this ESIA.</summary>
    public Uri Url(string path) => new(BaseUri, path);
}
