using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Esia.Protocol.Crypto;
using Esia.Protocol.Tokens;

namespace MockEsia.DriftWatch;

/// <summary>
/// The shape of what ESIA and MockEsia answer — member names and value types, token headers and claims, lifetimes —
/// with every value masked: strings become <c>&lt;string:LENGTH&gt;</c>, tokens their header and claim shapes, so that
/// a record of a real exchange keeps no code, token, signature or personal data, only what the comparison needs.
/// </summary>
internal static class Shapes
{
    /// <summary>Parameters whose values say nothing secret or personal and stay in clear in the records.</summary>
    private static readonly HashSet<string> ClearParameters = new(StringComparer.Ordinal)
    {
        "client_id", "scope", "scope_org", "response_type", "grant_type", "token_type", "access_type", "redirect_uri", "redirect_url",
        "timestamp", "client_certificate_hash", "obj_type", "code_challenge_method", "error",
    };

    /// <summary>The shape of a JSON value: objects member by member, arrays by their first element, scalars by type.</summary>
    public static JsonNode? Of(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Of(kv.Value)))),
        JsonArray a => new JsonArray(a.Count == 0 ? "empty" : Of(a[0])),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => OfString(v.GetValue<string>()),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "?",
    };

    /// <summary>A masked string: a JWT's shape, or its kind and length.</summary>
    public static JsonNode OfString(string value)
    {
        if (Token(value) is { } token)
        {
            return token;
        }

        return Guid.TryParse(value, out _) ? "<uuid>" : $"<string:{value.Length}>";
    }

    /// <summary>A JWT's header and claims as shapes, with its lifetime (exp − iat) when it has both; null for anything else.</summary>
    public static JsonObject? Token(string value)
    {
        if (value.Count(c => c == '.') != 2 || !EsiaJwt.TryParse(value, out var jwt, out _) || jwt is null)
        {
            return null;
        }

        var header = jwt.Header;
        var claims = jwt.Payload;
        var shape = new JsonObject { ["header"] = Of(header), ["claims"] = Of(claims) };
        if (claims["exp"] is JsonValue exp && claims["iat"] is JsonValue iat && exp.TryGetValue<long>(out var e) && iat.TryGetValue<long>(out var i))
        {
            shape["lifetime"] = e - i;
        }

        foreach (var name in new[] { "alg", "typ", "sbt", "ver" })
        {
            // Header values are not secret and tell token kinds apart.
            if (header[name] is JsonValue v)
            {
                shape["header"]![name] = v.DeepClone();
            }
        }

        return shape;
    }

    /// <summary>A request path as the report shows it: a person's or organisation's oid (a path segment of six digits or more) as <c>{oid}</c>.</summary>
    public static string MaskedPath(string path) => System.Text.RegularExpressions.Regex.Replace(path, "/[0-9]{6,}(?=/|$)", "/{oid}");

    /// <summary>Query or form parameters with secret and personal values masked.</summary>
    public static JsonObject Parameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var result = new JsonObject();
        foreach (var (name, value) in parameters)
        {
            result[name] = ClearParameters.Contains(name) ? value : OfString(value);
        }

        return result;
    }

    /// <summary>A body as a masked shape: JSON by its shape, anything else by its type and length.</summary>
    public static JsonNode Body(string? contentType, byte[] body)
    {
        if (body.Length == 0)
        {
            return "<empty>";
        }

        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || body[0] is (byte)'{' or (byte)'[')
        {
            try
            {
                return Of(JsonNode.Parse(body)) ?? "null";
            }
            catch (JsonException)
            {
                return $"<unparsable json:{body.Length}>";
            }
        }

        return $"<{contentType?.Split(';')[0] ?? "bytes"}:{body.Length}>";
    }

    /// <summary>Every file of esia.zip by kind: its extension and the key family of the certificate in it.</summary>
    public static JsonObject Zip(byte[] zip)
    {
        var shape = new JsonObject();
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip));
            foreach (var group in archive.Entries.GroupBy(e => Path.GetExtension(e.Name).ToLowerInvariant()))
            {
                var algorithms = group.Select(e =>
                {
                    using var stream = e.Open();
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    try
                    {
                        return EsiaCertificate.Parse(buffer.ToArray()).KeyAlgorithm.ToString();
                    }
                    catch (InvalidDataException)
                    {
                        return "not a certificate";
                    }
                }).Distinct().Order(StringComparer.Ordinal);
                shape["*" + group.Key] = string.Join(" and ", algorithms);
            }
        }
        catch (InvalidDataException)
        {
            shape["zip"] = "not a zip";
        }

        return shape;
    }

    /// <summary>The REST headers §8.3 describes: media type with its schema parameter's presence, ETag, Cache-Control, Link.</summary>
    public static JsonObject RestHeaders(HttpResponseMessage response)
    {
        var result = new JsonObject();
        if (response.Content.Headers.ContentType is { } type)
        {
            result["Content-Type"] = type.MediaType + (type.Parameters.Any(p => p.Name == "schema") ? "; schema=<…>" : "");
        }

        foreach (var name in new[] { "ETag", "Cache-Control", "Link" })
        {
            if (response.Headers.Contains(name))
            {
                result[name] = "present";
            }
        }

        return result;
    }
}
