using System.Text.Json.Serialization;
using Esia.Protocol;

namespace MockEsia.Endpoints.Token;

/// <summary>te's answer, members in ESIA's order (reference §5.2); the refresh token and id_token only when issued.</summary>
internal sealed record TokenResponse
{
    /// <summary>The access token.</summary>
    [JsonPropertyName(EsiaParameters.AccessToken)]
    public required string AccessToken { get; init; }

    /// <summary>The refresh token, for offline access.</summary>
    [JsonPropertyName(EsiaParameters.RefreshToken)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefreshToken { get; init; }

    /// <summary>The id_token, when <c>openid</c> was granted.</summary>
    [JsonPropertyName(EsiaParameters.IdToken)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IdToken { get; init; }

    /// <summary>The request's state, echoed.</summary>
    [JsonPropertyName(EsiaParameters.State)]
    public string? State { get; init; }

    /// <summary>Always <c>Bearer</c>.</summary>
    [JsonPropertyName(EsiaParameters.TokenType)]
    public string TokenType => "Bearer";

    /// <summary>The access token's lifetime in seconds.</summary>
    [JsonPropertyName(EsiaParameters.ExpiresIn)]
    public required long ExpiresIn { get; init; }
}
