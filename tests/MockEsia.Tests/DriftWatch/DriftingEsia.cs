using System.Text;
using System.Text.Json.Nodes;
using Esia.Protocol;
using Esia.Protocol.Tokens;
using MockEsia.Tokens;

namespace MockEsia.Tests.DriftWatch;

/// <summary>
/// Makes a MockEsia play an ESIA that drifted, for the drift watch's offline proof: hooked into the server by the test
/// (<see cref="IStartupFilter"/> through <c>MockEsiaServer.Build</c>'s configure callback), never part of MockEsia itself.
/// A different token lifetime needs nothing here: <c>MockEsia:AccessTokenLifetime</c> does it.
/// </summary>
/// <param name="ExtraAccessTokenClaim">A claim added to every access token (value <c>"drift"</c>), the token signed again with the server's key.</param>
/// <param name="RenamedErrorCode"><c>ESIA-007014=ESIA-007099</c>: the first text is written as the second in te error answers.</param>
/// <param name="RenamedPersonField"><c>firstName=givenName</c>: the first member of a REST person is written under the second name.</param>
internal sealed record DriftingEsia(string? ExtraAccessTokenClaim = null, string? RenamedErrorCode = null, string? RenamedPersonField = null) : IStartupFilter
{
    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) => await RewriteAsync(context, () => inner(context)));
        next(app);
    };

    private async Task RewriteAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value ?? "";
        var token = path == EsiaPaths.TokenV3;
        var person = Pair(RenamedPersonField) is not null && path.StartsWith(EsiaPaths.Persons + "/", StringComparison.Ordinal) && path.Count(c => c == '/') == 3;
        if (!token && !person)
        {
            await next();
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
        }

        var text = Encoding.UTF8.GetString(buffer.ToArray());
        if (token && context.Response.StatusCode == StatusCodes.Status400BadRequest && Pair(RenamedErrorCode) is { } code)
        {
            text = text.Replace(code.From, code.To, StringComparison.Ordinal);
        }
        else if (token && context.Response.StatusCode == StatusCodes.Status200OK && ExtraAccessTokenClaim is { } claim && JsonNode.Parse(text) is JsonObject answer)
        {
            answer[EsiaParameters.AccessToken] = WithClaim(answer[EsiaParameters.AccessToken]!.GetValue<string>(), claim, context.RequestServices.GetRequiredService<SigningKeys>());
            text = answer.ToJsonString();
        }
        else if (person && context.Response.StatusCode == StatusCodes.Status200OK && Pair(RenamedPersonField) is { } field && JsonNode.Parse(text) is JsonObject json
            && json[field.From] is { } value)
        {
            json.Remove(field.From);
            json[field.To] = value.DeepClone();
            text = json.ToJsonString();
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes);
    }

    // The access token with one claim more, signed again with the key that signed it.
    private static string WithClaim(string accessToken, string claim, SigningKeys keys)
    {
        EsiaJwt.TryParse(accessToken, out var jwt, out _).Should().BeTrue();
        var claims = (JsonObject)jwt!.Payload.DeepClone();
        claims[claim] = "drift";
        var signer = jwt.Algorithm == "RS256" ? keys.ActiveRsa : keys.ActiveGost;
        return EsiaJwtWriter.Write((JsonObject)jwt.Header.DeepClone(), claims, data => signer.Sign(data));
    }

    private static (string From, string To)? Pair(string? setting) =>
        setting?.Split('=', 2) is [{ Length: > 0 } from, { Length: > 0 } to] ? (from, to) : null;
}
