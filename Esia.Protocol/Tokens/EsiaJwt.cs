using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Esia.Protocol.Tokens;

/// <summary>A parsed ESIA JWT (code, access token or id_token): header, claims, the signed bytes and the signature.</summary>
public sealed class EsiaJwt
{
    private EsiaJwt(string raw, JsonObject header, JsonObject payload, byte[] signingInput, byte[] signature)
    {
        Raw = raw;
        Header = header;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    /// <summary>The token as received.</summary>
    public string Raw { get; }

    /// <summary>The header members.</summary>
    public JsonObject Header { get; }

    /// <summary>The claims.</summary>
    public JsonObject Payload { get; }

    /// <summary>ASCII bytes of <c>header.payload</c>: what the signature covers.</summary>
    public byte[] SigningInput { get; }

    /// <summary>The decoded third part.</summary>
    public byte[] Signature { get; }

    /// <summary>The <c>alg</c> header member.</summary>
    public string? Algorithm => StringOf(Header, "alg");

    /// <summary>The <c>sbt</c> header member (<c>access</c>, <c>id</c>, <c>authorization_code</c>).</summary>
    public string? TokenType => StringOf(Header, "sbt");

    /// <summary>A string claim, or null when absent or not a string.</summary>
    public string? GetString(string claim) => StringOf(Payload, claim);

    /// <summary>A numeric claim (also accepted when ESIA-style numbers arrive as strings of digits).</summary>
    public long? GetNumber(string claim) => Payload[claim] is JsonValue value
        ? value.TryGetValue<long>(out var number) ? number
        : value.TryGetValue<string>(out var text) && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed
        : value.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : null
        : null;

    /// <summary>Parses a compact JWT; on failure <paramref name="error"/> says why. Never throws.</summary>
    public static bool TryParse(string? token, out EsiaJwt? jwt, out string error)
    {
        jwt = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            error = "The token is empty.";
            return false;
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            error = $"A JWT has three dot-separated parts; this one has {parts.Length}.";
            return false;
        }

        if (Base64Url.TryDecode(parts[0]) is not { } headerBytes || Base64Url.TryDecode(parts[1]) is not { } payloadBytes || Base64Url.TryDecode(parts[2]) is not { } signature)
        {
            error = "A part of the JWT is not valid base64url.";
            return false;
        }

        // System.Text.Json validates UTF-8 inside strings only when a string is read: a claim with broken UTF-8 would
        // parse here and throw later, at GetString (found by fuzzing). Such a token is malformed now.
        if (!System.Text.Unicode.Utf8.IsValid(headerBytes) || !System.Text.Unicode.Utf8.IsValid(payloadBytes))
        {
            error = "The JWT header or payload is not valid UTF-8.";
            return false;
        }

        try
        {
            // A claim named twice is ambiguous (RFC 7519 §4 lets a parser reject it) and made JsonObject throw on first
            // access (found by fuzzing): refused here.
            var strict = new JsonDocumentOptions { AllowDuplicateProperties = false };
            if (JsonNode.Parse(headerBytes, null, strict) is not JsonObject header || JsonNode.Parse(payloadBytes, null, strict) is not JsonObject payload)
            {
                error = "The JWT header or payload is not a JSON object.";
                return false;
            }

            jwt = new EsiaJwt(token, header, payload, Encoding.ASCII.GetBytes(string.Concat(parts[0], ".", parts[1])), signature);
            error = "";
            return true;
        }
        catch (JsonException ex)
        {
            error = $"The JWT header or payload is not valid JSON: {ex.Message}";
            return false;
        }
    }

    private static string? StringOf(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
