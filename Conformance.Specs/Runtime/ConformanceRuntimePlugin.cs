using Conformance.Specs.Harness;
using Conformance.Specs.Runtime;
using Reqnroll;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;

[assembly: RuntimePlugin(typeof(ConformanceRuntimePlugin))]

namespace Conformance.Specs.Runtime;

/// <summary>Registers the harness's own "unit test provider" with Reqnroll, since no xUnit/NUnit/MSTest integration runs the features.</summary>
public sealed class ConformanceRuntimePlugin : IRuntimePlugin
{
    /// <summary>The provider's name.</summary>
    public const string ProviderName = "mockesia-conformance";

    /// <inheritdoc />
    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<HarnessTestRuntimeProvider, IUnitTestRuntimeProvider>(ProviderName);
            e.ObjectContainer.RegisterTypeAs<HarnessAttachmentHandler, IReqnrollAttachmentHandler>();
        };
        runtimePluginEvents.CustomizeTestThreadDependencies += (_, e) => e.ObjectContainer.RegisterTypeAs<QuietTraceListener, Reqnroll.Tracing.ITraceListener>();
    }
}

/// <summary>What Reqnroll asks of a test framework: pending, inconclusive, ignored, and which exceptions mean "skipped" (inconclusive).</summary>
public sealed class HarnessTestRuntimeProvider : IUnitTestRuntimeProvider
{
    /// <inheritdoc />
    public void TestPending(string message) => throw new InvalidOperationException("A step is undefined or pending (a set-up error, not a verdict on the app): " + message);

    /// <inheritdoc />
    public void TestInconclusive(string message) => throw new InconclusiveException(message, "сценарий объявлен не определённым: " + message);

    /// <inheritdoc />
    public void TestIgnore(string message) => throw new InconclusiveException("ignored by its feature: " + message, "сценарий пропущен его функцией: " + message);

    /// <inheritdoc />
    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) =>
        exception is InconclusiveException ? ScenarioExecutionStatus.Skipped : null;
}

/// <summary>Keeps Reqnroll's step trace off the console: the runner prints one line per scenario and the reports hold the steps.</summary>
public sealed class QuietTraceListener : Reqnroll.Tracing.ITraceListener
{
    /// <inheritdoc />
    public void WriteTestOutput(string message)
    {
    }

    /// <inheritdoc />
    public void WriteToolOutput(string message)
    {
    }
}

/// <summary>
/// The test framework's side of an attachment: nothing to do, since Reqnroll's own formatters record the attachment
/// in <c>reqnroll_report.html</c> and <c>.ndjson</c>; Reqnroll needs a handler registered all the same.
/// </summary>
public sealed class HarnessAttachmentHandler : IReqnrollAttachmentHandler
{
    /// <inheritdoc />
    public void AddAttachment(string filePath)
    {
    }
}
