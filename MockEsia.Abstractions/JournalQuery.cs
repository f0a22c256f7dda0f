namespace MockEsia.Abstractions;

/// <summary>A query over the journal: what <c>GET /__admin/journal</c> takes, and what the server and the admin client match with.</summary>
public sealed record JournalQuery
{
    /// <summary>Only this client.</summary>
    public string? ClientId { get; init; }

    /// <summary>Only this endpoint (<c>v2/ac</c>, <c>v3/te</c>, <c>rs</c>, …).</summary>
    public string? Endpoint { get; init; }

    /// <summary>Only entries after this sequence number.</summary>
    public long? AfterId { get; init; }

    /// <summary>Only entries before this sequence number (the dashboard's older pages).</summary>
    public long? BeforeId { get; init; }

    /// <summary>Only entries at or after this virtual time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary><c>success</c> or <c>error</c>.</summary>
    public string? Outcome { get; init; }

    /// <summary>Only entries with this ESIA error code.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Only entries that carried the token with this fingerprint (any client).</summary>
    public string? Token { get; init; }

    /// <summary>Whether an entry matches.</summary>
    public bool Matches(JournalEntry e) =>
        (ClientId is null || e.ClientId == ClientId)
        && (Token is null || (e.Tokens is { } tokens && tokens.Values.Contains(Token, StringComparer.Ordinal)))
        && (Endpoint is null || string.Equals(e.Endpoint, Endpoint, StringComparison.OrdinalIgnoreCase))
        && (AfterId is null || e.Id > AfterId)
        && (BeforeId is null || e.Id < BeforeId)
        && (Since is null || e.VirtualTime >= Since)
        && (ErrorCode is null || e.ErrorCode == ErrorCode)
        && (Outcome is null || (Outcome == "success" ? e.Succeeded : !e.Succeeded));
}
