using System.Text.Json;
using System.Text.Json.Serialization;

namespace MockEpgu;

/// <summary>How API ЕПГУ's fixture files are read: camelCase, case-insensitive, enums as names, comments allowed.</summary>
internal static class EpguJson
{
    /// <summary>The options for fixture files.</summary>
    public static readonly JsonSerializerOptions Files = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
