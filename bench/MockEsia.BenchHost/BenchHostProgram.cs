using MockEsia.Configuration;

namespace MockEsia.BenchHost;

/// <summary>Runs MockEsia as its own entry point does, with the benchmark seams (<see cref="StorePrefill"/>) hooked in.</summary>
internal static class BenchHostProgram
{
    private static int Main(string[] args)
    {
        try
        {
            var app = MockEsiaServer.Build(args, builder =>
                builder.Services.AddSingleton<IStartupFilter>(new StorePrefill(builder.Configuration.GetValue<int>(StorePrefill.Setting))));
            app.Run();
            return 0;
        }
        catch (Exception ex) when (StartupRefusal.Explain(ex) is { } why)
        {
            Console.Error.WriteLine("MockEsia cannot start: " + why);
            return StartupRefusal.ExitCode;
        }
    }
}
