using System.Net;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using Esia.TestSupport;
using Microsoft.AspNetCore.WebUtilities;

namespace MockEsia.Tests.Support;

/// <summary>Builds correctly signed ESIA requests that tests then spoil one way at a time.</summary>
public sealed class EsiaRequests
{
    public const string RedirectUri = "http://localhost:8080/signin-esia";

    public EsiaRequests(string clientId = "MOCKSYS", IMessageSigner? signer = null)
    {
        ClientId = clientId;
        Signer = signer ?? TestPki.ClientGost256;
    }

    public string ClientId { get; }

    public IMessageSigner Signer { get; }

    /// <summary>The v2/ac parameters, signed over the v2 string unless <paramref name="sign"/> is false.</summary>
    public Dictionary<string, string?> Authorize(DateTimeOffset now, string scope = "openid fullname email", string? state = null, string redirectUri = RedirectUri, bool sign = true)
    {
        var p = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["scope"] = scope,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["state"] = state ?? Guid.NewGuid().ToString(),
            ["timestamp"] = EsiaTimestamp.Format(now.ToOffset(TimeSpan.FromHours(3))),
            ["access_type"] = "offline",
            ["client_certificate_hash"] = Signer.Certificate.Streebog256Hex,
        };
        if (sign)
        {
            Sign(p, SignedStringKind.V2Authorize);
        }

        return p;
    }

    /// <summary>The v3/te authorization_code parameters.</summary>
    public Dictionary<string, string?> Token(string code, DateTimeOffset now, string scope = "openid fullname email", string redirectUri = RedirectUri)
    {
        var p = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["code"] = code,
            ["grant_type"] = "authorization_code",
            ["client_certificate_hash"] = Signer.Certificate.Streebog256Hex,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = Guid.NewGuid().ToString(),
            ["timestamp"] = EsiaTimestamp.Format(now),
            ["token_type"] = "Bearer",
        };
        Sign(p, SignedStringKind.V3AuthorizationCode);
        return p;
    }

    /// <summary>The v3/te refresh_token parameters in the strict profile.</summary>
    public Dictionary<string, string?> Refresh(string refreshToken, DateTimeOffset now, string scope = "openid fullname email", SignedStringKind kind = SignedStringKind.V3RefreshStrict)
    {
        var p = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["refresh_token"] = refreshToken,
            ["grant_type"] = "refresh_token",
            ["client_certificate_hash"] = Signer.Certificate.Streebog256Hex,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = scope,
            ["state"] = Guid.NewGuid().ToString(),
            ["timestamp"] = EsiaTimestamp.Format(now),
            ["token_type"] = "Bearer",
        };
        Sign(p, kind);
        return p;
    }

    /// <summary>The v3/te client_credentials parameters for organisation scopes.</summary>
    public Dictionary<string, string?> ClientCredentials(DateTimeOffset now, string scope = "http://esia.gosuslugi.ru/org_inn?org_oid=1002416012 org_ogrn?org_oid=1002416012")
    {
        var p = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["grant_type"] = "client_credentials",
            ["scope"] = scope,
            ["state"] = Guid.NewGuid().ToString(),
            ["timestamp"] = EsiaTimestamp.Format(now),
            ["redirect_uri"] = RedirectUri,
            ["client_certificate_hash"] = Signer.Certificate.Streebog256Hex,
            ["token_type"] = "Bearer",
        };
        Sign(p, SignedStringKind.V3ClientCredentials);
        return p;
    }

    /// <summary>Signs (or re-signs) the parameters over the string of <paramref name="kind"/>.</summary>
    public void Sign(Dictionary<string, string?> p, SignedStringKind kind, Base64Flavour flavour = Base64Flavour.UrlUnpadded) =>
        p["client_secret"] = ClientSecretCodec.Encode(Signer.Sign(SignedString.Bytes(kind, Fields(p))), flavour);

    public static SignedStringFields Fields(IReadOnlyDictionary<string, string?> p) => new()
    {
        ClientId = p.GetValueOrDefault("client_id") ?? "",
        Scope = p.GetValueOrDefault("scope") ?? "",
        ScopeOrg = p.GetValueOrDefault("scope_org") ?? "",
        Timestamp = p.GetValueOrDefault("timestamp") ?? "",
        State = p.GetValueOrDefault("state") ?? "",
        RedirectUri = p.GetValueOrDefault("redirect_uri") ?? "",
        Code = p.GetValueOrDefault("code") ?? "",
        RefreshToken = p.GetValueOrDefault("refresh_token") ?? "",
    };

    public static string Url(string path, IEnumerable<KeyValuePair<string, string?>> p) => QueryHelpers.AddQueryString(path, p);

    public static FormUrlEncodedContent Form(IEnumerable<KeyValuePair<string, string?>> p) =>
        new(p.Where(kv => kv.Value is not null).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!)));

    /// <summary>The query parameters of a redirect's Location.</summary>
    public static Dictionary<string, string> Query(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "the endpoint should redirect");
        var location = response.Headers.Location!;
        return QueryHelpers.ParseQuery(location.IsAbsoluteUri ? location.Query : new Uri(new Uri("http://x"), location).Query)
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
    }
}
