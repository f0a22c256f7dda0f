namespace MockEpgu.Archives;

/// <summary>gu-smev's processing states (epgu-api.md §3.2, Приложение 1) that the details' <c>code</c> carries.</summary>
public static class ProcessingStates
{
    /// <summary>What every observed response shows for an order being processed normally.</summary>
    public const string Ok = "OK";

    /// <summary>The archive is not a flat zip: folders, nested archives, or not a zip at all.</summary>
    public const string InvalidFilesStructure = "INVALID_FILES_STRUCTURE";

    /// <summary>The transport (service envelope) file is missing.</summary>
    public const string ReqNotFound = "REQ_NOT_FOUND";

    /// <summary>The business file is missing.</summary>
    public const string MpcNotFound = "MPC_NOT_FOUND";

    /// <summary>A signature is missing or does not verify.</summary>
    public const string FilesVerificationFailed = "FILES_VERIFICATION_FAILED";

    /// <summary>A temporary technical pause; processing goes on.</summary>
    public const string Retry = "RETRY";

    /// <summary>Other ЕПГУ services refused to create the order (v1.13).</summary>
    public const string CreateOrderForbidden = "CREATE_ORDER_FORBIDDEN";
}
