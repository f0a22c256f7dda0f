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
        Admin = new MockEsiaAdminClient(_http, adminToken);
    }

    /// <summary>MockEsia's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The typed admin client every call goes through.</summary>
    public MockEsiaAdminClient Admin { get; }

    /// <summary>Back to the configured state: clients, faults, clock and readings as MockEsia was started with.</summary>
    public Task ResetAsync() => Admin.ResetAsync();

    /// <summary>Back to the configured state, then the <paramref name="readings"/> set and the target registered.</summary>
    public async Task ResetAndRegisterAsync(TargetApp target, IReadOnlyDictionary<string, string> readings)
    {
        await ResetAsync();
        foreach (var (name, value) in readings)
        {
            await Admin.SetReadingAsync(name, value);
        }

        await RegisterAsync(target, target.AccessTokenLifetimeSeconds);
    }

    /// <summary>Switches the certificate MockEsia's HTTPS endpoint presents to new connections.</summary>
    public Task PresentTlsAsync(TlsPresentation presentation) => Admin.PresentTlsAsync(presentation);

    /// <summary>Both readings of each unknown behaviour, with the values MockEsia is configured with.</summary>
    public Task<IReadOnlyList<ReadingSummary>> ReadingsAsync() => Admin.ReadingsAsync();

    /// <summary>Registers the target with every client switch its file carries; <paramref name="accessTokenLifetimeSeconds"/> overrides its own.</summary>
    public Task RegisterAsync(TargetApp target, int? accessTokenLifetimeSeconds) => RegisterAsync(target, accessTokenLifetimeSeconds, []);

    /// <summary>Registers the target as <see cref="RegisterAsync(TargetApp, int?)"/> does, with more certificates beside its own (PEM).</summary>
    public Task RegisterAsync(TargetApp target, int? accessTokenLifetimeSeconds, IReadOnlyList<string> moreCertificatesPem) => Admin.PutClientAsync(new ClientDefinition
    {
        ClientId = target.ClientId,
        Name = target.Name,
        CertificatesPem = [.. moreCertificatesPem, .. target.CertificatesPem()],
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
        EpguServices = target.Epgu is { } epgu ? [epgu.ServiceCode] : [],
    });

    /// <summary>Adds a fault.</summary>
    public Task AddFaultAsync(Fault fault) => Admin.AddFaultAsync(fault);

    /// <summary>Expires the client's access tokens issued so far.</summary>
    public Task ExpireAccessTokensAsync(string clientId) => Admin.ExpireAccessTokensAsync(clientId);

    /// <summary>Revokes a person's refresh tokens.</summary>
    public Task RevokeRefreshTokensAsync(long oid) => Admin.RevokeRefreshTokensAsync(oid);

    /// <summary>Publishes the next signing certificate and signs with it; returns the active GOST certificate before and after.</summary>
    public async Task<(CertificateSummary Before, CertificateSummary After)> RotateSigningCertificateAsync()
    {
        var before = (await Admin.KeysAsync()).Active;
        await Admin.PublishNextKeysAsync();
        await Admin.SwitchToNextKeysAsync();
        return (before, (await Admin.KeysAsync()).Active);
    }

    /// <summary>Journal entries of a client after an id, oldest first (raw JSON, every member kept for the evidence).</summary>
    public async Task<IReadOnlyList<JsonElement>> JournalAsync(string clientId, long afterId)
    {
        var entries = await _http.GetFromJsonAsync<JsonElement[]>($"{AdminPaths.Journal}?clientId={Uri.EscapeDataString(clientId)}&afterId={afterId}&limit=1000") ?? [];
        return entries.Reverse().ToArray();
    }

    /// <summary>Journal entries after an id that carried the token with this fingerprint, whatever client they name, oldest first.</summary>
    public async Task<IReadOnlyList<JournalEntry>> JournalOfTokenAsync(string fingerprint, long afterId) =>
        (await Admin.JournalAsync(new JournalQuery { Token = fingerprint, AfterId = afterId }, 1000)).Reverse().ToArray();

    /// <summary>A test person, or null.</summary>
    public Task<Person?> PersonAsync(long oid) => Admin.PersonAsync(oid);

    /// <summary>The test people.</summary>
    public Task<IReadOnlyList<Person>> PeopleAsync() => Admin.PeopleAsync();

    /// <summary>The newest journal id (0 when empty).</summary>
    public async Task<long> LastJournalIdAsync() => (await Admin.JournalAsync(limit: 1)).FirstOrDefault()?.Id ?? 0;

    /// <summary>Whether MockEsia answers.</summary>
    public Task<bool> IsUpAsync() => Admin.IsHealthyAsync();

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
