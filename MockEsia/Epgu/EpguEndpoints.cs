using MockEpgu;
using MockEpgu.Access;
using MockEpgu.Endpoints;
using MockEsia.Faults;
using MockEsia.Fixtures;
using MockEsia.Routing;

namespace MockEsia.Epgu;

/// <summary>API ЕПГУ beside ESIA's endpoints: its parts, MockEsia as its <see cref="IEpguHost"/>, and each of its endpoints registered once (<see cref="EpguRoutes"/>).</summary>
internal static class EpguEndpoints
{
    /// <summary>Registers API ЕПГУ (its fixtures read from MockEsia's fixtures folder, <c>epgu/</c>).</summary>
    public static IServiceCollection AddEpguEndpoints(this IServiceCollection services)
    {
        services.AddMockEpgu(sp => sp.GetRequiredService<LoadedFixtures>().FixturesPath);
        services.AddSingleton<IEpguHost, EpguHost>();
        foreach (var route in EpguRoutes.All)
        {
            services.AddEsiaEndpoint(route.Name, route.Method, route.Path, route.Handler, FaultEndpoint.Epgu, typeof(IResponseFault));
        }

        return services;
    }

    /// <summary>Sends the diagnosis an API ЕПГУ call noted in MockEsia's diagnosis header, as ESIA's endpoints do.</summary>
    public static IApplicationBuilder UseEpguDiagnosis(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if (context.Features.Get<EpguCallNote>()?.Diagnosis is { } diagnosis)
            {
                context.Response.Headers[Responses.EsiaResults.DiagnosticHeader] = Responses.DiagnosticHeaderText.Of(diagnosis);
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
