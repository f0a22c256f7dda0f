using Reqnroll.BoDi;
using Reqnroll.Formatters.Configuration;
using Reqnroll.Infrastructure;

namespace Conformance.Specs.Runtime;

/// <summary>
/// Reqnroll's container builder for one harness run: it tells Reqnroll's HTML and Cucumber-messages formatters where
/// this run's report folder is (or turns them off), instead of Reqnroll's <c>reqnroll.json</c> or environment variables.
/// </summary>
internal sealed class HarnessContainerBuilder(string? reportFolder) : ContainerBuilder(new HarnessDependencies(reportFolder))
{
    /// <summary>Reqnroll's defaults with the formatters' configuration replaced (before anything resolves it).</summary>
    private sealed class HarnessDependencies(string? reportFolder) : DefaultDependencyProvider
    {
        public override void RegisterGlobalContainerDefaults(ObjectContainer container)
        {
            base.RegisterGlobalContainerDefaults(container);
            container.RegisterInstanceAs<IFormattersConfigurationProvider>(new ReportFormatters(reportFolder));
        }
    }

    /// <summary>The formatters' configuration: both write into the report folder, or neither runs without one.</summary>
    private sealed class ReportFormatters(string? folder) : IFormattersConfigurationProvider
    {
        private static readonly Dictionary<string, string> FileNames = new(StringComparer.Ordinal)
        {
            ["html"] = "reqnroll_report.html",
            ["message"] = "reqnroll_report.ndjson",
        };

        public bool Enabled => folder is not null;

        public IDictionary<string, object> GetFormatterConfigurationByName(string formatterName) =>
            folder is not null && FileNames.TryGetValue(formatterName, out var file)
                ? new Dictionary<string, object> { ["outputFilePath"] = Path.GetFullPath(Path.Combine(folder, file)) }
                : new Dictionary<string, object>();

        public string ResolveTemplatePlaceholders(string template) => template;
    }
}
