namespace MockEsia.Abstractions;

/// <summary>
/// One behaviour the reference calls unknown, with both readings MockEsia offers (<c>GET /__admin/readings</c>;
/// <c>PUT /__admin/readings/{name}?value=…</c> changes a server-wide one until the next reset).
/// </summary>
/// <param name="Name">The reading's name, e.g. <c>PkceMethod</c>.</param>
/// <param name="Setting">Where it is set: a configuration key (<c>MockEsia:Readings:PkceMethod</c>) or a client switch (<c>refreshProfile</c>).</param>
/// <param name="PerClient">Whether it is a client switch rather than a server-wide setting.</param>
/// <param name="Current">The value in force (server-wide readings); the default for client switches.</param>
/// <param name="Values">The readings offered.</param>
/// <param name="Default">The default, the reading judged likelier.</param>
/// <param name="WhyDefault">Why that reading is the default.</param>
/// <param name="Reference">The reference section that says the behaviour is unknown.</param>
/// <param name="BothSatisfiable">Whether one correct app can satisfy every reading (else the readings exclude each other).</param>
public sealed record ReadingSummary(string Name, string Setting, bool PerClient, string Current, IReadOnlyList<string> Values, string Default, string WhyDefault,
    string Reference, bool BothSatisfiable);
