namespace MockEpgu.Orders;

/// <summary>
/// A portal status (the <c>statusId</c> model, epgu-api.md §3.1) and how an order reaches it. Titles vary by service in
/// the real portal; these are the ones the reference saw.
/// </summary>
/// <param name="Id">The <c>statusId</c>.</param>
/// <param name="Title">The <c>title</c> / <c>statusName</c>.</param>
/// <param name="Final">Whether the order is closed in it.</param>
/// <param name="ColorCode">The undocumented <c>statusColorCode</c> (§2.5).</param>
/// <param name="Comment">The <c>comment</c> the sender writes.</param>
public sealed record PortalStatus(int Id, string Title, bool Final, string ColorCode, string Comment)
{
    /// <summary>0: the number is reserved, no files yet (§3.1).</summary>
    public static readonly PortalStatus Draft = new(0, "Черновик заявления", false, "edit", "");

    /// <summary>17: registered on the portal.</summary>
    public static readonly PortalStatus Registered = new(17, "Зарегистрировано на портале", false, "in_progress", "");

    /// <summary>21: sent to the agency.</summary>
    public static readonly PortalStatus Sent = new(21, "Заявление отправлено в ведомство", false, "in_progress", "");

    /// <summary>2: the agency received it.</summary>
    public static readonly PortalStatus Received = new(2, "Заявление получено ведомством", false, "in_progress", "Сообщение доставлено");

    /// <summary>3: done, with a result (final).</summary>
    public static readonly PortalStatus Done = new(3, "Услуга оказана", true, "success", "Результат предоставления услуги направлен в личный кабинет");

    /// <summary>4: refused (final).</summary>
    public static readonly PortalStatus Refused = new(4, "Отказано в предоставлении услуги", true, "error", "Отказ в предоставлении услуги");

    /// <summary>24: the sending failed (final).</summary>
    public static readonly PortalStatus Failed = new(24, "Ошибка отправки заявления в ведомство", true, "error", "Ошибка обработки заявления");

    /// <summary>24 as a processing failure (the archive refused, the order forbidden): the order never reaches the agency (final).</summary>
    public static readonly PortalStatus ProcessingFailed = new(24, "Ошибка обработки заявления", true, "error", "Ошибка обработки заявления");

    /// <summary>How long a RETRY pause holds an order (MockEsia's figure; the real pause is not known).</summary>
    public static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(30);

    /// <summary>10: cancelled by the applicant (final; the id is MockEsia's, no source shows the real one).</summary>
    public static readonly PortalStatus Cancelled = new(10, "Заявление отменено", true, "error", "Заявление отменено заявителем");

    /// <summary>
    /// The steps after submission and when each comes, from the submission: 0 → 17 in ~0.3–1 s, → 21 in ~0.6–1 s, → 2 in
    /// ~3–8 s, → final 0.3 s later (§3.3, observed on the test environment).
    /// </summary>
    public static readonly IReadOnlyList<(PortalStatus Status, TimeSpan After)> Progression =
    [
        (Registered, TimeSpan.FromMilliseconds(500)),
        (Sent, TimeSpan.FromMilliseconds(1300)),
        (Received, TimeSpan.FromMilliseconds(6300)),
    ];

    /// <summary>When the final status comes after submission.</summary>
    public static readonly TimeSpan FinalAfter = TimeSpan.FromMilliseconds(6600);

    /// <summary>The final status of an outcome.</summary>
    public static PortalStatus Of(EpguOutcome outcome) => outcome switch
    {
        EpguOutcome.Refused => Refused,
        EpguOutcome.Error => Failed,
        EpguOutcome.Forbidden or EpguOutcome.InvalidFilesStructure or EpguOutcome.FilesVerificationFailed => ProcessingFailed,
        _ => Done,
    };

    /// <summary>Whether an order in this status may be cancelled, when its service allows cancelling (§3.4): after submission, before a final status.</summary>
    public bool Cancellable => Id is 17 or 21 or 2;
}
