using Conformance.Specs.Reports;

namespace Conformance.Tests;

/// <summary>The English-prose rule of the approval pack (issue 32) on the fragments the issue found and on the pack's Russian.</summary>
public class PackProseTests
{
    [Theory]
    [InlineData("✓ a UUID")]
    [InlineData("✓ verified over the V2Authorize string with C=RU,O=MockEsia test IS,CN=MOCKSYS")]
    [InlineData("MockEsia reset; MOCKSYS registered with 1 certificate(s), redirect URIs http://127.0.0.1:5000/signin-esia")]
    [InlineData("Precondition: a clean login signs the person in (learnt once per run).")]
    [InlineData("ЕСИА выдаёт маркеры с дефектом BadSignature (both)")]
    [InlineData("Используется новый маркер обновления (reading OldRefreshToken=ValidUntilExpiry)")]
    [InlineData("Средство проверки: ESIA conformance runner 0.1.0")]
    public void The_fragments_the_issue_found_are_English_prose(string text) => PackProse.IsProse(text).Should().BeTrue();

    [Theory]
    [InlineData("ЕСИА выдаёт маркеры с дефектом «неверная подпись» (BadSignature) в обоих маркерах (доступа и id_token) — выполнено")]
    [InlineData("v2/ac ESIA-007053: подпись client_secret не проверяется сертификатом ИС по ожидаемой строке (проверка client_secret.signature)")]
    [InlineData("✓ state — UUID")]
    [InlineData("Проверка входа GET /me → 200: пользователь вошёл.")]
    [InlineData("до смены маркеры подписывались «C=RU,O=MockEsia,CN=MockEsia token signing GOST 2026» (действует до 2036-01-01)")]
    [InlineData("Профиль подписи обновления маркера: Strict (client_id+scope+scope_org+timestamp+state+redirect_uri)")]
    public void The_packs_Russian_with_identifiers_and_quoted_names_is_not(string text) => PackProse.IsProse(text).Should().BeFalse();

    [Fact]
    public void Every_step_of_the_catalogue_reads_in_Russian_in_every_outcome()
    {
        var steps = ConformanceStack.Catalogue.SelectMany(s => s.Background?.Steps.Concat(s.Scenario.Steps) ?? s.Scenario.Steps).Select(s => s.Text).Distinct().ToArray();
        steps.Should().HaveCountGreaterThan(50);
        foreach (var outcome in new[] { "ok", "failed", "inconclusive", "skipped" })
        {
            var untranslated = steps.Where(step => RussianSteps.TryTranslate($"Given {step} — {outcome}") is not { } russian || PackProse.IsProse(russian)).ToArray();
            untranslated.Should().BeEmpty($"every step of the catalogue has a Russian line in the pack ({outcome})");
        }
    }

    [Fact]
    public void An_integrators_own_step_and_message_are_marked_untranslated_not_passed_off_as_Russian()
    {
        var target = ConformanceStack.ReferenceTarget(new Uri("http://127.0.0.1:8090"), new Uri("http://127.0.0.1:5000"));
        var own = new Conformance.Specs.Runtime.ScenarioResult
        {
            Id = "MY-01", Title = "Мой сценарий", Level = "recommended", Feature = "my.feature", Outcome = Conformance.Specs.Runtime.Outcome.Inconclusive,
            Message = "my own precondition did not hold",
            Steps = ["Given the app under test is registered with MockEsia — ok", "Given my app has a basket — inconclusive"],
        };
        var folder = Directory.CreateTempSubdirectory("own").FullName;
        ApprovalPack.Write(new Conformance.Specs.Runtime.RunResult(target.BaseUrl, DateTimeOffset.UtcNow, TimeSpan.Zero, [own]), target, Path.Combine(folder, "pack"));
        var html = File.ReadAllText(Path.Combine(folder, "pack", "index.html"));
        html.Should().Contain("<li>проверяемая ИС зарегистрирована в MockEsia — выполнено</li>", "the catalogue's step reads in Russian")
            .And.Contain("<li>шаг без перевода (собственный шаг интегратора): <span lang=\"en\">Given my app has a basket — inconclusive</span></li>")
            .And.Contain("— <span lang=\"en\">my own precondition did not hold</span>", "a message with no Russian is shown as English, marked");
        PackProse.EnglishFragments(html).Should().BeEmpty();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Text_marked_English_or_code_is_the_developers_and_not_counted()
    {
        PackProse.EnglishFragments("<html><body><p>Диагноз: <span lang=\"en\">The signature does not verify.</span></p><td><code>openid fullname email</code></td></body></html>")
            .Should().BeEmpty();
        PackProse.EnglishFragments("<html><body><ul><li>Relied on no token: the app refused the forged id_token.</li></ul><svg><text>signed in</text></svg></body></html>")
            .Should().HaveCount(2, "a list item and a diagram label a person sees");
    }
}
