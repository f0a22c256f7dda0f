namespace MockEpgu.Endpoints;

/// <summary>One API ЕПГУ endpoint: the host registers each once, beside ESIA's (name, method, path, handler).</summary>
/// <param name="Name">Its journal name (<see cref="EndpointNames"/>).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The route template.</param>
/// <param name="Handler">The minimal-API handler.</param>
public sealed record EpguRoute(string Name, string Method, string Path, Delegate Handler);

/// <summary>API ЕПГУ's endpoints (epgu-api.md §2), one line each, on the same host and under the same paths as the real API.</summary>
public static class EpguRoutes
{
    /// <summary>The order API's prefix.</summary>
    public const string Gusmev = "/api/gusmev";

    /// <summary>Every endpoint.</summary>
    public static readonly IReadOnlyList<EpguRoute> All =
    [
        new(EndpointNames.EpguOrder, "POST", Gusmev + "/order", (HttpContext c, OrderEndpoints e) => e.ReserveAsync(c)),
        new(EndpointNames.EpguDetails, "POST", Gusmev + "/order/{orderId:long}", (HttpContext c, long orderId, OrderEndpoints e) => e.DetailsAsync(c, orderId)),
        new(EndpointNames.EpguCancel, "POST", Gusmev + "/order/{orderId:long}/cancel", (HttpContext c, long orderId, OrderEndpoints e) => e.CancelAsync(c, orderId)),
        new(EndpointNames.EpguPush, "POST", Gusmev + "/push", (HttpContext c, PushEndpoints e) => e.PushAsync(c)),
        new(EndpointNames.EpguPushChunked, "POST", Gusmev + "/push/chunked", (HttpContext c, PushEndpoints e) => e.PushChunkedAsync(c)),
        // One route serves the path with and without the trailing "/" (routing ignores it); the handler applies the reading.
        new(EndpointNames.EpguOrdersStatus, "GET", Gusmev + "/order/getOrdersStatus", (HttpContext c, StatusListEndpoints e) => e.OrdersStatusAsync(c)),
        new(EndpointNames.EpguUpdatedAfter, "GET", Gusmev + "/order/getUpdatedAfter", (HttpContext c, StatusListEndpoints e) => e.UpdatedAfterAsync(c)),
        new(EndpointNames.EpguDictionary, "POST", "/api/nsi/v1/dictionary/{code}", (HttpContext c, string code, DictionaryEndpoint e) => e.HandleAsync(c, code)),
        new(EndpointNames.EpguDownload, "GET", "/api/storage/v2/files/{objectId:long}/{objectType:int}/download",
            (HttpContext c, long objectId, int objectType, DownloadEndpoint e) => e.HandleAsync(c, objectId, objectType)),
        new(EndpointNames.EpguDownload, "GET", Gusmev + "/files/download/{objectId:long}/{objectType:int}",
            (HttpContext c, long objectId, int objectType, DownloadEndpoint e) => e.HandleAsync(c, objectId, objectType)),
    ];
}
