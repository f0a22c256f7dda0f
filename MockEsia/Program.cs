using MockEsia;

if (args.Length > 0 && args[0] == "clients")
{
    return await MockEsia.Commands.ClientsCommand.RunAsync(args[1..], Console.Out, DateTimeOffset.UtcNow);
}

if (args.Length > 0 && args[0] == "proxy")
{
    return await MockEsia.Commands.ProxyCommand.RunAsync(args[1..], Console.Out);
}

if (args.Contains("--health"))
{
    return await HealthProbe.RunAsync(args);
}

try
{
    var app = MockEsiaServer.Build(args);
    app.Run();
    return 0;
}
catch (Exception ex) when (MockEsia.Configuration.StartupRefusal.Explain(ex) is { } why)
{
    // One clear message, no stack trace; the stack only when asked for with a Debug log level.
    await Console.Error.WriteLineAsync("MockEsia cannot start: " + why);
    if (args.Any(a => a.Equals("--Logging:LogLevel:Default=Debug", StringComparison.OrdinalIgnoreCase)) || Environment.GetEnvironmentVariable("Logging__LogLevel__Default") is "Debug" or "Trace")
    {
        await Console.Error.WriteLineAsync(ex.ToString());
    }

    return MockEsia.Configuration.StartupRefusal.ExitCode;
}

/// <summary>The entry point (public for test hosts).</summary>
internal partial class Program;
