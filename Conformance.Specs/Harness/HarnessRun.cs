namespace Conformance.Specs.Harness;

/// <summary>What a run shares with every scenario's bindings: the target and the MockEsia it is judged against.</summary>
public sealed class HarnessRun
{
    /// <summary>Creates the run settings.</summary>
    public HarnessRun(TargetApp target, MockEsiaDriver mock)
    {
        Target = target;
        Mock = mock;
    }

    /// <summary>The run in progress (bindings are created by Reqnroll and read it from here).</summary>
    public static HarnessRun? Current { get; set; }

    /// <summary>The app under test.</summary>
    public TargetApp Target { get; }

    /// <summary>MockEsia.</summary>
    public MockEsiaDriver Mock { get; }

    /// <summary>The harness of the scenario being run (read by the runner for evidence).</summary>
    public ScenarioHarness? Scenario { get; set; }
}

/// <summary>Thrown by a binding when the target lacks what the scenario needs; the scenario is skipped, not failed.</summary>
public sealed class ScenarioSkippedException(string message) : Exception(message);
