using Microsoft.Extensions.DependencyInjection;
using MockEpgu.Dictionaries;
using MockEpgu.Endpoints;
using MockEpgu.Orders;
using MockEpgu.Services;

namespace MockEpgu;

/// <summary>Registers the API ЕПГУ twin's parts; the host adds its <see cref="Access.IEpguHost"/> and registers <see cref="EpguRoutes.All"/>.</summary>
public static class EpguServices
{
    /// <summary>The twin's services, its fixtures read from <c>{fixtures}/epgu</c> when first needed (a bad file: <see cref="InvalidDataException"/>).</summary>
    public static IServiceCollection AddMockEpgu(this IServiceCollection services, Func<IServiceProvider, string> fixturesPath) => services
        .AddSingleton(sp => ServiceCatalogue.Load(Path.Combine(fixturesPath(sp), "epgu", "services.json")))
        .AddSingleton(sp => DictionaryBook.Load(Path.Combine(fixturesPath(sp), "epgu", "dictionaries")))
        .AddSingleton<OrderBook>().AddSingleton<CallerGate>().AddSingleton<Uploads.ChunkedUploads>().AddSingleton<Limits.LimitCounters>().AddSingleton<EpguState>()
            .AddSingleton<OrderEndpoints>().AddSingleton<PushEndpoints>().AddSingleton<StatusListEndpoints>().AddSingleton<DictionaryEndpoint>().AddSingleton<DownloadEndpoint>();
}
