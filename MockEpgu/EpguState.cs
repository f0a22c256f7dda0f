using MockEpgu.Limits;
using MockEpgu.Orders;
using MockEpgu.Services;
using MockEpgu.Uploads;

namespace MockEpgu;

/// <summary>API ЕПГУ's state as the host's admin surface sees it: the orders, the services, and a reset of both with the uploads and the limits' counts.</summary>
/// <param name="orders">The orders.</param>
/// <param name="services">The services and their scripted outcomes.</param>
/// <param name="uploads">The uploads and archives on disk.</param>
/// <param name="limits">The limits' counts.</param>
public sealed class EpguState(OrderBook orders, ServiceCatalogue services, ChunkedUploads uploads, LimitCounters limits)
{
    /// <summary>The orders.</summary>
    public OrderBook Orders => orders;

    /// <summary>The services.</summary>
    public ServiceCatalogue Services => services;

    /// <summary>Back to no orders, no uploads, no counts, the services' own outcomes.</summary>
    public void Reset()
    {
        orders.Clear();
        services.Reset();
        uploads.Clear();
        limits.Clear();
    }
}
