using MockEsia.Tokens;

namespace MockEsia.Endpoints.Token;

/// <summary>What a grant decided: a refusal, a person's tokens, or a system's own token.</summary>
internal sealed record GrantOutcome
{
    /// <summary>Why the request is refused; null when it is granted.</summary>
    public Refusal? Refusal { get; private init; }

    /// <summary>The person and session the tokens are about; null for a system's token.</summary>
    public Subject? Subject { get; private init; }

    /// <summary>The redirect URI the grant was made for (kept with a refresh token).</summary>
    public string? RedirectUri { get; private init; }

    /// <summary>Whether a refresh token is issued.</summary>
    public bool Offline { get; private init; }

    /// <summary>The scope string of a system's own token.</summary>
    public string? SystemScope { get; private init; }

    /// <summary>The granted scopes' bare names (what faults match on).</summary>
    public IReadOnlyCollection<string> Scopes { get; private init; } = [];

    /// <summary>Refused.</summary>
    public static GrantOutcome Refused(Refusal refusal) => new() { Refusal = refusal };

    /// <summary>A person's tokens.</summary>
    public static GrantOutcome Person(Subject subject, string redirectUri, bool offline) =>
        new() { Subject = subject, RedirectUri = redirectUri, Offline = offline, Scopes = subject.Scopes };

    /// <summary>A system's own token for <paramref name="scope"/>.</summary>
    public static GrantOutcome System(string scope, IReadOnlyCollection<string> scopes) => new() { SystemScope = scope, Scopes = scopes };
}
