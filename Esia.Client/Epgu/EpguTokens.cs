using System.Text.Json;
using Esia.Client.Protocol;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Tokens;

namespace Esia.Client.Epgu;

/// <summary>Where an API ЕПГУ client gets its bearer token, and a new one when API ЕПГУ refused the last (401).</summary>
public interface IEpguTokenSource
{
    /// <summary>A token to call with (renewed first when it is about to expire).</summary>
    ValueTask<string> GetAsync(CancellationToken cancellation);

    /// <summary>A new token after API ЕПГУ refused <paramref name="refused"/> with 401; the caller retries once with it.</summary>
    ValueTask<string> RenewAsync(string refused, CancellationToken cancellation);
}

/// <summary>
/// A person's token for API ЕПГУ (epgu-api.md §1.3): the access token of the login that asked for the APIPGU consent,
/// renewed without the person through <c>client_credentials</c> with <c>prm_chg?oid=</c> a little before it expires and
/// after a 401 (once for each refused token). A refused renewal (the consent withdrawn or expired) is an
/// <see cref="EsiaException"/>: the person must sign in and consent again.
/// </summary>
public sealed class PersonEpguTokens : IEpguTokenSource
{
    private readonly EsiaTokenClient _tokens;
    private readonly EsiaClientOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _current;
    private DateTimeOffset _expiresAt;

    /// <summary>Starts from the login's access token of person <paramref name="oid"/>.</summary>
    public PersonEpguTokens(EsiaTokenClient tokens, EsiaClientOptions options, long oid, string accessToken, DateTimeOffset expiresAt)
    {
        _tokens = tokens;
        _options = options;
        Oid = oid;
        _current = accessToken;
        _expiresAt = expiresAt;
    }

    /// <summary>The person.</summary>
    public long Oid { get; }

    /// <summary>How many times the token was renewed.</summary>
    public int Renewals { get; private set; }

    /// <inheritdoc />
    public async ValueTask<string> GetAsync(CancellationToken cancellation)
    {
        if (_options.Clock.GetUtcNow() < _expiresAt - _options.RefreshBefore)
        {
            return _current;
        }

        return await RenewAsync(_current, cancellation);
    }

    /// <inheritdoc />
    public async ValueTask<string> RenewAsync(string refused, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            // Another call renewed it meanwhile.
            if (!string.Equals(refused, _current, StringComparison.Ordinal))
            {
                return _current;
            }

            var renewed = await _tokens.RenewForPersonAsync(Oid, cancellation);
            (_current, _expiresAt) = (renewed.AccessToken, renewed.ExpiresAt);
            Renewals++;
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>
/// An organisation's token for API ЕПГУ from ESIA's API-key service (epgu-api.md §1.3, МР Приложение Б.12):
/// <c>GET /esia-rs/api/public/v1/orgs/ext-app/{api_key}/tkn?signature=…</c>, the key signed (detached CMS, base64url)
/// with an employee's or the organisation's certificate; a new one is fetched after a 401 or when the token expires.
/// </summary>
public sealed class OrganisationEpguTokens(HttpClient http, EsiaClientOptions options, EsiaCredential signer, string apiKey) : IEpguTokenSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _current;
    private DateTimeOffset _expiresAt;

    /// <inheritdoc />
    public async ValueTask<string> GetAsync(CancellationToken cancellation) =>
        _current is { } token && options.Clock.GetUtcNow() < _expiresAt - options.RefreshBefore ? token : await RenewAsync(_current ?? "", cancellation);

    /// <inheritdoc />
    public async ValueTask<string> RenewAsync(string refused, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            if (_current is { } current && !string.Equals(refused, current, StringComparison.Ordinal))
            {
                return current;
            }

            var signature = Base64Url.Encode(CmsSignature.Sign(signer, System.Text.Encoding.UTF8.GetBytes(apiKey)));
            var url = options.Environment.Url($"/esia-rs/api/public/v1/orgs/ext-app/{Uri.EscapeDataString(apiKey)}/tkn?signature={signature}");
            using var response = await http.GetAsync(url, cancellation);
            var body = await response.Content.ReadAsStringAsync(cancellation);
            if (!response.IsSuccessStatusCode)
            {
                throw new EsiaException(EsiaFailureKind.Other, $"ESIA's API-key service answered {(int)response.StatusCode}: {body}");
            }

            using var json = JsonDocument.Parse(body);
            var token = json.RootElement.TryGetProperty("accessTkn", out var t) && t.GetString() is { Length: > 0 } value
                ? value
                : throw new EsiaException(EsiaFailureKind.ProtocolViolation, "ESIA's API-key service answered without accessTkn.");
            _expiresAt = EsiaJwt.TryParse(token, out var jwt, out _) && jwt!.GetNumber(EsiaClaims.Expires) is { } exp
                ? DateTimeOffset.FromUnixTimeSeconds(exp)
                : options.Clock.GetUtcNow().AddMinutes(5);
            _current = token;
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
