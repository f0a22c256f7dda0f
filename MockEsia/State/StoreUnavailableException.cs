namespace MockEsia.State;

/// <summary>The configured store cannot be reached; the request is answered ESIA-007008 (temporarily unavailable).</summary>
internal sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
