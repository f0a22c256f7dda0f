using MockEsia;

var app = MockEsiaServer.Build(args);
app.Run();

/// <summary>The entry point (public for test hosts).</summary>
public partial class Program;
