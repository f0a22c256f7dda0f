namespace MockEsia.Abstractions;

/// <summary>
/// A service of the API ЕПГУ twin (reference epgu-api.md §5.2): its form code, target, who may apply, whether files are
/// signed, whether orders may be cancelled, and what the agency answers by default. Bundled in <c>fixtures/epgu/services.json</c>.
/// </summary>
public sealed record EpguServiceDefinition
{
    /// <summary>The form code (<c>eServiceCode</c>, <c>serviceCode</c> at <c>/order</c>), e.g. <c>10000000109</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>The ФРГУ target code (<c>targetCode</c>), e.g. <c>-10000000109</c>.</summary>
    public string TargetCode { get; set; } = "";

    /// <summary>The service passport (<c>servicePassportId</c>), e.g. <c>600109</c>.</summary>
    public string PassportId { get; set; } = "";

    /// <summary>The service's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Who may apply: <c>PERSON</c> (ФЛ), <c>LEGAL</c> (ЮЛ), <c>BUSINESSMAN</c> (ИП).</summary>
    public List<string> ApplicantTypes { get; set; } = ["PERSON"];

    /// <summary>Whether every file of the archive needs a detached <c>.sig</c> (checked in part 2).</summary>
    public bool Signed { get; set; }

    /// <summary>Whether the service lets an order be cancelled at all (§2.6; then only in statuses that allow it, §3.4).</summary>
    public bool CancelAllowed { get; set; }

    /// <summary>Files the archive must hold (name patterns with <c>*</c>).</summary>
    public List<string> RequiredFiles { get; set; } = [];

    /// <summary>The dictionaries the form uses (§2.8).</summary>
    public List<string> Dictionaries { get; set; } = [];

    /// <summary>The agency's code (<c>stateOrgCode</c>), e.g. <c>pfr</c>.</summary>
    public string StateOrgCode { get; set; } = "";

    /// <summary>The agency's name.</summary>
    public string StateOrgName { get; set; } = "";

    /// <summary>What the agency answers when nothing else is scripted.</summary>
    public EpguOutcome Outcome { get; set; } = EpguOutcome.Accepted;
}

/// <summary>What the agency answers an order with: the final status it reaches (epgu-api.md §3.1).</summary>
public enum EpguOutcome
{
    /// <summary>Status 3, a result file of type 3 in <c>orderResponseFiles</c>.</summary>
    Accepted,

    /// <summary>Status 4, «Отказано в предоставлении услуги».</summary>
    Refused,

    /// <summary>Status 24, «Ошибка отправки заявления в ведомство».</summary>
    Error,

    /// <summary>A temporary technical pause first (the details' <c>code</c> is <c>RETRY</c> for 30 s), then Accepted (epgu-api.md §3.2).</summary>
    Retry,

    /// <summary>Other ЕПГУ services refuse to create the order: <c>code</c> <c>CREATE_ORDER_FORBIDDEN</c>, status 24 (v1.13, §3.2).</summary>
    Forbidden,

    /// <summary>
    /// The archive is refused whatever it holds, as a non-flat one is: <c>code</c> <c>INVALID_FILES_STRUCTURE</c>, status 24
    /// (§2.4, §3.2). Scripted on a service before the upload, to see how an app handles a refused archive.
    /// </summary>
    InvalidFilesStructure,

    /// <summary>The archive's signatures are refused whatever they are: <c>code</c> <c>FILES_VERIFICATION_FAILED</c>, status 24 (§2.4, §3.2).</summary>
    FilesVerificationFailed,
}

/// <summary>An order of the API ЕПГУ twin as the admin API lists it.</summary>
/// <param name="OrderId">The order number.</param>
/// <param name="ClientId">The system that reserved it.</param>
/// <param name="OwnerOid">The applicant's oid (the person, or the organisation for an impersonal token).</param>
/// <param name="ServiceCode">The form code.</param>
/// <param name="StatusId">The current portal status.</param>
/// <param name="StatusName">Its title.</param>
/// <param name="Closed">Whether a final status was reached.</param>
/// <param name="Outcome">The outcome scripted for this order, if any (else the service's).</param>
/// <param name="Statuses">The status history, oldest first.</param>
public sealed record EpguOrderSummary(long OrderId, string ClientId, long OwnerOid, string ServiceCode, int StatusId, string StatusName, bool Closed,
    EpguOutcome? Outcome, IReadOnlyList<EpguStatusSummary> Statuses)
{
    /// <summary>The processing state (the details' <c>code</c>: <c>OK</c>, or one of epgu-api.md §3.2).</summary>
    public string Code { get; init; } = "OK";

    /// <summary>MockEsia's diagnosis of a failed processing state.</summary>
    public string? Message { get; init; }

    /// <summary>The order's files: submitted and the agency's results.</summary>
    public IReadOnlyList<EpguFileSummary> Files { get; init; } = [];
}

/// <summary>A file of an order.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="ObjectType">2 submitted, 3 the agency's result.</param>
/// <param name="Signature">What its signatures were found to be (signed services), or null.</param>
public sealed record EpguFileSummary(string Name, long Size, int ObjectType, string? Signature);

/// <summary>One step of an order's history.</summary>
/// <param name="StatusId">The portal status.</param>
/// <param name="Title">Its title.</param>
/// <param name="Date">When it was reached (MockEsia's clock).</param>
public sealed record EpguStatusSummary(int StatusId, string Title, DateTimeOffset Date);
