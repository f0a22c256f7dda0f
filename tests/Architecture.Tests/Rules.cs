namespace Architecture.Tests;

/// <summary>
/// The rules <c>docs/architecture.md</c> draws: which project may reference which, and which folder of MockEsia may use
/// which. The tests hold the code to them, and the document's diagrams are drawn from them, so neither can drift.
/// </summary>
internal static class Rules
{
    /// <summary>Every project of the solution and the projects it may (and does) reference.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Projects = new Dictionary<string, string[]>
    {
        ["Esia.Protocol"] = [],
        ["MockEsia.Abstractions"] = [],
        ["MockEpgu"] = ["Esia.Protocol", "MockEsia.Abstractions"],
        ["MockEsia"] = ["Esia.Protocol", "MockEsia.Abstractions", "MockEpgu"],
        ["Esia.Client"] = ["Esia.Protocol"],
        ["MockEsia.Testcontainers"] = ["MockEsia.Abstractions"],
        ["ReferenceApp"] = ["Esia.Client"],
        ["Conformance.Specs"] = ["MockEsia.Abstractions", "Esia.Protocol"],
        ["Conformance.Runner"] = ["Conformance.Specs", "MockEsia"],
        ["Esia.Benchmarks"] = ["Esia.Protocol"],
        ["Esia.LoadDriver"] = ["Esia.Protocol", "MockEsia.Abstractions"],
        ["MockEsia.BenchHost"] = ["MockEsia"],
        ["Esia.TestSupport"] = ["Esia.Protocol"],
        ["Esia.Protocol.Tests"] = ["Esia.Protocol", "Esia.TestSupport"],
        ["MockEsia.Tests"] = ["MockEsia", "Esia.TestSupport", "MockEsia.BenchHost", "ReferenceApp"],
        ["MockEsia.BrowserTests"] = ["MockEsia", "Esia.TestSupport"],
        ["MockEpgu.Tests"] = ["MockEpgu", "MockEsia", "Esia.TestSupport"],
        ["Esia.Client.Tests"] = ["Esia.Client", "ReferenceApp", "MockEsia", "Esia.TestSupport"],
        ["Conformance.Tests"] = ["Conformance.Specs", "Conformance.Runner", "ReferenceApp", "MockEsia", "Esia.TestSupport"],
        ["Delivery.Tests"] = ["Esia.TestSupport", "MockEsia"],
        ["Esia.Fuzz"] = ["Esia.Protocol", "MockEsia"],
        ["Architecture.Tests"] = ["MockEsia", "Esia.TestSupport"],
    };

    /// <summary>The folders of <c>MockEsia/</c> (the first namespace segment; <c>(root)</c> for the server's own files) and the folders each uses.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Folders = new Dictionary<string, string[]>
    {
        [FolderGraph.Root] = ["Admin", "Clients", "Configuration", "Diagnostics", "Endpoints", "Epgu", "Faults", "Fixtures", "Journal", "People", "Routing", "State", "Time", "Tls", "Tokens", "Validation"],
        ["Epgu"] = ["Clients", "Configuration", "Endpoints", "Faults", "Fixtures", "Journal", "People", "Requests", "Responses", "Routing", "State"],
        ["Commands"] = ["Clients", "Configuration", "DriftWatch", "Fixtures"],
        ["Hosting"] = [FolderGraph.Root, "Configuration"],
        ["DriftWatch"] = [FolderGraph.Root, "Admin", "Clients", "Configuration", "Fixtures", "Journal", "Pages", "People", "Responses"],
        ["Endpoints"] = ["Admin", "Clients", "Configuration", "Consents", "Errors", "Faults", "Journal", "Pages", "People", "Requests", "Responses", "Routing", "State", "Tokens", "Validation"],
        ["Admin"] = ["Clients", "Configuration", "Consents", "Faults", "Fixtures", "Journal", "Pages", "People", "Requests", "State", "Time", "Tls", "Tokens"],
        ["State"] = ["Configuration", "Consents", "Errors", "Faults", "Journal", "Responses", "Time"],
        ["Tokens"] = ["Clients", "Configuration", "Faults"],
        ["Faults"] = ["Errors", "Journal", "Responses", "Routing"],
        ["Responses"] = ["Configuration", "Errors", "Journal", "Pages"],
        ["Pages"] = ["Clients", "Consents", "Errors"],
        ["Consents"] = ["Configuration", "Errors", "Validation"],
        ["Validation"] = ["Clients", "Configuration", "Diagnostics", "Errors", "Journal"],
        ["Diagnostics"] = ["Clients", "Configuration", "Journal"],
        ["Journal"] = ["Configuration", "Errors", "Requests", "Routing"],
        ["Fixtures"] = ["Clients", "Configuration", "People", "Tokens"],
        ["People"] = ["Configuration", "Errors"],
        ["Clients"] = ["Configuration"],
        ["Tls"] = ["Configuration"],
        ["Routing"] = [],
        ["Requests"] = [],
        ["Errors"] = [],
        ["Configuration"] = [],
        ["Time"] = [],
    };

    /// <summary>A Mermaid flowchart of a rule table.</summary>
    public static string Mermaid(IReadOnlyDictionary<string, string[]> rules, string direction)
    {
        static string Id(string name) => name == FolderGraph.Root ? "root" : name.Replace('.', '_');
        static string Label(string name) => name == FolderGraph.Root ? "MockEsia/ (root)" : name;
        var lines = new List<string> { "```mermaid", $"flowchart {direction}" };
        lines.AddRange(rules.Keys.Select(n => $"    {Id(n)}[\"{Label(n)}\"]"));
        lines.AddRange(rules.SelectMany(r => r.Value.Select(to => $"    {Id(r.Key)} --> {Id(to)}")));
        lines.Add("```");
        return string.Join('\n', lines);
    }
}
