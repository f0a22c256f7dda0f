using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MockEsia.Abstractions;

/// <summary>MockEsia's admin API answered with an error.</summary>
/// <param name="status">The HTTP status.</param>
/// <param name="body">The answer's body (MockEsia's reason, as JSON).</param>
/// <param name="call">The call, e.g. <c>POST /__admin/faults</c>.</param>
public sealed class MockEsiaAdminException(HttpStatusCode status, string body, string call)
    : Exception($"{call}: MockEsia's admin API answered {(int)status}: {body}")
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The answer's body.</summary>
    public string Body { get; } = body;
}

/// <summary>
/// A typed client of MockEsia's admin API (<see cref="AdminPaths"/>): the clock, faults, the journal (with the token
/// fingerprint search and waiting for an entry), clients, people, sessions, readings, TLS, key rotation, reset. The
/// same model as the admin API's JSON and MockEsia's scenario file. Errors throw <see cref="MockEsiaAdminException"/>.
/// </summary>
public sealed class MockEsiaAdminClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly HttpClient _http;
    private readonly bool _owned;

    /// <summary>A client over <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> is MockEsia's base URL (e.g. a TestServer's client).</summary>
    public MockEsiaAdminClient(HttpClient http, string? adminToken = null)
    {
        ArgumentNullException.ThrowIfNull(http.BaseAddress, "http.BaseAddress");
        _http = http;
        AdminToken = adminToken;
    }

    /// <summary>A client over <paramref name="http"/>, disposed with this client when <paramref name="ownsHttpClient"/>.</summary>
    public MockEsiaAdminClient(HttpClient http, string? adminToken, bool ownsHttpClient)
        : this(http, adminToken) => _owned = ownsHttpClient;

    /// <summary>A client of the MockEsia at <paramref name="baseUrl"/>, with its own <see cref="HttpClient"/>.</summary>
    public MockEsiaAdminClient(Uri baseUrl, string? adminToken = null)
        : this(new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(130) }, adminToken) => _owned = true;

    /// <summary>The admin token (<c>MockEsia:AdminToken</c>) sent as a bearer token; null when MockEsia has none.</summary>
    public string? AdminToken { get; }

    /// <summary>MockEsia's base URL.</summary>
    public Uri BaseUrl => _http.BaseAddress!;

    /// <summary>Whether MockEsia answers <c>/health</c> with 200.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync("/health", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Back to the configured state: clients, people, faults, journal, clock, keys and readings as MockEsia was started.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, AdminPaths.Reset, null, cancellationToken);

    /// <summary>The configuration files MockEsia could not use since start-up or the last reset.</summary>
    public Task<IReadOnlyList<ConfigurationProblem>> ConfigurationProblemsAsync(CancellationToken cancellationToken = default) =>
        ListAsync<ConfigurationProblem>(AdminPaths.ConfigurationProblems, cancellationToken);

    /// <summary>The virtual clock.</summary>
    public Task<ClockState> ClockAsync(CancellationToken cancellationToken = default) => GetAsync<ClockState>(AdminPaths.Clock, cancellationToken);

    /// <summary>Moves the virtual clock forward.</summary>
    public Task<ClockState> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        SendAsync<ClockState>(HttpMethod.Post, AdminPaths.ClockAdvance, new AdvanceRequest(by.TotalSeconds), cancellationToken);

    /// <summary>Sets the virtual clock.</summary>
    public Task<ClockState> SetClockAsync(DateTimeOffset time, CancellationToken cancellationToken = default) =>
        SendAsync<ClockState>(HttpMethod.Post, AdminPaths.ClockSet, new SetClockRequest(time), cancellationToken);

    /// <summary>Stops time.</summary>
    public Task<ClockState> FreezeClockAsync(CancellationToken cancellationToken = default) => SendAsync<ClockState>(HttpMethod.Post, AdminPaths.ClockFreeze, null, cancellationToken);

    /// <summary>Lets time run again.</summary>
    public Task<ClockState> ResumeClockAsync(CancellationToken cancellationToken = default) => SendAsync<ClockState>(HttpMethod.Post, AdminPaths.ClockResume, null, cancellationToken);

    /// <summary>Back to system time.</summary>
    public Task<ClockState> ResetClockAsync(CancellationToken cancellationToken = default) => SendAsync<ClockState>(HttpMethod.Post, AdminPaths.ClockReset, null, cancellationToken);

    /// <summary>Adds a fault at the end of the list; returns it with its id.</summary>
    public Task<Fault> AddFaultAsync(Fault fault, CancellationToken cancellationToken = default) => SendAsync<Fault>(HttpMethod.Post, AdminPaths.Faults, fault, cancellationToken);

    /// <summary>The faults in force, in order, with how often each has applied.</summary>
    public Task<IReadOnlyList<Fault>> FaultsAsync(CancellationToken cancellationToken = default) => ListAsync<Fault>(AdminPaths.Faults, cancellationToken);

    /// <summary>Removes one fault; false when there was none with that id.</summary>
    public Task<bool> RemoveFaultAsync(string id, CancellationToken cancellationToken = default) => FoundAsync(HttpMethod.Delete, AdminPaths.Fault(id), cancellationToken);

    /// <summary>Removes every fault.</summary>
    public Task ClearFaultsAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, AdminPaths.Faults, null, cancellationToken);

    /// <summary>Journal entries matching <paramref name="query"/>, newest first (at most <paramref name="limit"/>).</summary>
    public Task<IReadOnlyList<JournalEntry>> JournalAsync(JournalQuery? query = null, int limit = 200, CancellationToken cancellationToken = default) =>
        ListAsync<JournalEntry>(AdminPaths.Journal + Query(query, ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);

    /// <summary>
    /// The first entry matching <paramref name="query"/> (give <see cref="JournalQuery.AfterId"/> to wait for a new one):
    /// one already there, or the next to arrive within <paramref name="timeout"/> (at most 120 s); null when none came.
    /// </summary>
    public async Task<JournalEntry?> WaitForJournalEntryAsync(JournalQuery query, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var path = AdminPaths.JournalWait + Query(query, ("timeoutMs", ((long)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var response = await _http.SendAsync(Request(HttpMethod.Get, path, null), cancellationToken);
        return response.StatusCode == HttpStatusCode.RequestTimeout ? null : await ReadAsync<JournalEntry>(response, "GET " + path, cancellationToken);
    }

    /// <summary>Every certificate MockEsia knows (clients, its signing keys, the HTTPS test CA) with its days left.</summary>
    public Task<IReadOnlyList<CertificateStatus>> CertificatesAsync(CancellationToken cancellationToken = default) =>
        ListAsync<CertificateStatus>(AdminPaths.Certificates, cancellationToken);

    /// <summary>ESIA's signing keys: the active GOST and RSA certificates and what esia.zip publishes.</summary>
    public Task<SigningKeysState> KeysAsync(CancellationToken cancellationToken = default) => GetAsync<SigningKeysState>(AdminPaths.Keys, cancellationToken);

    /// <summary>Empties the journal.</summary>
    public Task ClearJournalAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, AdminPaths.Journal, null, cancellationToken);

    /// <summary>The registered clients.</summary>
    public Task<IReadOnlyList<ClientSummary>> ClientsAsync(CancellationToken cancellationToken = default) => ListAsync<ClientSummary>(AdminPaths.Clients, cancellationToken);

    /// <summary>Adds or replaces a client (certificates as inline PEM, or paths in MockEsia's fixtures folder).</summary>
    public Task<ClientSummary> PutClientAsync(ClientDefinition client, CancellationToken cancellationToken = default) =>
        SendAsync<ClientSummary>(HttpMethod.Put, AdminPaths.Clients, client, cancellationToken);

    /// <summary>Changes a client's redirect URIs and switches; null when there is no such client.</summary>
    public async Task<ClientSummary?> EditClientAsync(string clientId, ClientSettings settings, CancellationToken cancellationToken = default)
    {
        var path = AdminPaths.ClientSettingsTemplate.Replace("{clientId}", Uri.EscapeDataString(clientId), StringComparison.Ordinal);
        using var response = await _http.SendAsync(Request(HttpMethod.Post, path, settings), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<ClientSummary>(response, "POST " + path, cancellationToken);
    }

    /// <summary>Removes a client; false when there was none.</summary>
    public Task<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken = default) =>
        FoundAsync(HttpMethod.Delete, $"{AdminPaths.Clients}/{Uri.EscapeDataString(clientId)}", cancellationToken);

    /// <summary>The test people.</summary>
    public Task<IReadOnlyList<Person>> PeopleAsync(CancellationToken cancellationToken = default) => ListAsync<Person>(AdminPaths.People, cancellationToken);

    /// <summary>One person; null when there is none with that oid.</summary>
    public async Task<Person?> PersonAsync(long oid, CancellationToken cancellationToken = default)
    {
        var path = $"{AdminPaths.People}/{oid}";
        using var response = await _http.SendAsync(Request(HttpMethod.Get, path, null), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<Person>(response, "GET " + path, cancellationToken);
    }

    /// <summary>Adds or replaces a person.</summary>
    public Task<Person> PutPersonAsync(Person person, CancellationToken cancellationToken = default) => SendAsync<Person>(HttpMethod.Put, AdminPaths.People, person, cancellationToken);

    /// <summary>Removes a person; false when there was none.</summary>
    public Task<bool> RemovePersonAsync(long oid, CancellationToken cancellationToken = default) => FoundAsync(HttpMethod.Delete, $"{AdminPaths.People}/{oid}", cancellationToken);

    /// <summary>Revokes a person's refresh tokens; returns how many.</summary>
    public async Task<int> RevokeRefreshTokensAsync(long oid, CancellationToken cancellationToken = default) =>
        (await SendAsync<JsonElement>(HttpMethod.Post, AdminPaths.RevokeRefreshTokens(oid), null, cancellationToken)).GetProperty("revoked").GetInt32();

    /// <summary>The person withdraws the consents (<c>permissions</c>) given to one system, or to every system; returns how many were live.</summary>
    public async Task<int> WithdrawConsentsAsync(long oid, string? clientId = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<JsonElement>(HttpMethod.Delete, AdminPaths.Consents(oid) + (clientId is null ? "" : $"?clientId={Uri.EscapeDataString(clientId)}"), null, cancellationToken))
        .GetProperty("withdrawn").GetInt32();

    /// <summary>Ends SSO sessions (one person's, or everyone's); returns how many.</summary>
    public async Task<int> EndSessionsAsync(long? personOid = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<JsonElement>(HttpMethod.Delete, AdminPaths.Sessions + (personOid is { } oid ? $"?personOid={oid}" : ""), null, cancellationToken)).GetProperty("ended").GetInt32();

    /// <summary>Expires the access tokens issued so far to a client (the REST API answers 401 to them).</summary>
    public Task ExpireAccessTokensAsync(string clientId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"{AdminPaths.ExpireTokens}?clientId={Uri.EscapeDataString(clientId)}", null, cancellationToken);

    /// <summary>Both readings of every unknown behaviour, with the values in force.</summary>
    public Task<IReadOnlyList<ReadingSummary>> ReadingsAsync(CancellationToken cancellationToken = default) => ListAsync<ReadingSummary>(AdminPaths.Readings, cancellationToken);

    /// <summary>Sets a server-wide reading until the next reset.</summary>
    public Task<ReadingSummary> SetReadingAsync(string name, string value, CancellationToken cancellationToken = default) =>
        SendAsync<ReadingSummary>(HttpMethod.Put, $"{AdminPaths.Readings}/{Uri.EscapeDataString(name)}?value={Uri.EscapeDataString(value)}", null, cancellationToken);

    /// <summary>Switches the certificate the HTTPS endpoint presents to new connections (MockEsia started with <c>--https</c>).</summary>
    public Task PresentTlsAsync(TlsPresentation presentation, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"{AdminPaths.Tls}?presentation={presentation}", null, cancellationToken);

    /// <summary>Rotation step 1: <c>esia.zip</c> publishes the next certificates.</summary>
    public Task PublishNextKeysAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, AdminPaths.PublishNextKeys, null, cancellationToken);

    /// <summary>Rotation step 2: tokens are signed with the next keys.</summary>
    public Task SwitchToNextKeysAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, AdminPaths.SwitchToNextKeys, null, cancellationToken);

    /// <summary>Back to the configured keys.</summary>
    public Task ResetKeysAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, AdminPaths.KeysReset, null, cancellationToken);

    /// <summary>What MockEsia's process is doing.</summary>
    public Task<RuntimeFigures> RuntimeAsync(CancellationToken cancellationToken = default) => GetAsync<RuntimeFigures>(AdminPaths.Runtime, cancellationToken);

    /// <summary>The API ЕПГУ twin's orders, newest first.</summary>
    public Task<IReadOnlyList<EpguOrderSummary>> EpguOrdersAsync(CancellationToken cancellationToken = default) =>
        ListAsync<EpguOrderSummary>(AdminPaths.EpguOrders, cancellationToken);

    /// <summary>Scripts what the agency answers one order with.</summary>
    public Task<EpguOrderSummary> SetEpguOrderOutcomeAsync(long orderId, EpguOutcome outcome, CancellationToken cancellationToken = default) =>
        SendAsync<EpguOrderSummary>(HttpMethod.Put, AdminPaths.EpguOrderOutcome(orderId, outcome), null, cancellationToken);

    /// <summary>The API ЕПГУ twin's services.</summary>
    public Task<IReadOnlyList<EpguServiceDefinition>> EpguServicesAsync(CancellationToken cancellationToken = default) =>
        ListAsync<EpguServiceDefinition>(AdminPaths.EpguServices, cancellationToken);

    /// <summary>Scripts what the agency answers a service's orders with (those without an outcome of their own).</summary>
    public Task<EpguServiceDefinition> SetEpguServiceOutcomeAsync(string code, EpguOutcome outcome, CancellationToken cancellationToken = default) =>
        SendAsync<EpguServiceDefinition>(HttpMethod.Put, AdminPaths.EpguServiceOutcome(code, outcome), null, cancellationToken);

    /// <summary>Sets the API ЕПГУ services a client may use (form codes; empty: none).</summary>
    public Task<ClientSummary> SetEpguServicesAsync(string clientId, IReadOnlyList<string> serviceCodes, CancellationToken cancellationToken = default) =>
        SendAsync<ClientSummary>(HttpMethod.Put, AdminPaths.EpguClientServices(clientId), serviceCodes, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owned)
        {
            _http.Dispose();
        }
    }

    private static string Query(JournalQuery? query, params (string Name, string Value)[] extra)
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!)}");
            }
        }

        Add("clientId", query?.ClientId);
        Add("endpoint", query?.Endpoint);
        Add("afterId", query?.AfterId);
        Add("beforeId", query?.BeforeId);
        Add("since", query?.Since?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("outcome", query?.Outcome);
        Add("errorCode", query?.ErrorCode);
        Add("token", query?.Token);
        foreach (var (name, value) in extra)
        {
            Add(name, value);
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        if (!string.IsNullOrEmpty(AdminToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        }

        return request;
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(Request(method, path, body), cancellationToken);
        await EnsureAsync(response, $"{method} {path}", cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(Request(method, path, body), cancellationToken);
        return await ReadAsync<T>(response, $"{method} {path}", cancellationToken);
    }

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    private async Task<IReadOnlyList<T>> ListAsync<T>(string path, CancellationToken cancellationToken) => await GetAsync<T[]>(path, cancellationToken);

    private async Task<bool> FoundAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(Request(method, path, null), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureAsync(response, $"{method} {path}", cancellationToken);
        return true;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        await EnsureAsync(response, call, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) ?? throw new MockEsiaAdminException(response.StatusCode, "(empty)", call);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new MockEsiaAdminException(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), call);
        }
    }
}
