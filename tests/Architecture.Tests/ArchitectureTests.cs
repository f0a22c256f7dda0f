using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Esia.TestSupport;

namespace Architecture.Tests;

/// <summary>
/// The arrows of <c>docs/architecture.md</c>, held by the build: a project reference or a use between MockEsia's folders
/// that the rules (<see cref="Rules"/>) do not draw fails here, and so does a rule nothing uses or a diagram out of date.
/// </summary>
public partial class ArchitectureTests
{
    private static readonly Lazy<IReadOnlyDictionary<(string From, string To), string>> Arrows =
        new(() => FolderGraph.Read(typeof(MockEsia.MockEsiaServer).Assembly.Location, "MockEsia"));

    [Fact]
    public void MockEsias_folders_use_only_the_folders_the_rules_allow()
    {
        var forbidden = Arrows.Value.Where(a => !Rules.Folders.TryGetValue(a.Key.From, out var allowed) || !allowed.Contains(a.Key.To))
            .Select(a => $"{a.Key.From} → {a.Key.To}: {a.Value}").ToArray();
        forbidden.Should().BeEmpty("docs/architecture.md does not draw these arrows (add the rule to Rules.Folders, and the diagram, only if the arrow is meant)");
    }

    [Fact]
    public void Every_folder_rule_is_used_and_every_folder_has_one()
    {
        var unused = Rules.Folders.SelectMany(r => r.Value.Select(to => (r.Key, to))).Where(a => !Arrows.Value.ContainsKey(a)).Select(a => $"{a.Key} → {a.to}");
        unused.Should().BeEmpty("a rule nothing uses makes the document say more than the code does");
        var folders = typeof(MockEsia.MockEsiaServer).Assembly.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("MockEsia", StringComparison.Ordinal))
            .Select(n => n == "MockEsia" ? FolderGraph.Root : n["MockEsia.".Length..].Split('.')[0]).Distinct();
        folders.Should().BeSubsetOf(Rules.Folders.Keys);
    }

    [Fact]
    public void The_folder_rules_have_no_cycle() => Cycle(Rules.Folders).Should().BeNull();

    [Fact]
    public void Every_project_references_exactly_what_the_rules_allow()
    {
        var actual = SolutionProjects().ToDictionary(p => Path.GetFileNameWithoutExtension(p), References);
        actual.Keys.Should().BeEquivalentTo(Rules.Projects.Keys, "every project of MockEsia.sln has its rule");
        foreach (var (project, references) in actual)
        {
            references.Should().BeEquivalentTo(Rules.Projects[project], $"{project}'s references are the ones docs/architecture.md draws");
        }
    }

    [Fact]
    public void The_project_rules_keep_the_lines_the_design_draws()
    {
        Cycle(Rules.Projects).Should().BeNull();
        Rules.Projects["Esia.Protocol"].Should().BeEmpty("everything may use Esia.Protocol, which uses none of them");
        Reachable("MockEsia").Should().NotContain("Esia.Client");
        Reachable("Esia.Client").Should().NotContain("MockEsia");
        Reachable("Conformance.Specs").Should().NotContain(["Esia.Client", "MockEsia"], "the specs talk to MockEsia through its admin API only and never use the reference client");
    }

    [Fact]
    public void The_shipped_server_holds_no_test_or_benchmark_code_and_no_process_wide_switch()
    {
        var types = typeof(MockEsia.MockEsiaServer).Assembly.GetTypes();
        types.Select(t => t.FullName!).Should().NotContain(n => n.Contains("TestDrift") || n.Contains("Prefill") || n.Contains("Benchmark"));
        var switches = types.Where(t => !t.Name.StartsWith('<'))
            .SelectMany(t => t.GetProperties(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod is not null && !p.SetMethod.IsPrivate).Select(p => $"{t.FullName}.{p.Name}")
                .Concat(t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.DeclaredOnly).Where(f => !f.IsInitOnly && !f.IsLiteral).Select(f => $"{t.FullName}.{f.Name}")));
        switches.Should().BeEmpty("a static that can be set changes every server in the process");
    }

    [Fact]
    public void The_document_draws_the_rules()
    {
        var path = Path.Combine(Paths.Root, "docs", "architecture.md");
        var text = File.ReadAllText(path);
        var drawn = Replace(Replace(text, "projects", Rules.Mermaid(Rules.Projects, "LR")), "folders", Rules.Mermaid(Rules.Folders, "TD"));
        if (Environment.GetEnvironmentVariable("UPDATE_ARCHITECTURE_DOC") == "1")
        {
            File.WriteAllText(path, drawn);
        }

        drawn.Should().Be(text, "docs/architecture.md's diagrams are drawn from Rules (UPDATE_ARCHITECTURE_DOC=1 dotnet test tests/Architecture.Tests redraws them)");
    }

    private static string Replace(string text, string name, string block)
    {
        var match = Regex.Match(text, $"<!-- {name}:begin -->\n.*?<!-- {name}:end -->", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"docs/architecture.md marks its {name} diagram with <!-- {name}:begin --> and <!-- {name}:end -->");
        return string.Concat(text.AsSpan(0, match.Index), $"<!-- {name}:begin -->\n{block}\n<!-- {name}:end -->", text.AsSpan(match.Index + match.Length));
    }

    private static IEnumerable<string> SolutionProjects() => SolutionProject().Matches(File.ReadAllText(Path.Combine(Paths.Root, "MockEsia.sln")))
        .Select(m => Path.Combine(Paths.Root, m.Groups[1].Value.Replace('\\', '/')));

    private static string[] References(string csproj) => [.. XDocument.Load(csproj).Descendants("ProjectReference")
        .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))];

    private static HashSet<string> Reachable(string project)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>(Rules.Projects[project]);
        while (queue.TryDequeue(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var further in Rules.Projects[next])
                {
                    queue.Enqueue(further);
                }
            }
        }

        return seen;
    }

    // A cycle as "A → B → A", or null.
    private static string? Cycle(IReadOnlyDictionary<string, string[]> rules)
    {
        var state = new Dictionary<string, int>();
        var path = new Stack<string>();
        string? Visit(string node)
        {
            state[node] = 1;
            path.Push(node);
            foreach (var next in rules.TryGetValue(node, out var targets) ? targets : [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return string.Join(" → ", path.Reverse().SkipWhile(n => n != next).Append(next));
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.Pop();
            state[node] = 2;
            return null;
        }

        return rules.Keys.Where(k => state.GetValueOrDefault(k) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    [GeneratedRegex("\"([^\"]+\\.csproj)\"")]
    private static partial Regex SolutionProject();
}
