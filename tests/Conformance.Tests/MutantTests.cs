using Conformance.Specs.Runtime;

namespace Conformance.Tests;

/// <summary>The harness proves itself: each defective variant of the reference app fails the mandatory scenario named for it.</summary>
[Collection("conformance")]
public class MutantTests
{
    private readonly ConformanceStack _stack;
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public MutantTests(ConformanceStack stack, Xunit.Abstractions.ITestOutputHelper output)
    {
        _stack = stack;
        _output = output;
    }

    public static TheoryData<Mutant> Mutants() => new(Mutant.All.Concat(EpguMutants.All));

    [Theory]
    [MemberData(nameof(Mutants))]
    public async Task Each_mutant_fails_its_scenario(Mutant mutant)
    {
        var target = await _stack.StartAppAsync(mutant.Mutate);
        var results = await _stack.RunAsync(target, mutant.KilledBy);
        PackProse.InPackOf(results, target).Should().BeEmpty($"the approval pack of the mutant '{mutant.Name}' reads in Russian: the failure, its diagnosis, the requests and the diagram");
        foreach (var result in results)
        {
            result.Level.Should().Be(ConformanceStack.Catalogue.Single(s => s.Id == mutant.KilledBy).Level);
            result.Outcome.Should().Be(Outcome.Failed, $"the mutant '{mutant.Name}' should be caught by {result.Id} under every reading; steps:\n{string.Join('\n', result.Steps)}");
            result.Message.Should().NotBeNullOrWhiteSpace();
            var russian = new[] { result.RussianMessage!, result.RussianDiagnosis ?? "" }.Concat(result.RussianChecks).ToArray();
            result.RussianMessage.Should().NotBeNullOrWhiteSpace("the approval pack states the failure in Russian");
            russian.Where(PackProse.IsProse).Should().BeEmpty($"the approval pack's lines about the mutant '{mutant.Name}' read in Russian");
            _output.WriteLine($"{mutant.Name} → {result.Id} {result.Outcome}: {result.Message}");
        }
    }

    [Fact]
    public async Task The_runner_exits_non_zero_when_a_mandatory_scenario_fails()
    {
        var target = await _stack.StartAppAsync(Mutant.All.Single(m => m.KilledBy == "ESIA-C40").Mutate);
        var (exit, output, _) = await _stack.RunCliAsync(target, null, "--tags", "ESIA-C40,ESIA-C04");
        exit.Should().Be(1, output);
        output.Should().Contain("FAIL ESIA-C40").And.Contain("expected: ").And.Contain("1 passed, 1 failed, 0 inconclusive, 0 harness errors");
    }

    [Fact]
    public void There_are_at_least_fifteen_mutants_each_aimed_at_a_mandatory_scenario()
    {
        Mutant.All.Should().HaveCountGreaterThanOrEqualTo(15);
        Mutant.All.Select(m => m.KilledBy).Should().OnlyContain(id => ConformanceStack.Catalogue.Single(s => s.Id == id).Level == "mandatory");
    }

    [Fact]
    public void Every_scenario_of_API_EPGU_has_its_mutant()
    {
        var epgu = ConformanceStack.Catalogue.Where(s => s.Tags.Contains(FeatureRunner.EpguTag)).Select(s => s.Id).ToArray();
        epgu.Should().HaveCountGreaterThanOrEqualTo(9);
        EpguMutants.All.Select(m => m.KilledBy).Should().BeEquivalentTo(epgu);
    }
}
