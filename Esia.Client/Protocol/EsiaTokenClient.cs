using System.Text.Json;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Scopes;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using Esia.Protocol.Tokens;
using Microsoft.Extensions.Logging;

namespace Esia.Client.Protocol;

/// <summary>
/// The token endpoint (<c>v3/te</c>): code exchange and refresh, each with a new state checked in the response,
/// and every token validated before it is returned. Token requests are never retried (a code is single-use).
/// </summary>
public sealed class EsiaTokenClient
{
    private readonly HttpClient _http;
    private readonly EsiaClientOptions _options;
    private readonly ILogger _logger;
    private readonly IEsiaTokenValidator _validator;

    /// <summary>Creates the client over an HttpClient without retries.</summary>
    public EsiaTokenClient(HttpClient http, EsiaClientOptions options, ILogger logger, IEsiaTokenValidator? validator = null)
    {
        _validator = validator ?? new DefaultEsiaTokenValidator();
        _http = http;
        _options = options;
        _logger = logger;
    }

    /// <summary>Exchanges a code for validated tokens.</summary>
    public Task<EsiaTokenSet> ExchangeCodeAsync(string code, CancellationToken cancellation = default) =>
        RequestAsync(EsiaGrantTypes.AuthorizationCode, SignedStringKind.V3AuthorizationCode, new SignedStringFields { Code = code }, null, cancellation);

    /// <summary>Refreshes: the returned set carries the new refresh token, which replaces the old one.</summary>
    public Task<EsiaTokenSet> RefreshAsync(string refreshToken, long expectedOid, CancellationToken cancellation = default) =>
        RequestAsync(EsiaParameters.RefreshToken, SignedStringKind.V3RefreshStrict, new SignedStringFields { RefreshToken = refreshToken }, expectedOid, cancellation);

    /// <summary>
    /// Renews a person's access token without the person (<c>client_credentials</c> with <c>scope=prm_chg?oid=…</c>,
    /// reference §5.4, §10): a token with the scopes of the consents the person gave this system, for as long as they
    /// live; used for API ЕПГУ. No id_token and no refresh token come with it.
    /// </summary>
    public Task<EsiaTokenSet> RenewForPersonAsync(long oid, CancellationToken cancellation = default) =>
        RequestAsync(EsiaGrantTypes.ClientCredentials, SignedStringKind.V3ClientCredentials, new SignedStringFields(), oid, cancellation,
            $"{ConsentRenewalScope}?oid={oid.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>The scope that renews a person's token on their consents.</summary>
    public const string ConsentRenewalScope = "prm_chg";

    private async Task<EsiaTokenSet> RequestAsync(string grantType, SignedStringKind kind, SignedStringFields extra, long? expectedOid, CancellationToken cancellation, string? scope = null)
    {
        _options.Validate();
        var state = Guid.NewGuid().ToString();
        var renewal = scope is not null;
        var fields = extra with
        {
            ClientId = _options.ClientId,
            Scope = scope ?? _options.Scope,
            ScopeOrg = renewal ? "" : _options.ScopeOrg,
            Timestamp = EsiaTimestamp.Format(_options.Clock.GetUtcNow()),
            State = state,
            RedirectUri = _options.RedirectUri,
        };
        var form = new Dictionary<string, string>
        {
            [EsiaParameters.ClientId] = fields.ClientId,
            [EsiaParameters.GrantType] = grantType,
            [EsiaParameters.ClientSecret] = ClientSecretCodec.Encode(_options.Signer!.Sign(SignedString.Bytes(kind, fields))),
            [EsiaParameters.ClientCertificateHash] = ClientCertificateHash.Compute(_options.Signer.Certificate),
            [EsiaParameters.RedirectUri] = fields.RedirectUri,
            [EsiaParameters.Scope] = fields.Scope,
            [EsiaParameters.State] = state,
            [EsiaParameters.Timestamp] = fields.Timestamp,
            [EsiaParameters.TokenType] = "Bearer",
        };
        if (grantType == EsiaGrantTypes.AuthorizationCode)
        {
            form[EsiaParameters.Code] = fields.Code;
        }
        else if (grantType == EsiaParameters.RefreshToken)
        {
            form[EsiaParameters.RefreshToken] = fields.RefreshToken;
        }

        if (fields.ScopeOrg.Length > 0)
        {
            form[EsiaParameters.ScopeOrg] = fields.ScopeOrg;
        }

        HttpResponseMessage response;
        string body;
        try
        {
            response = await _http.PostAsync(_options.Environment.Url(EsiaPaths.TokenV3), new FormUrlEncodedContent(form), cancellation);
            body = await response.Content.ReadAsStringAsync(cancellation);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            _logger.LogWarning("ESIA token endpoint unreachable ({Grant}): {Message}", grantType, ex.Message);
            throw new EsiaException(EsiaFailureKind.Unavailable, $"ESIA's token endpoint did not answer: {ex.Message}", inner: ex);
        }

        var json = ParseJson(response, body);
        if (!response.IsSuccessStatusCode)
        {
            var description = json?.TryGetProperty(EsiaParameters.ErrorDescription, out var d) == true ? d.GetString() : null;
            var code = Esia.Protocol.Errors.EsiaErrors.CodeOf(description);
            _logger.LogWarning("ESIA token endpoint refused ({Grant}): {Status} {Code}", grantType, (int)response.StatusCode, code);
            throw new EsiaException(code is null && (int)response.StatusCode >= 500 ? EsiaFailureKind.Unavailable : EsiaException.KindOf(code),
                $"ESIA's token endpoint answered {(int)response.StatusCode}: {description ?? "no ESIA error"}", code);
        }

        if (json is not { } ok)
        {
            throw new EsiaException(EsiaFailureKind.ProtocolViolation, "ESIA's token response is not JSON.");
        }

        if (!ok.TryGetProperty(EsiaParameters.State, out var echoed) || echoed.GetString() != state)
        {
            throw new EsiaException(EsiaFailureKind.ProtocolViolation, "ESIA's token response does not echo the request's state.");
        }

        var access = String(ok, EsiaParameters.AccessToken) ?? throw new EsiaException(EsiaFailureKind.ProtocolViolation, "The token response has no access_token.");
        var accessResult = Validate(access, TokenTypes.Access, expectedOid);
        var oid = accessResult.Subject!.Value;
        var id = String(ok, EsiaParameters.IdToken);
        if (!renewal && _options.Scopes.Contains(EsiaScopes.OpenId))
        {
            if (id is null)
            {
                throw new EsiaException(EsiaFailureKind.ProtocolViolation, "openid was requested but the token response has no id_token.");
            }

            Validate(id, TokenTypes.Id, oid);
        }

        var refresh = String(ok, EsiaParameters.RefreshToken);
        if (!renewal && _options.AccessType == "offline" && refresh is null)
        {
            throw new EsiaException(EsiaFailureKind.ProtocolViolation, "access_type=offline but the token response has no refresh_token.");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(accessResult.Token!.GetNumber(EsiaClaims.Expires)!.Value);
        var scopes = EsiaScopes.Split(accessResult.Token.GetString(EsiaClaims.Scope)).Select(s => EsiaScopes.Normalize(s).Name).ToArray();
        _logger.LogInformation("ESIA {Grant} succeeded for person {Oid}; access token valid until {ExpiresAt:u}", grantType, oid, expiresAt);
        return new EsiaTokenSet(access, id, refresh, expiresAt, oid, scopes);
    }

    private TokenValidation Validate(string token, string type, long? subject)
    {
        var result = _validator.Validate(token, new TokenExpectations
        {
            TrustedCertificates = _options.TrustedCertificates.ToArray(),
            Issuers = [_options.Environment.Issuer],
            ClientId = _options.ClientId,
            TokenType = type,
            Now = _options.Clock.GetUtcNow(),
            ClockSkew = _options.ClockSkew,
            Subject = subject,
        });
        if (result.Success && _options.ExpectedTokenAlgorithm is { } expected && result.Token!.Algorithm != expected.JwtAlgorithm())
        {
            throw new EsiaException(EsiaFailureKind.InvalidToken, $"The {type} token is signed {result.Token.Algorithm}, not {expected.JwtAlgorithm()} as registered.", tokenFailure: TokenFailure.AlgorithmUnsupported);
        }

        if (!result.Success)
        {
            _logger.LogWarning("ESIA {Type} token refused: {Failure}", type, result.Failure);
            throw new EsiaException(EsiaFailureKind.InvalidToken, $"The {type} token is invalid: {result.Detail}", tokenFailure: result.Failure);
        }

        return result;
    }

    private static JsonElement? ParseJson(HttpResponseMessage response, string body)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            if (response.IsSuccessStatusCode)
            {
                throw new EsiaException(EsiaFailureKind.ProtocolViolation, $"ESIA's token response has content type '{mediaType}', not JSON.");
            }

            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException) when (!response.IsSuccessStatusCode)
        {
            return null;
        }
        catch (JsonException ex)
        {
            throw new EsiaException(EsiaFailureKind.ProtocolViolation, "ESIA's token response is malformed JSON.", inner: ex);
        }
    }

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
