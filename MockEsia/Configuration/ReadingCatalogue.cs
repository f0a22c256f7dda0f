namespace MockEsia.Configuration;

/// <summary>
/// Every behaviour the reference calls unknown that MockEsia offers both readings of: the server-wide settings
/// (<see cref="ReadingOptions"/>, <see cref="MockEsiaOptions.UnregisteredRedirect"/>) and the client switches.
/// <c>docs/readings.md</c> is the same list in prose.
/// </summary>
internal static class ReadingCatalogue
{
    /// <summary>The server-wide readings that <c>PUT /__admin/readings/{name}</c> may change.</summary>
    public static readonly IReadOnlyList<string> ServerWide = ["UnregisteredRedirect", "UnknownClient", "OldRefreshToken", "PkceMethod", "TokenParametersInQuery", "ApiKeySignature", "NonceEcho"];

    /// <summary>The list, with the values in force.</summary>
    public static IReadOnlyList<ReadingSummary> Describe(MockEsiaOptions options)
    {
        var r = options.Readings;
        return
        [
            Server("UnregisteredRedirect", "MockEsia:UnregisteredRedirect", options.UnregisteredRedirect, UnregisteredRedirectBehaviour.ErrorPage,
                "Never redirect to an address the IS did not register; an app that handles an error redirect handles the page too.", "§3.3, §7.1, §14 item 5", true),
            Server("UnknownClient", "MockEsia:Readings:UnknownClient", r.UnknownClient, UnknownClientReading.ErrorPage,
                "Nothing is sent to an unverified address; a redirect with ESIA-007005 is what a known but mis-configured IS gets.", "§3.3, §7.1, §14 item 5", true),
            Server("OldRefreshToken", "MockEsia:Readings:OldRefreshToken", r.OldRefreshToken, OldRefreshTokenReading.Revoked,
                "OAuth 2.0's rotation revokes the old token; an app that keeps the newest token works under both readings.", "§5.3, §14 item 7", true),
            Server("PkceMethod", "MockEsia:Readings:PkceMethod", r.PkceMethod, PkceMethodReading.S256,
                "S256 is the method RFC 7636 asks servers to support; an app that names its method works under both readings.", "§3.1, §14 item 3", true),
            Server("TokenParametersInQuery", "MockEsia:Readings:TokenParametersInQuery", r.TokenParametersInQuery, TokenQueryReading.Accept,
                "ESIA runs in a Java servlet container (§9), whose request parameters merge query and body, and a public client sends them so; " +
                "an app that posts a form body works under both readings.", "§5", true),
            Server("NonceEcho", "MockEsia:Readings:NonceEcho", r.NonceEcho, NonceEchoReading.Omit,
                "No real token shows a nonce, and a public client removed its nonce check on the operator's advice; an app that does not require the echo works under both.",
                "§3.1, §6.3, §14 item 6", true),
            Server("ApiKeySignature", "MockEsia:Readings:ApiKeySignature", r.ApiKeySignature, ApiKeySignatureReading.Either,
                "Five public ЕПГУ API clients sign the key one of two ways (CMS with CryptoPro, raw GOST with gostcrypto) and keep their code; " +
                "an app that sends a detached CMS works under Either and Cms.", "§5.4", false),
            Client("refreshProfile", [nameof(RefreshSignatureProfile.Strict), nameof(RefreshSignatureProfile.Alternative), nameof(RefreshSignatureProfile.Either)],
                nameof(RefreshSignatureProfile.Strict), "The Strict string carries client_certificate_hash like every other v2/v3 request; the reference recommends it.",
                "§5.3, §14 item 1", false),
            Client("strictState", ["false", "true"], "false", "No rejection of a reused state is reported anywhere; an app that sends a new state satisfies both.",
                "§5.1, §14 item 2", true),
            Client("redirectMatching", [nameof(RedirectMatching.Domain), nameof(RedirectMatching.Exact)], nameof(RedirectMatching.Domain),
                "Two maintainers say ESIA compares registered domains; an app that sends its registered URL satisfies both.", "§3.3", true),
            Client("strictRedirectUriAtToken", ["false", "true"], "false", "Nothing shows ESIA comparing the query; an app that resends the exact redirect_uri satisfies both.",
                "§5.1, §15.7", true),
            new("TimestampWindow", "MockEsia:TimestampWindow", false, options.TimestampWindow.ToString(), ["any duration"], "00:05:00",
                "A number rather than two readings: five minutes either way tolerates ordinary clock drift.", "§4.2, §14 item 2", true),
        ];
    }

    private static ReadingSummary Server<T>(string name, string setting, T current, T defaultValue, string why, string reference, bool both)
        where T : struct, Enum =>
        new(name, setting, false, current.ToString(), Enum.GetNames<T>(), defaultValue.ToString(), why, reference, both);

    private static ReadingSummary Client(string name, IReadOnlyList<string> values, string defaultValue, string why, string reference, bool both) =>
        new(name, name, true, defaultValue, values, defaultValue, why, reference, both);

    /// <summary>Sets a server-wide reading; the error says what is allowed.</summary>
    public static string? Set(MockEsiaOptions options, string name, string? value)
    {
        bool Parse<T>(out T parsed)
            where T : struct, Enum => Enum.TryParse(value, ignoreCase: true, out parsed) && Enum.IsDefined(parsed);

        var r = options.Readings;
        switch (name)
        {
            case "UnregisteredRedirect" when Parse<UnregisteredRedirectBehaviour>(out var v):
                options.UnregisteredRedirect = v;
                return null;
            case "UnknownClient" when Parse<UnknownClientReading>(out var v):
                r.UnknownClient = v;
                return null;
            case "OldRefreshToken" when Parse<OldRefreshTokenReading>(out var v):
                r.OldRefreshToken = v;
                return null;
            case "PkceMethod" when Parse<PkceMethodReading>(out var v):
                r.PkceMethod = v;
                return null;
            case "TokenParametersInQuery" when Parse<TokenQueryReading>(out var v):
                r.TokenParametersInQuery = v;
                return null;
            case "NonceEcho" when Parse<NonceEchoReading>(out var v):
                r.NonceEcho = v;
                return null;
            case "ApiKeySignature" when Parse<ApiKeySignatureReading>(out var v):
                r.ApiKeySignature = v;
                return null;
            default:
                return Describe(options).FirstOrDefault(d => d.Name == name && !d.PerClient && d.Name != "TimestampWindow") is { } known
                    ? $"'{value}' is not a reading of {name}: {string.Join(", ", known.Values)}."
                    : $"'{name}' is not a server-wide reading: {string.Join(", ", ServerWide)} (client switches are set on the client).";
        }
    }
}
