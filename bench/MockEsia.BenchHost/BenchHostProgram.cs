using MockEsia.Configuration;

namespace MockEsia.BenchHost;

/// <summary>
/// Runs MockEsia as its own entry point does, with the benchmark seams (<see cref="StorePrefill"/>) hooked in; with
/// <c>host-start [runs]</c>, measures <see cref="Hosting.MockEsiaHost"/>'s start instead (<see cref="HostStart"/>).
/// </summary>
internal static class BenchHostProgram
{
    private static int Main(string[] args)
    {
        if (args is [HostStart.Command, ..])
        {
            return HostStart.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10).GetAwaiter().GetResult();
        }

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
