namespace MockEsia.Abstractions;

/// <summary>
/// The names MockEsia's journal gives ESIA's endpoints (<see cref="JournalEntry.Endpoint"/>, the journal's <c>endpoint</c>
/// query). The server registers each endpoint under one of these; the harness, the dashboard and the drift watch read them.
/// </summary>
public static class EndpointNames
{
    /// <summary><c>GET /aas/oauth2/v2/ac</c>: the authorization request.</summary>
    public const string AuthorizeV2 = "v2/ac";

    /// <summary><c>GET /aas/oauth2/ac</c>: the retired v1 authorization request.</summary>
    public const string AuthorizeV1 = "ac";

    /// <summary><c>POST /aas/oauth2/v3/te</c>: the token request.</summary>
    public const string TokenV3 = "v3/te";

    /// <summary><c>POST /aas/oauth2/v2/te</c>: the token request, v3's checks under v2's path.</summary>
    public const string TokenV2 = "v2/te";

    /// <summary><c>POST /aas/oauth2/te</c>: the retired v1 token request.</summary>
    public const string TokenV1 = "te";

    /// <summary>The login page.</summary>
    public const string Login = "login";

    /// <summary>The consent page.</summary>
    public const string Consent = "consent";

    /// <summary><c>GET /idp/ext/Logout</c>.</summary>
    public const string Logout = "logout";

    /// <summary><c>GET /public/esia.zip</c>: ESIA's certificates.</summary>
    public const string Certificates = "esia.zip";

    /// <summary>The REST API under <c>/rs</c>.</summary>
    public const string Rest = "rs";

    /// <summary>The organisation API-key token service.</summary>
    public const string ApiKeyToken = "ext-app/tkn";

    /// <summary>Whether a name is one of the authorization endpoints (v2 or v1).</summary>
    public static bool IsAuthorization(string name) => name is AuthorizeV2 or AuthorizeV1;

    /// <summary>Whether a name is one of the token endpoints (v3, v2 or v1).</summary>
    public static bool IsToken(string name) => name is TokenV3 or TokenV2 or TokenV1;

    /// <summary>Whether a name is one of the retired v1 endpoints.</summary>
    public static bool IsRetired(string name) => name is AuthorizeV1 or TokenV1;
}
