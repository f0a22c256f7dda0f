using MockEsia;

if (args.Contains("--health"))
{
    return await HealthProbe.RunAsync(args);
}

var app = MockEsiaServer.Build(args);
app.Run();
return 0;

/// <summary>The entry point (public for test hosts).</summary>
internal partial class Program;
