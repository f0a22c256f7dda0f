using System.Text;
using System.Text.Json.Nodes;
using Esia.Protocol;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;

namespace MockEsia.DriftWatch;

/// <summary>
/// Test-only (<c>MockEsia:TestDrift</c>): rewrites te error answers and REST person answers so that a MockEsia can play
/// an ESIA that drifted, for the drift watch's offline proof. Does nothing unless a departure is configured.
/// </summary>
internal sealed class TestDriftMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IOptionsMonitor<MockEsiaOptions> _options;

    public TestDriftMiddleware(RequestDelegate next, IOptionsMonitor<MockEsiaOptions> options)
    {
        _next = next;
        _options = options;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var drift = _options.CurrentValue.TestDrift;
        var path = context.Request.Path.Value ?? "";
        var errorCode = Pair(drift.RenamedErrorCode);
        var field = Pair(drift.RenamedPersonField);
        var token = errorCode is not null && path.StartsWith("/aas/oauth2/", StringComparison.Ordinal) && path.EndsWith("/te", StringComparison.Ordinal);
        var person = field is not null && path.StartsWith(EsiaPaths.Persons + "/", StringComparison.Ordinal) && path.Count(c => c == '/') == 3;
        if (!token && !person)
        {
            await _next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await _next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var text = Encoding.UTF8.GetString(buffer.ToArray());
        if (token && context.Response.StatusCode == StatusCodes.Status400BadRequest)
        {
            text = text.Replace(errorCode!.Value.From, errorCode.Value.To, StringComparison.Ordinal);
        }
        else if (person && context.Response.StatusCode == StatusCodes.Status200OK && JsonNode.Parse(text) is JsonObject json && json[field!.Value.From] is { } value)
        {
            json.Remove(field.Value.From);
            json[field.Value.To] = value;
            text = json.ToJsonString();
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes);
    }

    private static (string From, string To)? Pair(string? setting) =>
        setting?.Split('=', 2) is [{ Length: > 0 } from, { Length: > 0 } to] ? (from, to) : null;
}
