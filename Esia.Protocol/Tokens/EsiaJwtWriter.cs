using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Esia.Protocol.Crypto;

namespace Esia.Protocol.Tokens;

/// <summary>The <c>sbt</c> values ESIA writes in token headers.</summary>
public static class TokenTypes
{
    public const string AuthorizationCode = "authorization_code";

    /// <summary>Access token.</summary>
    public const string Access = "access";

    /// <summary>id_token.</summary>
    public const string Id = "id";
}

/// <summary>Writes ESIA-shaped JWTs: header members in ESIA's order, ESIA's escaped slashes, and the signature as ESIA lays it out.</summary>
public static class EsiaJwtWriter
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The header ESIA writes: <c>{"ver":…,"typ":"JWT","sbt":…,"alg":…}</c>; id_tokens have <c>ver</c> 0, the others 1.
    /// With <paramref name="certificateSha256"/>, the 2025 member <c>x5t#St256</c> (upper-case hex) between <c>typ</c> and
    /// <c>sbt</c>, as in ESIA's July 2025 production code (reference §6.1; its meaning is unknown).
    /// </summary>
    public static JsonObject Header(string tokenType, string alg, string? certificateSha256 = null)
    {
        var header = new JsonObject
        {
            ["ver"] = tokenType == TokenTypes.Id ? 0 : 1,
            ["typ"] = "JWT",
        };
        if (certificateSha256 is not null)
        {
            header[CertificateThumbprintHeader] = certificateSha256;
        }

        header["sbt"] = tokenType;
        header["alg"] = alg;
        return header;
    }

    /// <summary>The 2025 header member that carries a SHA-256 in upper-case hex (reference §6.1).</summary>
    public const string CertificateThumbprintHeader = "x5t#St256";

    /// <summary>Serialises and signs. The signature is made by <paramref name="signer"/>; <c>alg</c> follows its key.</summary>
    public static string Write(string tokenType, JsonObject claims, IMessageSigner signer, bool escapeSlashes = true) =>
        Write(Header(tokenType, signer.Certificate.KeyAlgorithm.JwtAlgorithm()), claims, data => signer.Sign(data), escapeSlashes);

    /// <summary>Serialises a given header and claims and signs the result with any signing function (fault injection uses this).</summary>
    public static string Write(JsonObject header, JsonObject claims, Func<byte[], byte[]> sign, bool escapeSlashes = true)
    {
        var signingInput = string.Concat(Encode(header, escapeSlashes), ".", Encode(claims, escapeSlashes));
        return string.Concat(signingInput, ".", Base64Url.Encode(sign(Encoding.ASCII.GetBytes(signingInput))));
    }

    private static string Encode(JsonObject node, bool escapeSlashes)
    {
        var json = node.ToJsonString(Json);
        return Base64Url.Encode(Encoding.UTF8.GetBytes(escapeSlashes ? json.Replace("/", "\\/", StringComparison.Ordinal) : json));
    }
}
