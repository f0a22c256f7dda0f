namespace MockEsia.Faults;

/// <summary>What a token response carries.</summary>
internal sealed class TokenBody
{
    /// <summary>The id_token, when one was issued.</summary>
    public bool IdToken { get; set; } = true;

    /// <summary>The refresh token, for offline access.</summary>
    public bool RefreshToken { get; set; } = true;
}
