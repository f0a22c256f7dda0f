using System.Globalization;
using System.Text;
using System.Text.Json;
using Esia.Protocol.Crypto;

namespace Conformance.Tests.IndependentApps;

/// <summary>
/// What an integrator writes by hand from ESIA's methodological recommendations: the timestamp, base64url, the
/// signatures (raw GOST, or CMS for v1, made with BouncyCastle through Esia.Protocol's key types), and a JWT check.
/// </summary>
public static class HandWritten
{
    /// <summary>ESIA's test issuer.</summary>
    public const string Issuer = "http://esia-portal1.test.gosuslugi.ru/";

    /// <summary><c>yyyy.MM.dd HH:mm:ss +0000</c>.</summary>
    public static string Timestamp() => DateTimeOffset.UtcNow.ToString("yyyy.MM.dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";

    /// <summary>A raw GOST signature over the string, base64url.</summary>
    public static string Raw(EsiaCredential key, string signed) => ToBase64Url(key.Sign(Encoding.UTF8.GetBytes(signed)));

    /// <summary>A detached CMS signature over the string, base64url (v1).</summary>
    public static string Cms(EsiaCredential key, string signed) => ToBase64Url(CmsSignature.Sign(key, Encoding.UTF8.GetBytes(signed)));

    /// <summary>A query string.</summary>
    public static string Query(IEnumerable<KeyValuePair<string, string>> values) => string.Join('&', values.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));

    /// <summary>
    /// The access token, checked by hand: a known signature, ESIA's issuer, in its lifetime, for this client. Returns
    /// the person (<c>urn:esia:sbj_id</c>), or null when the token must be refused.
    /// </summary>
    public static long? Verify(string token, IReadOnlyList<EsiaCertificate> trusted, string clientId)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || FromBase64Url(parts[0]) is not { } header || FromBase64Url(parts[1]) is not { } payload || FromBase64Url(parts[2]) is not { } signature)
        {
            return null;
        }

        try
        {
            var alg = JsonDocument.Parse(header).RootElement.GetProperty("alg").GetString();
            if (alg is not ("RS256" or "GOST3410_2012_256"))
            {
                return null;
            }

            var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!trusted.Where(c => (c.KeyAlgorithm == KeyAlgorithm.Rsa) == (alg == "RS256")).Any(c => c.VerifyRaw(signingInput, signature)))
            {
                return null;
            }

            var claims = JsonDocument.Parse(payload).RootElement;
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var valid = claims.GetProperty("iss").GetString() == Issuer && claims.GetProperty("exp").GetInt64() > now
                && claims.GetProperty("nbf").GetInt64() <= now + 30 && claims.GetProperty("client_id").GetString() == clientId;
            return valid ? claims.GetProperty("urn:esia:sbj_id").GetInt64() : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public static string ToBase64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
