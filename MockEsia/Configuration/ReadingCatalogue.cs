using MockEpgu;

namespace MockEsia.Configuration;

/// <summary>
/// Every behaviour the reference calls unknown that MockEsia offers both readings of: the server-wide settings
/// (<see cref="ReadingOptions"/>, <see cref="MockEsiaOptions.UnregisteredRedirect"/>) and the client switches.
/// <c>docs/readings.md</c> is the same list in prose.
/// </summary>
internal static class ReadingCatalogue
{
    /// <summary>The server-wide readings, the ones <c>PUT /__admin/readings/{name}</c> may change.</summary>
    private static readonly ServerReading[] ServerWide =
    [
        ServerReading.Of("UnregisteredRedirect", "MockEsia:UnregisteredRedirect", o => o.UnregisteredRedirect, (o, v) => o.UnregisteredRedirect = v,
            UnregisteredRedirectBehaviour.ErrorPage,
            "Never redirect to an address the IS did not register; an app that handles an error redirect handles the page too.", "§3.3, §7.1, §14 item 5", true),
        ServerReading.Of("UnknownClient", "MockEsia:Readings:UnknownClient", o => o.Readings.UnknownClient, (o, v) => o.Readings.UnknownClient = v,
            UnknownClientReading.ErrorPage,
            "Nothing is sent to an unverified address; a redirect with ESIA-007005 is what a known but mis-configured IS gets.", "§3.3, §7.1, §14 item 5", true),
        ServerReading.Of("OldRefreshToken", "MockEsia:Readings:OldRefreshToken", o => o.Readings.OldRefreshToken, (o, v) => o.Readings.OldRefreshToken = v,
            OldRefreshTokenReading.Revoked,
            "OAuth 2.0's rotation revokes the old token; an app that keeps the newest token works under both readings.", "§5.3, §14 item 7", true),
        ServerReading.Of("PkceMethod", "MockEsia:Readings:PkceMethod", o => o.Readings.PkceMethod, (o, v) => o.Readings.PkceMethod = v,
            PkceMethodReading.S256,
            "S256 is the method RFC 7636 asks servers to support; an app that names its method works under both readings.", "§3.1, §14 item 3", true),
        ServerReading.Of("TokenParametersInQuery", "MockEsia:Readings:TokenParametersInQuery", o => o.Readings.TokenParametersInQuery,
            (o, v) => o.Readings.TokenParametersInQuery = v, TokenQueryReading.Refuse,
            "The reference documents the form body; that ESIA also reads the query (a Java servlet merges both, §9; a public client relies on it) is only " +
            "inferred, and accepting it by default could be laxer than ESIA. An app that posts a form body works under both readings.", "§5", true),
        ServerReading.Of("NonceEcho", "MockEsia:Readings:NonceEcho", o => o.Readings.NonceEcho, (o, v) => o.Readings.NonceEcho = v, NonceEchoReading.Omit,
            "No real token shows a nonce, and a public client removed its nonce check on the operator's advice; an app that does not require the echo works under both.",
            "§3.1, §6.3, §14 item 6", true),
        ServerReading.Of("ApiKeySignature", "MockEsia:Readings:ApiKeySignature", o => o.Readings.ApiKeySignature, (o, v) => o.Readings.ApiKeySignature = v,
            ApiKeySignatureReading.Either,
            "Five public ЕПГУ API clients sign the key one of two ways (CMS with CryptoPro, raw GOST with gostcrypto) and keep their code; " +
            "an app that sends a detached CMS works under Either and Cms.", "§5.4", false),
        ServerReading.Of("WiderScopeAtToken", "MockEsia:Readings:WiderScopeAtToken", o => o.Readings.WiderScopeAtToken, (o, v) => o.Readings.WiderScopeAtToken = v,
            WiderScopeReading.Refuse, "Nothing shows ESIA forgiving a scope at te wider than at ac; dropping the extra scopes silently would hide the app's mistake. " +
            "An app that resends the scope it asked for works under both.", "§5.1, §5.3", true),
        ServerReading.Of("ClientCredentialsRedirectUri", "MockEsia:Readings:ClientCredentialsRedirectUri", o => o.Readings.ClientCredentialsRedirectUri,
            (o, v) => o.Readings.ClientCredentialsRedirectUri = v, ClientCredentialsRedirectReading.Required,
            "The only v3 client_credentials evidence signs client_id+scope+timestamp+state+redirect_uri and sends redirect_uri; an app that does the same works under both.", "§5.4", true),
        ServerReading.Of("PermissionsEncoding", "MockEsia:Readings:PermissionsEncoding", o => o.Readings.PermissionsEncoding, (o, v) => o.Readings.PermissionsEncoding = v,
            PermissionsEncodingReading.Base64Url, "The reference documents base64url without padding; an app that sends that works under both.", "§10", true),
        ServerReading.Of("ForeignCertificateHash", "MockEsia:Readings:ForeignCertificateHash", o => o.Readings.ForeignCertificateHash,
            (o, v) => o.Readings.ForeignCertificateHash = v, ForeignCertificateHashReading.UnauthorizedClient,
            "The one real report of a hash of another system's certificate came back ESIA-007005 (§7.2, ekapusta #7); an app that sends its own certificate's hash never meets either.",
            "§7.2", true),
        ServerReading.Of("ClientCredentialsScopes", "MockEsia:Readings:ClientCredentialsScopes", o => o.Readings.ClientCredentialsScopes,
            (o, v) => o.Readings.ClientCredentialsScopes = v, ClientCredentialsScopeReading.OrganisationOnly,
            "Every client_credentials request in the reference asks for organisation scopes (or prm_chg); a token about no person for fullname, or for an organisation that does not exist, is not shown anywhere.",
            "§5.4", true),
        ServerReading.Of("ClientSecretSpaces", "MockEsia:Readings:ClientSecretSpaces", o => o.Readings.ClientSecretSpaces,
            (o, v) => o.Readings.ClientSecretSpaces = v, ClientSecretSpacesReading.Refuse,
            "The reference asks for '+' as %2B (§15.7) and shows no ESIA repairing a space; an app that URL-encodes client_secret, or sends base64url, works under both.", "§15.7", true),
        ServerReading.Of("PersonFilter", "MockEsia:Readings:PersonFilter", o => o.Readings.PersonFilter, (o, v) => o.Readings.PersonFilter = v, PersonFilterReading.ConfirmedOnly,
            "conf_acc most likely means 'confirmed accounts', and ESIA has a code for the refusal (ESIA-007055); an app that handles the error works under both.", "§3.1, §7.2", true),
        Epgu("StatusListSlash", o => o.StatusListSlash, (o, v) => o.StatusListSlash = v, StatusListSlashReading.Both,
            "v1.12.1 removed the trailing / from getOrdersStatus and getUpdatedAfter and v1.13's examples have it back; a client that uses either path works under Both.",
            "epgu-api.md §2.7, §6.1 item 1", false),
        Epgu("MessageIdKey", o => o.MessageIdKey, (o, v) => o.MessageIdKey = v, MessageIdKeyReading.MessageId,
            "A client read messageId from a real December 2023 response; v1.13's example spells message_id. A client that reads both works under both.", "epgu-api.md §2.5", true),
        Epgu("CancelNotFound", o => o.CancelNotFound, (o, v) => o.CancelNotFound = v, CancelNotFoundReading.NoContent,
            "v1.13, the newer text, answers 204 where v1.12.1 answered 404; a client that treats both as 'not found' works under both.", "epgu-api.md §2.6", true),
        Epgu("DownloadObjectId", o => o.DownloadObjectId, (o, v) => o.DownloadObjectId = v, DownloadObjectIdReading.Either,
            "The spec's text says a status-history id, the files' links, the Goskey spec and a public client the order id; a client that follows one of them works under Either.",
            "epgu-api.md §2.9", false),
        Epgu("OrderMeta", o => o.OrderMeta, (o, v) => o.OrderMeta = v, OrderMetaReading.JsonOnly,
            "The base spec and every client send a JSON body; only the Goskey spec shows a form-data meta, and accepting it could be laxer than the portal.", "epgu-api.md §2.1", true),
        Epgu("CancelReason", o => o.CancelReason, (o, v) => o.CancelReason = v, CancelReasonReading.Required,
            "The real test server refused a cancel without reason (400 bad_request, December 2023); the spec does not mention it. A client that sends reason works under both.",
            "epgu-api.md §2.6", true),
        Epgu("ChunkBase", o => o.ChunkBase, (o, v) => o.ChunkBase = v, ChunkBaseReading.Zero,
            "The spec's rule numbers chunks from 0; its own examples and the Goskey spec's start at 1. A client numbers one way.", "epgu-api.md §2.2, §6.2", false),
        Epgu("ChunkMeta", o => o.ChunkMeta, (o, v) => o.ChunkMeta = v, ChunkMetaReading.Optional,
            "v1.12.1's table marks meta required, its examples and the Go client send none, a v1.14 reading wants it on every chunk; a client that sends it on every chunk works under both.",
            "epgu-api.md §2.2, §6.2", true),
        Epgu("DictionaryPageBase", o => o.DictionaryPageBase, (o, v) => o.DictionaryPageBase = v, DictionaryPageBaseReading.One,
            "The spec's only dictionary example asks for pageNum 1, while the status lists count from 0; a client that asks for the whole dictionary works under both.",
            "epgu-api.md §2.8", false),
    ];

    // An API ЕПГУ reading: named Epgu{name}, set as MockEsia:Readings:Epgu:{name}.
    private static ServerReading Epgu<T>(string name, Func<EpguReadings, T> get, Action<EpguReadings, T> set, T defaultValue, string why, string reference, bool both)
        where T : struct, Enum =>
        ServerReading.Of("Epgu" + name, "MockEsia:Readings:Epgu:" + name, o => get(o.Readings.Epgu), (o, v) => set(o.Readings.Epgu, v), defaultValue, why, reference, both);

    /// <summary>The list, with the values in force.</summary>
    public static IReadOnlyList<ReadingSummary> Describe(ReadingValues options, TimeSpan timestampWindow) =>
    [
        .. ServerWide.Select(r => r.Summary(options)),
        Client("refreshProfile", [nameof(RefreshSignatureProfile.Strict), nameof(RefreshSignatureProfile.Alternative), nameof(RefreshSignatureProfile.Either)],
            nameof(RefreshSignatureProfile.Strict), "The Strict string carries client_certificate_hash like every other v2/v3 request; the reference recommends it.",
            "§5.3, §14 item 1", false),
        Client("strictState", ["false", "true"], "false", "No rejection of a reused state is reported anywhere; an app that sends a new state satisfies both.",
            "§5.1, §14 item 2", true),
        Client("redirectMatching", [nameof(RedirectMatching.Domain), nameof(RedirectMatching.Exact)], nameof(RedirectMatching.Domain),
            "Two maintainers say ESIA compares registered domains; an app that sends its registered URL satisfies both.", "§3.3", true),
        Client("strictRedirectUriAtToken", ["false", "true"], "false", "Nothing shows ESIA comparing the query; an app that resends the exact redirect_uri satisfies both.",
            "§5.1, §15.7", true),
        new("TimestampWindow", "MockEsia:TimestampWindow", false, timestampWindow.ToString(), ["any duration"], "00:05:00",
            "A number rather than two readings: five minutes either way tolerates ordinary clock drift.", "§4.2, §14 item 2", true),
    ];

    /// <summary>Sets a server-wide reading; the error says what is allowed.</summary>
    public static string? Set(ReadingValues options, string name, string? value) =>
        ServerWide.FirstOrDefault(r => r.Name == name) is not { } reading
            ? $"'{name}' is not a server-wide reading: {string.Join(", ", ServerWide.Select(r => r.Name))} (client switches are set on the client)."
            : reading.TrySet(options, value) ? null : $"'{value}' is not a reading of {name}: {string.Join(", ", reading.Values)}.";

    private static ReadingSummary Client(string name, IReadOnlyList<string> values, string defaultValue, string why, string reference, bool both) =>
        new(name, name, true, defaultValue, values, defaultValue, why, reference, both);

    /// <summary>One server-wide reading: an enum setting, read and written through the options.</summary>
    private sealed record ServerReading(string Name, string Setting, IReadOnlyList<string> Values, string Default, string Why, string Reference, bool Both,
        Func<ReadingValues, string> Current, Func<ReadingValues, string?, bool> TrySet)
    {
        public static ServerReading Of<T>(string name, string setting, Func<ReadingValues, T> get, Action<ReadingValues, T> set, T defaultValue,
            string why, string reference, bool both)
            where T : struct, Enum =>
            new(name, setting, Enum.GetNames<T>(), defaultValue.ToString(), why, reference, both, o => get(o).ToString(), (o, value) =>
            {
                if (!Enum.TryParse<T>(value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return false;
                }

                set(o, parsed);
                return true;
            });

        public ReadingSummary Summary(ReadingValues options) => new(Name, Setting, false, Current(options), Values, Default, Why, Reference, Both);
    }
}
