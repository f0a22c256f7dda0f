using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conformance.Specs.Harness;

/// <summary>Drives a MockEsia through its admin REST API (embedded or remote, the same way).</summary>
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

    /// <summary>Back to the configured state, then the target registered.</summary>
    public async Task ResetAndRegisterAsync(TargetApp target)
    {
        await Ok(_http.PostAsync("/__admin/reset", null));
        await RegisterAsync(target, target.AccessTokenLifetimeSeconds);
    }

    /// <summary>Registers the target with every client switch its file carries; <paramref name="accessTokenLifetimeSeconds"/> overrides its own.</summary>
    public Task RegisterAsync(TargetApp target, int? accessTokenLifetimeSeconds) => Ok(_http.PutAsJsonAsync("/__admin/clients", new
    {
        clientId = target.ClientId, name = target.Name, certificatesPem = target.CertificatesPem(), redirectUris = target.RedirectUris,
        redirectMatching = target.RedirectMatching, allowedScopes = target.AllowedScopes, tokenAlgorithm = target.TokenAlgorithm, grantTypes = target.GrantTypes,
        acceptV1SignatureOnV2 = target.AcceptV1SignatureOnV2, strictState = target.StrictState, strictRedirectUriAtToken = target.StrictRedirectUriAtToken,
        refreshProfile = target.RefreshProfile, accessTokenLifetimeSeconds, idTokenLifetimeSeconds = target.IdTokenLifetimeSeconds,
        refreshTokenLifetimeSeconds = target.RefreshTokenLifetimeSeconds,
    }));

    /// <summary>Adds a fault (the admin API's JSON shape).</summary>
    public Task AddFaultAsync(object fault) => Ok(_http.PostAsJsonAsync("/__admin/faults", fault));

    /// <summary>Expires the client's access tokens issued so far.</summary>
    public Task ExpireAccessTokensAsync(string clientId) => Ok(_http.PostAsync($"/__admin/tokens/expire?clientId={Uri.EscapeDataString(clientId)}", null));

    /// <summary>Revokes a person's refresh tokens.</summary>
    public Task RevokeRefreshTokensAsync(long oid) => Ok(_http.PostAsync($"/__admin/people/{oid}/revoke-refresh-tokens", null));

    /// <summary>Publishes the next signing certificate and signs with it.</summary>
    public async Task RotateSigningCertificateAsync()
    {
        await Ok(_http.PostAsync("/__admin/keys/publish-next", null));
        await Ok(_http.PostAsync("/__admin/keys/switch-next", null));
    }

    /// <summary>Journal entries of a client after an id, oldest first (raw JSON, for the evidence).</summary>
    public async Task<IReadOnlyList<JsonElement>> JournalAsync(string clientId, long afterId)
    {
        var entries = await _http.GetFromJsonAsync<JsonElement[]>($"/__admin/journal?clientId={Uri.EscapeDataString(clientId)}&afterId={afterId}&limit=1000") ?? [];
        return entries.Reverse().ToArray();
    }

    /// <summary>Journal entries after an id that carried the token with this fingerprint, whatever client they name, oldest first.</summary>
    public async Task<IReadOnlyList<JournalRecord>> JournalOfTokenAsync(string fingerprint, long afterId)
    {
        var entries = await _http.GetFromJsonAsync<JsonElement[]>($"/__admin/journal?token={Uri.EscapeDataString(fingerprint)}&afterId={afterId}&limit=1000") ?? [];
        return entries.Reverse().Select(JournalRecord.Parse).ToArray();
    }

    /// <summary>A test person as MockEsia's admin API shows it, or null.</summary>
    public async Task<JsonElement?> PersonAsync(long oid)
    {
        var response = await _http.GetAsync($"/__admin/people/{oid}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    /// <summary>The oids of the test people.</summary>
    public async Task<IReadOnlyList<long>> PeopleAsync() =>
        (await _http.GetFromJsonAsync<JsonElement[]>("/__admin/people") ?? []).Select(p => p.GetProperty("oid").GetInt64()).ToArray();

    /// <summary>The newest journal id (0 when empty).</summary>
    public async Task<long> LastJournalIdAsync()
    {
        var entries = await _http.GetFromJsonAsync<JsonElement[]>("/__admin/journal?limit=1") ?? [];
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
