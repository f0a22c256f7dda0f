using Esia.Protocol;
namespace Esia.Client.AspNetCore;

/// <summary>Default names of the ESIA authentication scheme.</summary>
public static class EsiaDefaults
{
    /// <summary>The scheme name.</summary>
    public const string AuthenticationScheme = "Esia";

    public const string DisplayName = "Госуслуги";

    /// <summary>The default callback path.</summary>
    public const string CallbackPath = "/signin-esia";

    /// <summary>The claim holding the person's oid.</summary>
    public const string OidClaim = EsiaClaims.SubjectId;

    /// <summary>The name of the HttpClient used for the token endpoint (no retries).</summary>
    public const string TokenHttpClient = "Esia.Token";

    /// <summary>The name of the HttpClient used for the REST API (retries on 5xx and timeouts).</summary>
    public const string RestHttpClient = "Esia.Rest";

    /// <summary>The name of the HttpClient used for API ЕПГУ (no handler retries: <see cref="Epgu.EpguClient"/> retries what may be retried).</summary>
    public const string EpguHttpClient = "Esia.Epgu";
}
