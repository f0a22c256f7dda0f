using MockEsia;

if (args.Length > 0 && args[0] == "clients")
{
    return await MockEsia.Clients.ClientsCommand.RunAsync(args[1..], Console.Out, DateTimeOffset.UtcNow);
}

if (args.Length > 0 && args[0] == "proxy")
{
    return await MockEsia.DriftWatch.ProxyCommand.RunAsync(args[1..], Console.Out);
}

if (args.Contains("--health"))
{
    return await HealthProbe.RunAsync(args);
}

var app = MockEsiaServer.Build(args);
app.Run();
return 0;

/// <summary>The entry point (public for test hosts).</summary>
internal partial class Program;
