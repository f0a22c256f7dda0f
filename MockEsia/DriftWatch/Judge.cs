using System.Text.Json.Nodes;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using MockEsia.Fixtures;
using MockEsia.Admin;

namespace MockEsia.DriftWatch;

/// <summary>MockEsia's own successful te answer for a login like the app's, and the authorization code it redeemed.</summary>
internal sealed record ReferenceLogin(JsonObject Answer, string Code);

/// <summary>
/// A whole MockEsia inside the drift proxy, on a private loopback port: the app's requests are sent to it as they were
/// sent to ESIA (with the app's certificate registered under the app's client_id), and MockEsia's own code says whether
/// it would accept them and why not; its reference logins — a bundled test key, the app's scopes, the person ESIA
/// answered for — give the shapes MockEsia produces, to compare with ESIA's. One judgement at a time.
/// </summary>
internal sealed class Judge : IAsyncDisposable
{
    private const string ReferenceRedirect = "http://localhost/drift-reference";
    private readonly WebApplication _mock;
    private readonly HttpClient _http;
    private readonly MockEsiaControl _control;
    private readonly EsiaCertificate _appCertificate;
    private readonly EsiaCredential _referenceKey;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, HashSet<string>> _redirects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReferenceLogin> _references = new(StringComparer.Ordinal);

    private Judge(WebApplication mock, Uri address, EsiaCertificate appCertificate)
    {
        _mock = mock;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        _control = mock.Services.GetRequiredService<MockEsiaControl>();
        _appCertificate = appCertificate;
        var fixtures = mock.Services.GetRequiredService<LoadedFixtures>().FixturesPath;
        _referenceKey = EsiaCredential.Load(Path.Combine(fixtures, "pki/clients/client-gost256.cer.pem"), Path.Combine(fixtures, "pki/clients/client-gost256.key.pem"));
    }

    /// <summary>Starts the inner MockEsia (its own settings from <paramref name="mockEsiaArgs"/>, e.g. <c>--MockEsia:FixturesPath</c>).</summary>
    public static async Task<Judge> StartAsync(EsiaCertificate appCertificate, IEnumerable<string> mockEsiaArgs)
    {
        var mock = MockEsiaServer.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. mockEsiaArgs]);
        await mock.StartAsync();
        var address = mock.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Judge(mock, new Uri(address), appCertificate);
    }

    /// <summary>MockEsia's verdict on the app's <c>v2/ac</c> (or v1 <c>ac</c>) request.</summary>
    public Task<Verdict> AuthorizeAsync(int exchange, string path, IReadOnlyDictionary<string, string> query) =>
        JudgeAsync(exchange, path, query, () => _http.GetAsync(QueryHelpers.AddQueryString(path, query!)), grantOnly: false);

    /// <summary>MockEsia's verdict on the app's <c>te</c> request, and MockEsia's answer to it (its shape and its error text).</summary>
    public async Task<(Verdict Verdict, JsonNode Answer, string? Description)> TokenAsync(int exchange, string path, IReadOnlyDictionary<string, string> form)
    {
        JsonNode answer = "<none>";
        string? description = null;
        var verdict = await JudgeAsync(exchange, path, form, async () =>
        {
            var response = await _http.PostAsync(path, new FormUrlEncodedContent(form));
            var body = await response.Content.ReadAsByteArrayAsync();
            answer = Shapes.Body(response.Content.Headers.ContentType?.ToString(), body);
            description = DriftComparisons.ErrorDescription(body);
            return response;
        }, grantOnly: true);
        return (verdict, answer, description);
    }

    /// <summary>MockEsia's answer to a GET (REST with the given bearer, logout, esia.zip), with its body read.</summary>
    public async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string pathAndQuery, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        var response = await _http.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Registers the app's redirect URI (for logout's <c>redirect_url</c> too) under its client_id.</summary>
    public void SeeRedirect(string clientId, string? redirect)
    {
        lock (_redirects)
        {
            var seen = _redirects.TryGetValue(clientId, out var set) ? set : _redirects[clientId] = new HashSet<string>(StringComparer.Ordinal);
            if (redirect is { Length: > 0 } && seen.Add(redirect) || _control.Clients.Find(clientId) is null)
            {
                // ESIA's registration of the app is not known to the proxy: the judge takes the redirect URIs the app uses.
                _control.PutClient(new ClientDefinition
                {
                    ClientId = clientId,
                    Name = "Drift watch: " + clientId,
                    CertificatesPem = [KeyMaterial.WriteCertificatePem(_appCertificate)],
                    RedirectUris = seen.Count > 0 ? [.. seen] : ["http://localhost/"],
                    AllowRsaClientKeys = _appCertificate.KeyAlgorithm == KeyAlgorithm.Rsa,
                });
            }
        }
    }

    /// <summary>
    /// MockEsia's own successful te answer for a login like the app's — the same scopes and access type, the person ESIA
    /// answered for, tokens in the same algorithm — with the code it redeemed. Cached.
    /// </summary>
    public async Task<ReferenceLogin> ReferenceLoginAsync(string scope, bool offline, long personOid, string tokenAlgorithm)
    {
        var key = $"{scope}|{offline}|{personOid}|{tokenAlgorithm}";
        await _gate.WaitAsync();
        try
        {
            if (_references.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var clientId = $"DRIFTREF{_references.Count + 1}";
            var person = _control.People.Find(personOid)?.Oid ?? _control.People.All.First().Oid;
            _control.PutClient(new ClientDefinition
            {
                ClientId = clientId,
                Name = "Drift watch reference",
                CertificatesPem = [KeyMaterial.WriteCertificatePem(_referenceKey.Certificate)],
                RedirectUris = [ReferenceRedirect],
                HeadlessPersonOid = person,
                TokenAlgorithm = tokenAlgorithm,
            });
            var timestamp = EsiaTimestamp.Format(DateTimeOffset.UtcNow);
            var state = Guid.NewGuid().ToString();
            var fields = new SignedStringFields { ClientId = clientId, Scope = scope, Timestamp = timestamp, State = state, RedirectUri = ReferenceRedirect };
            var authorize = await _http.GetAsync(QueryHelpers.AddQueryString(EsiaPaths.AuthorizeV2, new Dictionary<string, string?>
            {
                [EsiaParameters.ClientId] = clientId,
                [EsiaParameters.ClientSecret] = ClientSecretCodec.Encode(_referenceKey.Sign(SignedString.Bytes(SignedStringKind.V2Authorize, fields))),
                [EsiaParameters.ClientCertificateHash] = _referenceKey.Certificate.Streebog256Hex,
                [EsiaParameters.RedirectUri] = ReferenceRedirect,
                [EsiaParameters.Scope] = scope,
                [EsiaParameters.ResponseType] = EsiaParameters.Code,
                [EsiaParameters.State] = state,
                [EsiaParameters.Timestamp] = timestamp,
                [EsiaParameters.AccessType] = offline ? "offline" : "online",
            }));
            var code = QueryHelpers.ParseQuery(authorize.Headers.Location?.Query)[EsiaParameters.Code].ToString();
            state = Guid.NewGuid().ToString();
            var tokenFields = fields with { Code = code, State = state };
            var token = await _http.PostAsync(EsiaPaths.TokenV3, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [EsiaParameters.ClientId] = clientId,
                [EsiaParameters.Code] = code,
                [EsiaParameters.GrantType] = EsiaGrantTypes.AuthorizationCode,
                [EsiaParameters.ClientCertificateHash] = _referenceKey.Certificate.Streebog256Hex,
                [EsiaParameters.RedirectUri] = ReferenceRedirect,
                [EsiaParameters.Scope] = scope,
                [EsiaParameters.State] = state,
                [EsiaParameters.Timestamp] = timestamp,
                [EsiaParameters.TokenType] = "Bearer",
                [EsiaParameters.ClientSecret] = ClientSecretCodec.Encode(_referenceKey.Sign(SignedString.Bytes(SignedStringKind.V3AuthorizationCode, tokenFields))),
            }));
            var answer = JsonNode.Parse(await token.Content.ReadAsStringAsync()) as JsonObject
                ?? throw new InvalidOperationException("MockEsia's reference login gave no JSON.");
            if (!token.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"MockEsia's reference login was refused: {answer.ToJsonString()}");
            }

            return _references[key] = new ReferenceLogin(answer, code);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _mock.DisposeAsync();
    }

    // Sends the request to the inner MockEsia and reads its journal entry: accepted, or refused with a code and diagnosis.
    // For te, a refusal of the grant itself (a code or refresh token ESIA issued, unknown here) after the client's proof
    // passed counts as accepted: that is as far as MockEsia can judge.
    private async Task<Verdict> JudgeAsync(int exchange, string path, IReadOnlyDictionary<string, string> parameters, Func<Task<HttpResponseMessage>> send, bool grantOnly)
    {
        if (parameters.TryGetValue(EsiaParameters.ClientId, out var clientId))
        {
            SeeRedirect(clientId, parameters.GetValueOrDefault(EsiaParameters.RedirectUri));
        }

        await _gate.WaitAsync();
        try
        {
            var before = _control.Journal.Query(new JournalQuery(), 1).FirstOrDefault()?.Id ?? 0;
            using var response = await send();
            var entry = await _control.Journal.WaitAsync(new JournalQuery { AfterId = before }, TimeSpan.FromSeconds(5));
            var endpoint = entry?.Endpoint ?? path;
            if (entry is null)
            {
                return new Verdict(exchange, endpoint, false, null, $"MockEsia answered {(int)response.StatusCode} and journalled nothing.", null, null);
            }

            // The check that refused a grant: "code.grant" or "refresh_token.grant" (Refusal.InvalidGrant).
            var proofPassed = entry.Checks.Any(c => c.Name == EsiaParameters.ClientSecret && c.Passed);
            var grantRefused = entry.RefusedBy is $"{EsiaParameters.Code}.grant" or $"{EsiaParameters.RefreshToken}.grant";
            if (grantOnly && grantRefused && !proofPassed)
            {
                // MockEsia looks a refresh token up before it checks the signature, so an ESIA token stops it first.
                return new Verdict(exchange, endpoint, true, null, "not judged beyond the grant: MockEsia checks a refresh request's signature only for tokens it issued", null, null);
            }

            var accepted = entry.Succeeded || (grantOnly && proofPassed && grantRefused);
            return new Verdict(exchange, endpoint, accepted, accepted ? null : entry.ErrorCode, accepted ? null : entry.Diagnostic, null, null);
        }
        finally
        {
            _gate.Release();
        }
    }
}
