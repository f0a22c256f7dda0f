namespace Conformance.Specs.Runtime;

/// <summary>
/// Which of MockEsia's server-wide readings (docs/readings.md) the catalogue does not run again under their other
/// values, and why. Every reading one correct app can satisfy both ways is either tagged on the scenarios that touch it
/// (<c>@reading-Name</c>) or listed here: its other values only accept what the default refuses, or change the code of
/// a refusal a correct app never causes, so a correct app meets the same answers under every value and a second pass
/// would repeat the first. <c>tests/Conformance.Tests</c> holds the two lists against MockEsia's catalogue.
/// </summary>
public static class ReadingCoverage
{
    /// <summary>The readings not run again, with the reason.</summary>
    public static IReadOnlyDictionary<string, string> NotRerun { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["UnregisteredRedirect"] = "only an authorization request with an unregistered redirect_uri meets it; a correct app never sends one",
        ["UnknownClient"] = "only an unknown client_id meets it; a correct app is registered",
        ["TimestampWindow"] = "it decides only how far from ESIA's clock a timestamp may be; a correct app sends its current time",
        ["PkceMethod"] = "the catalogue's apps do not use PKCE; an app that names its method meets the same answer under both",
        ["TokenParametersInQuery"] = "the other value also accepts parameters in the query; an app that posts a form body meets the same answers",
        ["NonceEcho"] = "only an app that requires the echo of its nonce notices the difference, and requiring it is the app's mistake (ESIA-C01 judges the login)",
        ["WiderScopeAtToken"] = "the other value also accepts a wider scope at te; an app that resends the scope it asked for meets the same answers",
        ["ClientCredentialsRedirectUri"] = "the other value also accepts client_credentials without redirect_uri; an app that sends it meets the same answers",
        ["PermissionsEncoding"] = "the other value also accepts padded base64 permissions; an app that sends base64url meets the same answers",
        ["ForeignCertificateHash"] = "it changes only the code of a refusal (007005 / 007053) for another system's certificate hash, which a correct app never sends",
        ["ClientCredentialsScopes"] = "the other value also accepts person scopes and unknown organisations at client_credentials; a correct app asks for neither",
        ["ClientSecretSpaces"] = "the other value also repairs white space in client_secret; an app that URL-encodes it meets the same answers",
        ["PersonFilter"] = "the other value ignores person_filter; the catalogue's apps send none",
        ["EpguCancelNotFound"] = "it changes only the answer to cancelling an unknown order, which no scenario does",
        ["EpguOrderMeta"] = "the other value also accepts a form-data meta at /order; an app that sends JSON meets the same answers",
        ["EpguCancelReason"] = "the other value also accepts a cancel without reason; an app that sends one meets the same answers",
    };
}
