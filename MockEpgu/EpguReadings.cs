namespace MockEpgu;

/// <summary>
/// Where API ЕПГУ's spec versions and clients disagree (epgu-api.md §6.2), both readings as named settings
/// (<c>MockEsia:Readings:Epgu*</c>, listed in <c>docs/readings.md</c>), each defaulting to the likelier one.
/// </summary>
public sealed class EpguReadings
{
    /// <summary>A copy (the configured readings are never changed).</summary>
    public EpguReadings Copy() => (EpguReadings)MemberwiseClone();

    /// <summary>The trailing <c>/</c> after the status list methods' names (§2.7).</summary>
    public StatusListSlashReading StatusListSlash { get; set; } = StatusListSlashReading.Both;

    /// <summary>How the details response spells the СМЭВ message id (§2.5).</summary>
    public MessageIdKeyReading MessageIdKey { get; set; } = MessageIdKeyReading.MessageId;

    /// <summary>What cancelling an unknown order answers (§2.6).</summary>
    public CancelNotFoundReading CancelNotFound { get; set; } = CancelNotFoundReading.NoContent;

    /// <summary>Which id a download's <c>objectId</c> is (§2.9).</summary>
    public DownloadObjectIdReading DownloadObjectId { get; set; } = DownloadObjectIdReading.Either;

    /// <summary>Whether <c>POST /order</c> also takes its three strings as a form-data <c>meta</c> field (§2.1).</summary>
    public OrderMetaReading OrderMeta { get; set; } = OrderMetaReading.JsonOnly;

    /// <summary>Whether cancelling needs the undocumented <c>reason</c> parameter (§2.6).</summary>
    public CancelReasonReading CancelReason { get; set; } = CancelReasonReading.Required;

    /// <summary>How <c>chunk</c> counts (§2.2: the rule says from 0, the spec's examples start at 1).</summary>
    public ChunkBaseReading ChunkBase { get; set; } = ChunkBaseReading.Zero;

    /// <summary>Whether every chunk carries <c>meta</c> (§2.2: "required" in v1.12.1's table, dropped by its own examples and the Go client, required on every chunk in a v1.14 reading).</summary>
    public ChunkMetaReading ChunkMeta { get; set; } = ChunkMetaReading.Optional;

    /// <summary>The first page's number at the dictionary endpoint (§2.8; status lists are zero-based, §2.7).</summary>
    public DictionaryPageBaseReading DictionaryPageBase { get; set; } = DictionaryPageBaseReading.One;
}

/// <summary>The trailing <c>/</c> on <c>getOrdersStatus</c> and <c>getUpdatedAfter</c>.</summary>
public enum StatusListSlashReading
{
    /// <summary>With and without (default: v1.12.1 removed it, v1.13's examples have it back).</summary>
    Both,

    /// <summary>Only without, as v1.12.1's method table writes them; with it: 404.</summary>
    WithoutOnly,

    /// <summary>Only with, as v1.13's examples write them; without it: 404.</summary>
    WithOnly,
}

/// <summary>The key of the СМЭВ message id in the details response.</summary>
public enum MessageIdKeyReading
{
    /// <summary><c>messageId</c> (default: what a client read from a real December 2023 response).</summary>
    MessageId,

    /// <summary><c>message_id</c>, as v1.13's example spells it.</summary>
    Snake,
}

/// <summary>What cancelling an unknown order answers.</summary>
public enum CancelNotFoundReading
{
    /// <summary>204 with no body (default: v1.13, the newer text).</summary>
    NoContent,

    /// <summary>404, as v1.12.1's example says.</summary>
    NotFound,
}

/// <summary>Which id a download's <c>objectId</c> is.</summary>
public enum DownloadObjectIdReading
{
    /// <summary>The order id or one of its status-history ids (default: the spec says the latter, the links and two clients the former).</summary>
    Either,

    /// <summary>Only the order id (the file's <c>link</c>, the Goskey spec, the Go client v0.5.0).</summary>
    OrderId,

    /// <summary>Only a status-history id (the base spec's text, the newer Go client).</summary>
    StatusHistoryId,
}

/// <summary>The shapes <c>POST /order</c> takes its body in.</summary>
public enum OrderMetaReading
{
    /// <summary>A JSON body only (default: the base spec and every client; a form-data <c>meta</c> is refused with 400).</summary>
    JsonOnly,

    /// <summary>A JSON body or a form-data <c>meta</c> field, as the Goskey spec shows.</summary>
    JsonOrForm,
}

/// <summary>Whether cancelling needs <c>reason</c>.</summary>
public enum CancelReasonReading
{
    /// <summary>Required (default: the real test server's December 2023 answer, 400 <c>bad_request</c> naming it); taken from the query, a form or a JSON body.</summary>
    Required,

    /// <summary>Optional, as the spec (which does not mention it) reads.</summary>
    Optional,
}

/// <summary>The number of the dictionary endpoint's first page.</summary>
public enum DictionaryPageBaseReading
{
    /// <summary>1 (default: the spec's only example asks for <c>pageNum</c> 1).</summary>
    One,

    /// <summary>0, as the status lists count.</summary>
    Zero,
}

/// <summary>How <c>chunk</c> counts.</summary>
public enum ChunkBaseReading
{
    /// <summary>0 … chunks−1 (default: the spec's rule, E1 §2.1.3).</summary>
    Zero,

    /// <summary>1 … chunks, as the spec's and the Goskey spec's examples number them.</summary>
    One,
}

/// <summary>Whether <c>meta</c> goes with every chunk.</summary>
public enum ChunkMetaReading
{
    /// <summary>With or without (default: the spec's examples and the Go client send none; nothing shows the portal refusing either).</summary>
    Optional,

    /// <summary>On every chunk, as a reading of v1.14 has it; a chunk without: 400 <c>bad_request</c>.</summary>
    EveryChunk,
}
