using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using Microsoft.AspNetCore.WebUtilities;

namespace Esia.LoadDriver;

/// <summary>The requests of the headless fixture client, signed with its GOST key (te and refresh from precomputed nonces).</summary>
public sealed class IntegratorRequests
{
    /// <summary>The fixture client whose logins need no pages.</summary>
    public const string Client = "MOCKHEADLESS";

    /// <summary>Its registered redirect URI.</summary>
    public const string Redirect = "http://localhost:8080/signin-esia";

    /// <summary>The scopes asked for.</summary>
    public const string Scope = "openid fullname email";

    /// <summary>The person the headless client always gets.</summary>
    public const long Person = 1000000001;

    private readonly EsiaCredential _credential;
    private readonly PresignedNonces _nonces;

    /// <summary>Requests signed by <paramref name="credential"/>, with <paramref name="nonces"/> precomputed signatures.</summary>
    public IntegratorRequests(EsiaCredential credential, int nonces)
    {
        _credential = credential;
        _nonces = new PresignedNonces(credential, nonces);
    }

    /// <summary>A signed <c>v2/ac</c> URL (path and query).</summary>
    public string Authorize(string accessType = "online")
    {
        var state = Guid.NewGuid().ToString();
        var timestamp = EsiaTimestamp.Format(DateTimeOffset.UtcNow);
        var fields = new SignedStringFields { ClientId = Client, Scope = Scope, Timestamp = timestamp, State = state, RedirectUri = Redirect };
        return QueryHelpers.AddQueryString(EsiaPaths.AuthorizeV2, new Dictionary<string, string?>
        {
            [EsiaParameters.ClientId] = Client,
            [EsiaParameters.ClientSecret] = Secret(SignedStringKind.V2Authorize, fields),
            [EsiaParameters.ClientCertificateHash] = _credential.Certificate.Streebog256Hex,
            [EsiaParameters.RedirectUri] = Redirect,
            [EsiaParameters.Scope] = Scope,
            [EsiaParameters.ResponseType] = EsiaParameters.Code,
            [EsiaParameters.State] = state,
            [EsiaParameters.Timestamp] = timestamp,
            [EsiaParameters.AccessType] = accessType,
        });
    }

    /// <summary>A signed <c>v3/te</c> form redeeming a code.</summary>
    public FormUrlEncodedContent Token(string code) => Form(EsiaGrantTypes.AuthorizationCode, EsiaParameters.Code, code, SignedStringKind.V3AuthorizationCode, new SignedStringFields { Code = code });

    /// <summary>A signed <c>v3/te</c> form using a refresh token (strict profile).</summary>
    public FormUrlEncodedContent Refresh(string refreshToken) =>
        Form(EsiaParameters.RefreshToken, EsiaParameters.RefreshToken, refreshToken, SignedStringKind.V3RefreshStrict, new SignedStringFields { RefreshToken = refreshToken });

    private FormUrlEncodedContent Form(string grantType, string name, string value, SignedStringKind kind, SignedStringFields grant)
    {
        var state = Guid.NewGuid().ToString();
        var timestamp = EsiaTimestamp.Format(DateTimeOffset.UtcNow);
        var fields = grant with { ClientId = Client, Scope = Scope, Timestamp = timestamp, State = state, RedirectUri = Redirect };
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [EsiaParameters.ClientId] = Client,
            [name] = value,
            [EsiaParameters.GrantType] = grantType,
            [EsiaParameters.ClientCertificateHash] = _credential.Certificate.Streebog256Hex,
            [EsiaParameters.RedirectUri] = Redirect,
            [EsiaParameters.Scope] = Scope,
            [EsiaParameters.State] = state,
            [EsiaParameters.Timestamp] = timestamp,
            [EsiaParameters.TokenType] = "Bearer",
            [EsiaParameters.ClientSecret] = Secret(kind, fields),
        });
    }

    private string Secret(SignedStringKind kind, SignedStringFields fields) => ClientSecretCodec.Encode(_nonces.Sign(_credential, SignedString.Bytes(kind, fields)));
}
