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

    /// <summary>API ЕПГУ: <c>POST /api/gusmev/order</c>, reserving an order number (epgu-api.md §2.1).</summary>
    public const string EpguOrder = "epgu/order";

    /// <summary>API ЕПГУ: <c>POST /api/gusmev/order/{orderId}</c>, an order's details (§2.5).</summary>
    public const string EpguDetails = "epgu/details";

    /// <summary>API ЕПГУ: <c>POST /api/gusmev/order/{orderId}/cancel</c> (§2.6).</summary>
    public const string EpguCancel = "epgu/cancel";

    /// <summary>API ЕПГУ: <c>POST /api/gusmev/push</c>, one-shot upload and submission (§2.3).</summary>
    public const string EpguPush = "epgu/push";

    /// <summary>API ЕПГУ: <c>POST /api/gusmev/push/chunked</c>, upload after reservation (§2.2).</summary>
    public const string EpguPushChunked = "epgu/push/chunked";

    /// <summary>API ЕПГУ: <c>GET /api/gusmev/order/getOrdersStatus</c> (§2.7).</summary>
    public const string EpguOrdersStatus = "epgu/getOrdersStatus";

    /// <summary>API ЕПГУ: <c>GET /api/gusmev/order/getUpdatedAfter</c> (§2.7).</summary>
    public const string EpguUpdatedAfter = "epgu/getUpdatedAfter";

    /// <summary>API ЕПГУ: <c>POST /api/nsi/v1/dictionary/{code}</c>, without authorization (§2.8).</summary>
    public const string EpguDictionary = "epgu/dictionary";

    /// <summary>API ЕПГУ: file download under the v1.12.1 and the v1.13 paths (§2.9).</summary>
    public const string EpguDownload = "epgu/download";

    /// <summary>Every name, in the order declared.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(EndpointNames).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    /// <summary>Whether a name is one of API ЕПГУ's endpoints.</summary>
    public static bool IsEpgu(string name) => name.StartsWith("epgu/", StringComparison.Ordinal);

    /// <summary>Whether a name is one of the authorization endpoints (v2 or v1).</summary>
    public static bool IsAuthorization(string name) => name is AuthorizeV2 or AuthorizeV1;

    /// <summary>Whether a name is one of the token endpoints (v3, v2 or v1).</summary>
    public static bool IsToken(string name) => name is TokenV3 or TokenV2 or TokenV1;

    /// <summary>Whether a name is one of the retired v1 endpoints.</summary>
    public static bool IsRetired(string name) => name is AuthorizeV1 or TokenV1;
}
