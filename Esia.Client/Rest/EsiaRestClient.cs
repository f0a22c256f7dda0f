using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Esia.Protocol;
using Microsoft.Extensions.Logging;

namespace Esia.Client.Rest;

/// <summary>Supplies a valid access token, refreshing it when needed; <see cref="ForceRefreshAsync"/> after a 401.</summary>
public interface IEsiaTokenSource
{
    /// <summary>The person's oid.</summary>
    long Oid { get; }

    /// <summary>A valid access token (refreshed first when it has expired or is about to).</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellation);

    /// <summary>Refreshes now, whatever the expiry says; throws <see cref="EsiaException"/> when the refresh fails.</summary>
    Task<string> ForceRefreshAsync(CancellationToken cancellation);
}

/// <summary>
/// The person REST API with typed models. A 401 gets one refresh and one retry; a 403 is a typed
/// <see cref="EsiaFailureKind.ScopeNotGranted"/>. GETs may be retried on 5xx and timeouts by the HttpClient's
/// resilience handler (registered by <c>AddEsia</c>).
/// </summary>
public sealed class EsiaRestClient(HttpClient http, EsiaClientOptions options, ILogger logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The person (<c>/rs/prns/{oid}</c>).</summary>
    public Task<EsiaPerson> GetPersonAsync(IEsiaTokenSource tokens, CancellationToken cancellation = default) => GetAsync<EsiaPerson>(tokens, "", cancellation);

    /// <summary>Contacts.</summary>
    public Task<EsiaCollection<EsiaContact>> GetContactsAsync(IEsiaTokenSource tokens, CancellationToken cancellation = default) => GetAsync<EsiaCollection<EsiaContact>>(tokens, "/ctts?embed=(elements)", cancellation);

    /// <summary>Addresses.</summary>
    public Task<EsiaCollection<EsiaAddress>> GetAddressesAsync(IEsiaTokenSource tokens, CancellationToken cancellation = default) => GetAsync<EsiaCollection<EsiaAddress>>(tokens, "/addrs?embed=(elements)", cancellation);

    /// <summary>Documents.</summary>
    public Task<EsiaCollection<EsiaDocument>> GetDocumentsAsync(IEsiaTokenSource tokens, CancellationToken cancellation = default) => GetAsync<EsiaCollection<EsiaDocument>>(tokens, "/docs?embed=(elements)", cancellation);

    /// <summary>Vehicles.</summary>
    public Task<EsiaCollection<EsiaVehicle>> GetVehiclesAsync(IEsiaTokenSource tokens, CancellationToken cancellation = default) => GetAsync<EsiaCollection<EsiaVehicle>>(tokens, "/vhls?embed=(elements)", cancellation);

    /// <summary>Children.</summary>
    public Task<EsiaCollection<EsiaKid>> GetKidsAsync(IEsiaTokenSource tokens, CancellationToken cancellation = default) => GetAsync<EsiaCollection<EsiaKid>>(tokens, "/kids?embed=(elements)", cancellation);

    /// <summary>Organisations (<c>/orgs</c> with their elements embedded).</summary>
    public Task<EsiaCollection<EsiaRole>> GetOrganizationsAsync(IEsiaTokenSource tokens, CancellationToken cancellation = default) => GetAsync<EsiaCollection<EsiaRole>>(tokens, "/orgs?embed=(elements)", cancellation);

    /// <summary>Organisation roles.</summary>
    public Task<EsiaCollection<EsiaRole>> GetRolesAsync(IEsiaTokenSource tokens, CancellationToken cancellation = default) => GetAsync<EsiaCollection<EsiaRole>>(tokens, "/roles", cancellation);

    private async Task<T> GetAsync<T>(IEsiaTokenSource tokens, string path, CancellationToken cancellation)
    {
        var token = await tokens.GetAccessTokenAsync(cancellation);
        var response = await SendAsync(tokens.Oid, path, token, cancellation);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            logger.LogInformation("ESIA REST answered 401 for {Path}: refreshing once and retrying", path);
            response = await SendAsync(tokens.Oid, path, await tokens.ForceRefreshAsync(cancellation), cancellation);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new EsiaException(EsiaFailureKind.Unauthorized, "ESIA's REST API refused the token even after a refresh.");
            }
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new EsiaException(EsiaFailureKind.ScopeNotGranted, $"ESIA's REST API refused {path}: the scope is not granted.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new EsiaException((int)response.StatusCode >= 500 ? EsiaFailureKind.Unavailable : EsiaFailureKind.Other, $"ESIA's REST API answered {(int)response.StatusCode} for {path}.");
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellation) ?? throw new JsonException("null body");
        }
        catch (JsonException ex)
        {
            throw new EsiaException(EsiaFailureKind.ProtocolViolation, $"ESIA's REST API answered malformed JSON for {path}.", inner: ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(long oid, string path, string token, CancellationToken cancellation)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, options.Environment.Url($"{EsiaPaths.Persons}/{oid}{path}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            return await http.SendAsync(request, cancellation);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new EsiaException(EsiaFailureKind.Unavailable, $"ESIA's REST API did not answer: {ex.Message}", inner: ex);
        }
    }
}
