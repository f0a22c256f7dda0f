using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Specs.Harness;

/// <summary>The harness's JSON options: one set to read (target files, MockEsia's admin API), one to write reports.</summary>
public static class HarnessJson
{
    /// <summary>camelCase, enums as strings, comments and trailing commas allowed.</summary>
    public static readonly JsonSerializerOptions Read = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>camelCase, indented, enums as strings, Cyrillic unescaped.</summary>
    public static readonly JsonSerializerOptions Report = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
}
