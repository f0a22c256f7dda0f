using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MockEsia.Configuration;

/// <summary>MockEsia's JSON options, one set per audience.</summary>
internal static class MockEsiaJson
{
    /// <summary>What ESIA itself writes (token responses, errors, REST data): names as given, Cyrillic and slashes unescaped.</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// MockEsia's own files and records (fixtures, scenario files, the journal file, Redis): camelCase, enums as strings,
    /// comments and trailing commas allowed when read, Cyrillic unescaped when written.
    /// </summary>
    public static readonly JsonSerializerOptions Files = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
}
