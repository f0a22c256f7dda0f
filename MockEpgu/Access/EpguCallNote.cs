namespace MockEpgu.Access;

/// <summary>
/// What an API ЕПГУ call notes for the journal (a request feature the host's journal reads when it writes the entry): the
/// order it was about and MockEsia's diagnosis of a refusal.
/// </summary>
public sealed class EpguCallNote
{
    /// <summary>The order, once known.</summary>
    public long? OrderId { get; set; }

    /// <summary>Why the call was refused, in MockEsia's words.</summary>
    public string? Diagnosis { get; set; }

    /// <summary>The API ЕПГУ error code sent, if any.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The caller, once the token was checked.</summary>
    public EpguCaller? Caller { get; set; }

    /// <summary>The note of a request (created on first use).</summary>
    public static EpguCallNote Of(HttpContext context)
    {
        if (context.Features.Get<EpguCallNote>() is { } note)
        {
            return note;
        }

        note = new EpguCallNote();
        context.Features.Set(note);
        return note;
    }
}
