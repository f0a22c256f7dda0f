using System.Text.Json;
using System.Text.Json.Nodes;
using MockEpgu.Access;
using MockEpgu.Dictionaries;
using MockEpgu.Errors;

namespace MockEpgu.Endpoints;

/// <summary>
/// <c>POST /api/nsi/v1/dictionary/{code}</c>, without authorization (epgu-api.md §2.8): <c>treeFiltering</c>
/// (<c>ONELEVEL</c> | <c>SUBTREE</c>), <c>parentRefItemValue</c>, optional paging; <c>{error{code,message}, fieldErrors,
/// total, items}</c>. An unknown dictionary is a business error with HTTP 200: <c>error.code</c> 7, «Entity not found».
/// </summary>
/// <param name="book">The dictionaries.</param>
/// <param name="gate">The readings in force.</param>
public sealed class DictionaryEndpoint(DictionaryBook book, CallerGate gate)
{
    /// <summary>Answers a dictionary request.</summary>
    public async Task<IResult> HandleAsync(HttpContext context, string code)
    {
        if (await gate.FaultAsync(context) is { } faulted)
        {
            return faulted;
        }

        JsonElement body;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            body = JsonDocument.Parse(await reader.ReadToEndAsync(context.RequestAborted)).RootElement;
        }
        catch (JsonException ex)
        {
            return CallerGate.BadRequest(context, $"JSON parse error: {ex.Message}", "The body is not JSON: send {\"treeFiltering\":\"ONELEVEL\"} at least (§2.8).");
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("treeFiltering", out var tree) || tree.GetString() is not ("ONELEVEL" or "SUBTREE"))
        {
            return CallerGate.BadRequest(context, "treeFiltering must be ONELEVEL or SUBTREE", "treeFiltering is required: ONELEVEL (a flat level) or SUBTREE (the hierarchy), §2.8.");
        }

        if (book.Items(code) is not { } all)
        {
            EpguCallNote.Of(context).Diagnosis = $"No dictionary '{code}': MockEsia holds {string.Join(", ", book.Codes)} (fixtures/epgu/dictionaries).";
            return EpguResults.Json(Answer(7, "Entity not found", [], 0, withTotal: true));
        }

        var parent = body.TryGetProperty("parentRefItemValue", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } value ? value : null;
        var level = parent is null ? all.Select(i => i!).ToArray() : Find(all, parent)?["children"]?.AsArray().Select(i => i!).ToArray() ?? [];
        var subtree = tree.GetString() == "SUBTREE";
        var items = level.Select(i => Shape(i, subtree)).ToArray();
        var (pageNum, pageSize) = (Number(body, "pageNum"), Number(body, "pageSize"));
        if (pageNum is { } number && pageSize is { } size && size > 0)
        {
            var first = gate.Readings.DictionaryPageBase == DictionaryPageBaseReading.One ? 1 : 0;
            items = items.Skip((int)Math.Min(int.MaxValue, Math.Max(0, number - first) * size)).Take((int)size).ToArray();
        }

        return EpguResults.Json(Answer(0, "operation completed", items, level.Length, withTotal: true));
    }

    private static JsonObject Answer(int code, string message, IEnumerable<JsonNode> items, int total, bool withTotal)
    {
        var answer = new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
            ["fieldErrors"] = new JsonArray(),
        };
        if (withTotal)
        {
            answer["total"] = total;
        }

        answer["items"] = new JsonArray(items.ToArray());
        return answer;
    }

    private static JsonNode? Find(JsonArray items, string value)
    {
        foreach (var item in items)
        {
            if (item?["value"]?.GetValue<string>() == value)
            {
                return item;
            }

            if (item?["children"] is JsonArray children && Find(children, value) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    // ONELEVEL answers the level's items without their children; SUBTREE with the whole hierarchy under them.
    private static JsonNode Shape(JsonNode item, bool subtree)
    {
        var copy = item.DeepClone().AsObject();
        if (!subtree)
        {
            copy["children"] = new JsonArray();
        }

        return copy;
    }

    private static long? Number(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
}
