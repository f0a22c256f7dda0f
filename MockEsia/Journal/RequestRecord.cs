namespace MockEsia.Journal;

/// <summary>
/// What the endpoints note about the request being handled, kept in <c>HttpContext.Items</c> and written to the
/// journal before the response starts.
/// </summary>
internal sealed class RequestRecord
{
    private readonly List<CheckOutcome> _checks = [];

    /// <summary>The client, once known.</summary>
    public string? ClientId { get; set; }

    /// <summary>The person, once known.</summary>
    public long? PersonOid { get; set; }

    /// <summary>The refusal sent, if any.</summary>
    public Refusal? Refusal { get; set; }

    /// <summary>MockEsia's diagnosis of a refusal without an ESIA code (the REST API's 401, 403 and 404).</summary>
    public string? Diagnostic { get; set; }

    /// <summary>The doctor's finding.</summary>
    public string? Doctor { get; set; }

    /// <summary>The fault applied.</summary>
    public string? Fault { get; set; }

    /// <summary>Fingerprints of the tokens the exchange carried (see <see cref="JournalEntry.Tokens"/>).</summary>
    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Appends the journal entry now (once), for a response that will never start: a dropped connection.</summary>
    public Func<Task> FlushAsync { get; set; } = () => Task.CompletedTask;

    /// <summary>The checks noted so far.</summary>
    public IReadOnlyList<CheckOutcome> Checks => _checks;

    /// <summary>Notes a check.</summary>
    public void Check(string name, bool passed, string detail) => _checks.Add(new CheckOutcome(name, passed, detail));

    /// <summary>The record of a request (created on first use).</summary>
    public static RequestRecord Of(HttpContext context)
    {
        if (context.Items[typeof(RequestRecord)] is RequestRecord record)
        {
            return record;
        }

        record = new RequestRecord();
        context.Items[typeof(RequestRecord)] = record;
        return record;
    }
}
