namespace MockEsia.Faults;

/// <summary>What the redirect of an authorization carries.</summary>
internal sealed class AuthorizeRedirect
{
    /// <summary>The client the code is issued to.</summary>
    public required string CodeClientId { get; set; }

    /// <summary>The state sent back; null sends none.</summary>
    public required string? State { get; set; }

    /// <summary>When set, the redirect carries this error instead of a code.</summary>
    public Refusal? Refusal { get; set; }
}
