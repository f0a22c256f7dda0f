using ReferenceApp;

ReferenceAppHost.Build(args).Run();

/// <summary>The entry point (public for test hosts).</summary>
public partial class Program;
