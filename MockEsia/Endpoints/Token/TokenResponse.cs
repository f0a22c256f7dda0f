using System.Text.Json.Serialization;

namespace MockEsia.Endpoints.Token;

/// <summary>te's answer, members in ESIA's order (reference §5.2); the refresh token and id_token only when issued.</summary>
public sealed record TokenResponse
{
    /// <summary>The access token.</summary>
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    /// <summary>The refresh token, for offline access.</summary>
    [JsonPropertyName("refresh_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefreshToken { get; init; }

    /// <summary>The id_token, when <c>openid</c> was granted.</summary>
    [JsonPropertyName("id_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IdToken { get; init; }

    /// <summary>The request's state, echoed.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>Always <c>Bearer</c>.</summary>
    [JsonPropertyName("token_type")]
    public string TokenType => "Bearer";

    /// <summary>The access token's lifetime in seconds.</summary>
    [JsonPropertyName("expires_in")]
    public required long ExpiresIn { get; init; }
}
