namespace MockEpgu.Orders;

/// <summary>One step of an order's history (an element of <c>statuses</c>, §2.5).</summary>
/// <param name="Id">The status-history id.</param>
/// <param name="Status">The status.</param>
/// <param name="Date">When it was reached.</param>
/// <param name="CancelAllowed">Whether the order could be cancelled in it.</param>
public sealed record StatusStep(long Id, PortalStatus Status, DateTimeOffset Date, bool CancelAllowed);

/// <summary>A file of an order: submitted (type 2, kept on disk) or the agency's result (type 3) (§2.4, §2.9).</summary>
/// <param name="Name">The file name (the download's <c>mnemonic</c>).</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="ObjectType">2 submitted, 3 result.</param>
/// <param name="Kind"><c>REQUEST</c> (the business file), <c>ATTACHMENT</c>, or <c>RESULT</c>.</param>
/// <param name="Open">Opens its content.</param>
public sealed record OrderFile(string Name, long Size, int ObjectType, string Kind, Func<Stream> Open)
{
    /// <summary>What its signatures were found to be (signed services), for the dashboard.</summary>
    public string? Signature { get; init; }

    /// <summary>A file held in memory.</summary>
    public static OrderFile InMemory(string name, byte[] content, int objectType, string kind) =>
        new(name, content.LongLength, objectType, kind, () => new MemoryStream(content, writable: false));
}

/// <summary>
/// An order of the API ЕПГУ twin: reserved by a system for an applicant, then submitted with files; its statuses follow
/// MockEsia's clock (<see cref="OrderBook.Advance"/>). Guarded by its own lock.
/// </summary>
public sealed class Order
{
    private readonly List<StatusStep> _steps = [];
    private readonly List<OrderFile> _files = [];

    /// <summary>A new order in status 0 (draft).</summary>
    public Order(long id, string clientId, long ownerOid, long? userOid, string applicantType, EpguServiceDefinition service, string targetCode, string region,
        DateTimeOffset created, long firstStepId)
    {
        (Id, ClientId, OwnerOid, UserOid, ApplicantType, Service, TargetCode, Region, Created) = (id, clientId, ownerOid, userOid, applicantType, service, targetCode, region, created);
        _steps.Add(new StatusStep(firstStepId, PortalStatus.Draft, created, false));
        SmevMessageId = Guid.NewGuid();
        SmevTx = Guid.NewGuid();
    }

    /// <summary>The order number.</summary>
    public long Id { get; }

    /// <summary>The system that made it.</summary>
    public string ClientId { get; }

    /// <summary>The applicant: the person, or the organisation.</summary>
    public long OwnerOid { get; }

    /// <summary>The person who acted (null for an organisation's impersonal token).</summary>
    public long? UserOid { get; }

    /// <summary><c>PERSON</c>, <c>LEGAL</c> or <c>BUSINESSMAN</c>.</summary>
    public string ApplicantType { get; }

    /// <summary>The service.</summary>
    public EpguServiceDefinition Service { get; }

    /// <summary>The target code sent.</summary>
    public string TargetCode { get; }

    /// <summary>The OKATO sent.</summary>
    public string Region { get; }

    /// <summary>When the number was reserved.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>The СМЭВ message id (<c>messageId</c>).</summary>
    public Guid SmevMessageId { get; }

    /// <summary>The СМЭВ transaction (<c>smevTx</c>).</summary>
    public Guid SmevTx { get; }

    /// <summary>When the files were sent; null while a draft.</summary>
    public DateTimeOffset? Submitted { get; private set; }

    /// <summary>The outcome scripted for this order (else its service's).</summary>
    public EpguOutcome? Outcome { get; set; }

    /// <summary>The processing state the details' <c>code</c> carries (§3.2).</summary>
    public string Code { get; private set; } = Archives.ProcessingStates.Ok;

    /// <summary>The details' <c>message</c>: MockEsia's diagnosis of a failed processing state; null otherwise.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether processing failed (the archive, or a scripted outcome): the order ends in status 24.</summary>
    public bool Rejected { get; private set; }

    /// <summary>The lock guarding the order.</summary>
    public object Gate { get; } = new();

    /// <summary>The history, oldest first.</summary>
    public IReadOnlyList<StatusStep> Steps => _steps;

    /// <summary>The current step.</summary>
    public StatusStep Current => _steps[^1];

    /// <summary>The files, submitted and resulting.</summary>
    public IReadOnlyList<OrderFile> Files => _files;

    /// <summary>Whether a final status was reached.</summary>
    public bool Closed => Current.Status.Final;

    /// <summary>Submits the order with its files.</summary>
    public void Submit(DateTimeOffset now, IEnumerable<OrderFile> files)
    {
        Submitted = now;
        _files.AddRange(files);
    }

    /// <summary>Sets the processing state; <paramref name="rejected"/> when the order will not go to the agency.</summary>
    public void Process(string code, string? message, bool rejected)
    {
        (Code, Message) = (code, message);
        Rejected |= rejected;
    }

    /// <summary>Adds a step.</summary>
    public void Add(StatusStep step) => _steps.Add(step);

    /// <summary>Adds a result file.</summary>
    public void AddResult(OrderFile file) => _files.Add(file);
}
