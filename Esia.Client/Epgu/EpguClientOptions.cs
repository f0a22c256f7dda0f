namespace Esia.Client.Epgu;

/// <summary>Where API ЕПГУ is and how patiently to call it.</summary>
public sealed class EpguClientOptions
{
    /// <summary>API ЕПГУ's base URL (the test portal's host, or a MockEsia's, which serves it beside ESIA).</summary>
    public Uri BaseUri { get; set; } = new("https://svcdev-beta.test.gosuslugi.ru");

    /// <summary>How many times a call refused for a passing reason (429, 502–504, <c>internal_error</c>, <c>limitation_exception</c>) is tried again.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The wait before the first retry after an outage (502–504, <c>internal_error</c>); doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait before the first retry after a limit (429, <c>limitation_exception</c>); doubled for each further one, at least the answer's Retry-After.</summary>
    public TimeSpan LimitDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two tries.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The chunk size of a chunked upload: at least 5 000 000 and at most 50 000 000 bytes (epgu-api.md §2.2).</summary>
    public int ChunkSize { get; set; } = 5_000_000;

    /// <summary>How long the chunks of one upload may take, from the first (§2.2: five minutes).</summary>
    public TimeSpan UploadWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first interval of status polling; it grows by half each time up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest interval of status polling.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock the waits run on.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Throws with a clear message when a setting is out of range.</summary>
    public void Validate()
    {
        if (ChunkSize is < 5_000_000 or > 50_000_000)
        {
            throw new InvalidOperationException($"EpguClientOptions.ChunkSize is {ChunkSize}: a chunk other than the last must be 5 000 000 to 50 000 000 bytes (epgu-api.md §2.2).");
        }

        if (MaxRetries < 0 || RetryDelay < TimeSpan.Zero || LimitDelay < TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("EpguClientOptions: MaxRetries, RetryDelay and LimitDelay must not be negative, and PollInterval must be positive.");
        }
    }
}
