using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conformance.Specs.Harness;

/// <summary>Drives a MockEsia through its admin REST API (embedded or remote, the same way), with the contract's types.</summary>
public sealed class MockEsiaDriver : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates the driver for a MockEsia base URL and optional admin token.</summary>
    public MockEsiaDriver(Uri baseUrl, string? adminToken)
    {
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(adminToken))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        }
    }

    /// <summary>MockEsia's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Back to the configured state: clients, faults, clock and readings as MockEsia was started with.</summary>
    public Task ResetAsync() => Ok(_http.PostAsync(AdminPaths.Reset, null));

    /// <summary>Back to the configured state, then the <paramref name="readings"/> set and the target registered.</summary>
    public async Task ResetAndRegisterAsync(TargetApp target, IReadOnlyDictionary<string, string> readings)
    {
        await ResetAsync();
        foreach (var (name, value) in readings)
        {
            await Ok(_http.PutAsync($"{AdminPaths.Readings}/{Uri.EscapeDataString(name)}?value={Uri.EscapeDataString(value)}", null));
        }

        await RegisterAsync(target, target.AccessTokenLifetimeSeconds);
    }

    /// <summary>Switches the certificate MockEsia's HTTPS endpoint presents to new connections.</summary>
    public Task PresentTlsAsync(TlsPresentation presentation) => Ok(_http.PutAsync($"{AdminPaths.Tls}?presentation={presentation}", null));

    /// <summary>Both readings of each unknown behaviour, with the values MockEsia is configured with.</summary>
    public async Task<IReadOnlyList<ReadingSummary>> ReadingsAsync() =>
        await _http.GetFromJsonAsync<ReadingSummary[]>(AdminPaths.Readings, HarnessJson.Read) ?? [];

    /// <summary>Registers the target with every client switch its file carries; <paramref name="accessTokenLifetimeSeconds"/> overrides its own.</summary>
    public Task RegisterAsync(TargetApp target, int? accessTokenLifetimeSeconds) => Ok(_http.PutAsJsonAsync(AdminPaths.Clients, new ClientDefinition
    {
        ClientId = target.ClientId,
        Name = target.Name,
        CertificatesPem = target.CertificatesPem().ToList(),
        RedirectUris = target.RedirectUris,
        RedirectMatching = target.RedirectMatching,
        AllowedScopes = target.AllowedScopes,
        TokenAlgorithm = target.TokenAlgorithm,
        GrantTypes = target.GrantTypes,
        AcceptV1SignatureOnV2 = target.AcceptV1SignatureOnV2,
        AllowRsaClientKeys = target.AllowRsaClientKeys,
        StrictState = target.StrictState,
        StrictRedirectUriAtToken = target.StrictRedirectUriAtToken,
        RefreshProfile = target.RefreshProfile,
        AccessTokenLifetimeSeconds = accessTokenLifetimeSeconds,
        IdTokenLifetimeSeconds = target.IdTokenLifetimeSeconds,
        RefreshTokenLifetimeSeconds = target.RefreshTokenLifetimeSeconds,
    }, HarnessJson.Read));

    /// <summary>Adds a fault.</summary>
    public Task AddFaultAsync(Fault fault) => Ok(_http.PostAsJsonAsync(AdminPaths.Faults, fault, HarnessJson.Read));

    /// <summary>Expires the client's access tokens issued so far.</summary>
    public Task ExpireAccessTokensAsync(string clientId) => Ok(_http.PostAsync($"{AdminPaths.ExpireTokens}?clientId={Uri.EscapeDataString(clientId)}", null));

    /// <summary>Revokes a person's refresh tokens.</summary>
    public Task RevokeRefreshTokensAsync(long oid) => Ok(_http.PostAsync(AdminPaths.RevokeRefreshTokens(oid), null));

    /// <summary>Publishes the next signing certificate and signs with it.</summary>
    public async Task RotateSigningCertificateAsync()
    {
        await Ok(_http.PostAsync(AdminPaths.PublishNextKeys, null));
        await Ok(_http.PostAsync(AdminPaths.SwitchToNextKeys, null));
    }

    /// <summary>Journal entries of a client after an id, oldest first (raw JSON, for the evidence).</summary>
    public async Task<IReadOnlyList<JsonElement>> JournalAsync(string clientId, long afterId)
    {
        var entries = await _http.GetFromJsonAsync<JsonElement[]>($"{AdminPaths.Journal}?clientId={Uri.EscapeDataString(clientId)}&afterId={afterId}&limit=1000") ?? [];
        return entries.Reverse().ToArray();
    }

    /// <summary>Journal entries after an id that carried the token with this fingerprint, whatever client they name, oldest first.</summary>
    public async Task<IReadOnlyList<JournalEntry>> JournalOfTokenAsync(string fingerprint, long afterId)
    {
        var entries = await _http.GetFromJsonAsync<JournalEntry[]>($"{AdminPaths.Journal}?token={Uri.EscapeDataString(fingerprint)}&afterId={afterId}&limit=1000", HarnessJson.Read) ?? [];
        return entries.Reverse().ToArray();
    }

    /// <summary>A test person, or null.</summary>
    public async Task<Person?> PersonAsync(long oid)
    {
        var response = await _http.GetAsync($"{AdminPaths.People}/{oid}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Person>(HarnessJson.Read) : null;
    }

    /// <summary>The test people.</summary>
    public async Task<IReadOnlyList<Person>> PeopleAsync() => await _http.GetFromJsonAsync<Person[]>(AdminPaths.People, HarnessJson.Read) ?? [];

    /// <summary>The newest journal id (0 when empty).</summary>
    public async Task<long> LastJournalIdAsync()
    {
        var entries = await _http.GetFromJsonAsync<JsonElement[]>($"{AdminPaths.Journal}?limit=1") ?? [];
        return entries.Length == 0 ? 0 : entries[0].GetProperty("id").GetInt64();
    }

    /// <summary>Whether MockEsia answers.</summary>
    public async Task<bool> IsUpAsync()
    {
        try
        {
            return (await _http.GetAsync("/health")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"MockEsia's admin API answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
