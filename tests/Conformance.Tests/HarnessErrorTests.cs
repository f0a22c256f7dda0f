using Conformance.Specs.Runtime;

namespace Conformance.Tests;

/// <summary>Verdicts that are never blamed on the app wrongly: harness errors are the harness's, forged tokens are followed wherever they go.</summary>
[Collection("conformance")]
public class HarnessErrorTests
{
    private readonly ConformanceStack _stack;

    public HarnessErrorTests(ConformanceStack stack) => _stack = stack;

    [Fact]
    public async Task A_forged_access_token_naming_another_client_is_followed_to_the_REST_call_that_carries_it()
    {
        var target = await _stack.StartAppAsync(Mutant.All.Single(m => m.KilledBy == "ESIA-C27").Mutate);
        var result = (await _stack.RunAsync(target, "ESIA-C27")).Single();
        result.Outcome.Should().Be(Outcome.Failed);
        result.Message.Should().Contain("called ESIA's REST API with the forged access token", "the REST call names client OTHERSYS, yet it is found by the token it carries");
    }

    [Fact]
    public async Task An_exception_in_harness_code_is_a_harness_error_never_an_app_failure()
    {
        var target = await _stack.StartAppAsync();
        var folder = Directory.CreateTempSubdirectory("harness-error").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.feature"), """
            Feature: Сломанная проверка
              @MY-ERR @mandatory
              Scenario: Вердикт о подделке без подделки
                Given the app under test is registered with MockEsia
                When the person signs in through the app
                Then the app relied on no forged token
              @MY-UNDEFINED @mandatory
              Scenario: Неизвестный шаг
                Given the app under test is registered with MockEsia
                Then something nobody defined happens
            """);
        var (exit, output, _) = await _stack.RunCliAsync(target, folder, "--features", folder, "--tags", "MY-ERR,MY-UNDEFINED");
        exit.Should().Be(3, output);
        output.Should().Contain("ERROR MY-ERR").And.Contain("ERROR MY-UNDEFINED").And.Contain("0 passed, 0 failed, 0 inconclusive, 2 harness errors");
        System.Xml.Linq.XDocument.Load(Path.Combine(folder, "out", "junit.xml")).Descendants("error").Should().HaveCount(2);
    }

    [Fact]
    public async Task The_target_file_carries_MockEsia_client_switches_and_lifetimes_across_scenarios()
    {
        var target = await _stack.StartAppAsync();
        target.StrictState = true;
        target.RefreshProfile = RefreshSignatureProfile.Either;
        target.AccessTokenLifetimeSeconds = 900;
        var results = await _stack.RunAsync(target, "ESIA-C01", "ESIA-C04");
        results.Should().OnlyContain(r => r.Outcome == Outcome.Passed, string.Join("\n", results.Select(r => r.Message)));
        using var http = new HttpClient { BaseAddress = _stack.MockBase };
        var client = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement[]>(http, "/__admin/clients"))!
            .Single(c => c.GetProperty("clientId").GetString() == "MOCKSYS");
        client.GetProperty("strictState").GetBoolean().Should().BeTrue();
        client.GetProperty("refreshProfile").GetString().Should().Be("Either");
        client.GetProperty("accessTokenLifetimeSeconds").GetInt32().Should().Be(900);
    }
}
