namespace MockEpgu.Uploads;

/// <summary>The archive's size and timing rules (epgu-api.md §2.2, §2.3, §4; the same in v1.12.1 and v1.13).</summary>
public static class UploadRules
{
    /// <summary>The largest archive <c>/push</c> takes, and the largest chunk.</summary>
    public const long MaxBytes = 50_000_000;

    /// <summary>The smallest chunk but the last.</summary>
    public const long MinChunkBytes = 5_000_000;

    /// <summary>All chunks within this, counted from the first.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>The largest request body an upload endpoint reads: a largest chunk with its form around it.</summary>
    public const long MaxRequestBody = MaxBytes + 1_000_000;
}
