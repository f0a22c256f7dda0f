using System.Text.Json;
using System.Text.RegularExpressions;
using Conformance.Runner;
using Conformance.Specs.Harness;
using Conformance.Specs.Reports;
using Esia.TestSupport;
using Microsoft.Playwright;

namespace Conformance.Tests;

/// <summary>The approval evidence pack from a run against the reference app (ready) and a mutant (not ready).</summary>
[Collection("conformance")]
public class ApprovalPackTests
{
    private readonly ConformanceStack _stack;

    public ApprovalPackTests(ConformanceStack stack) => _stack = stack;

    private async Task<(int Exit, string Output, string Pack)> RunAsync(TargetApp target, params string[] extra)
    {
        var folder = Directory.CreateTempSubdirectory("approval").FullName;
        var file = Path.Combine(folder, "app.json");
        target.Operator = new TargetOperator { Name = "ООО «Тестовый оператор»", Ogrn = "1027700132195", Inn = "7707083893", Type = "иная организация", Domains = ["localhost"] };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(target, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var pack = Path.Combine(folder, "pack");
        var output = new StringWriter();
        var exit = await RunnerCommand.RunAsync(["run", "--target", file, "--mock", _stack.MockBase.ToString(), "--out", Path.Combine(folder, "out"), "--approval", pack, .. extra], output);
        return (exit, output.ToString(), pack);
    }

    private static void AssertMasked(string pack)
    {
        foreach (var file in Directory.EnumerateFiles(pack, "*", SearchOption.AllDirectories).Append(pack + ".zip"))
        {
            var text = File.ReadAllText(file);
            Regex.IsMatch(text, @"eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}").Should().BeFalse($"{file} must not hold a whole token");
            text.Should().NotContain("PRIVATE KEY", $"{file} must hold no key material");
            Regex.IsMatch(text, "client_secret=[A-Za-z0-9_%-]{40,}").Should().BeFalse($"{file} must not hold a whole client_secret");
        }
    }

    [Fact]
    public async Task A_run_against_the_reference_app_gives_a_ready_tamper_evident_masked_pack()
    {
        var (exit, output, pack) = await RunAsync(await _stack.StartAppAsync(), ConformanceStack.OneOrderTags);
        exit.Should().Be(0, output);
        output.Should().Contain("all mandatory scenarios passed");
        File.Exists(pack + ".zip").Should().BeTrue();
        Directory.EnumerateFiles(Path.Combine(pack, "evidence")).Should().HaveCount(ConformanceStack.ReferenceWithOneOrder.Sum(s => 1 + s.Readings.Count));
        var html = await File.ReadAllTextAsync(Path.Combine(pack, "index.html"));
        html.Should().Contain("Все обязательные сценарии пройдены").And.NotContain("Не готово к подаче")
            .And.Contain("Собственные доказательства интегратора").And.Contain("BC3D48A1C8D4CF7BCABE22A9B0D8EB729A5D7740B40E6802343A54FC6F63CBC3")
            .And.Contain("signed string").And.Contain("Streebog-256").And.Contain("<svg").And.Contain("ООО «Тестовый оператор»")
            .And.Contain("Не покрывается этим пакетом").And.Contain("Поведение реальной ЕСИА не подтверждено")
            .And.Contain("/aas/oauth2/v2/ac, /aas/oauth2/v3/te", "the pack states the endpoints the app used")
            .And.Contain("подпись без CMS (v2/v3), ГОСТ Р 34.10-2012", "and how it signed its requests")
            .And.Contain("Профиль подписи обновления маркера (refresh)</th><td>Strict (client_id", "and which refresh profile the app follows (docs/readings.md)")
            .And.Contain("пользователь входит через ИС — выполнено", "the steps read in Russian")
            .And.Contain("API ЕПГУ (подача заявлений)", "the API ЕПГУ scenarios ran, so the pack has their section")
            .And.Contain("<tr><th>Услуга (код формы)</th><td>10000000113</td></tr>").And.Contain("Жизнь одного заявления (EPGU-C01")
            .And.Contain("статус 3 «Услуга оказана»", "the order's life shows the statuses it went through")
            .And.Contain("POST /api/gusmev/push/chunked → 200").And.Contain("data-testid=\"diagram-order-")
            .And.Contain("до смены маркеры подписывались «C=RU", "C50 names ESIA's key before the rotation").And.Contain("после смены — «C=RU", "and after it")
            .And.Contain("ESIA-C31.OldRefreshToken-ValidUntilExpiry. Используется новый маркер обновления, а не прежний (при прочтении: прежний маркер обновления действует до истечения своего срока (OldRefreshToken=ValidUntilExpiry); docs/readings.md)",
                "a scenario run again under another reading says so in Russian, with the reading in words")
            .And.NotContain("(reading ", "the runner's English suffix is not in the pack");
        html.Should().NotContain("<script").And.NotContain("http://cdn", "the page is self-contained");
        PackProse.EnglishFragments(html).Should().BeEmpty("every line a reviewer reads is Russian (MockEsia's originals are marked lang=\"en\")");

        ApprovalPack.Verify(pack).Should().BeEmpty();
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(pack, "manifest.json"))).RootElement;
        manifest.GetProperty("set").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        manifest.GetProperty("files").EnumerateObject().Select(f => f.Name).Should().Contain("index.html").And.Contain("evidence/ESIA-C01.json");
        AssertMasked(pack);

        await File.AppendAllTextAsync(Path.Combine(pack, "evidence", "ESIA-C01.json"), " ");
        ApprovalPack.Verify(pack).Should().Equal("evidence/ESIA-C01.json");
    }

    [Fact]
    public void Every_token_defect_of_the_catalogue_reads_in_words_in_the_pack()
    {
        RussianSteps.TryTranslate("Given ESIA issues tokens with the defect BadSignature in the both tokens — ok")
            .Should().Be("ЕСИА выдаёт маркеры с дефектом «неверная подпись» (BadSignature) в обоих маркерах (доступа и id_token) — выполнено");
        var steps = ConformanceStack.Catalogue.SelectMany(s => s.Scenario.Steps).Select(s => s.Text).Where(t => t.StartsWith("ESIA issues tokens with the defect", StringComparison.Ordinal)).Distinct().ToArray();
        steps.Should().NotBeEmpty();
        foreach (var step in steps)
        {
            var russian = RussianSteps.TryTranslate($"Given {step} — ok");
            russian.Should().StartWith("ЕСИА выдаёт маркеры с дефектом «").And.NotContain("{").And.NotMatchRegex("«[A-Za-z]+»", $"'{step}' names its defect in words");
        }
    }

    [Fact]
    public async Task A_drift_report_given_with_the_run_is_carried_and_linked_and_never_read_as_agreement_without_a_comparison()
    {
        var watch = Directory.CreateTempSubdirectory("drift-for-pack").FullName;
        var report = new MockEsia.DriftWatch.DriftReport("https://esia-portal1.test.gosuslugi.ru/", DateTimeOffset.UtcNow);
        report.Failed("POST", "/aas/oauth2/v3/te", "Connection refused");
        report.WriteTo(watch);
        var (exit, output, pack) = await RunAsync(await _stack.StartAppAsync(), "--tags", "ESIA-C01", "--drift", Path.Combine(watch, "drift-report.json"));
        exit.Should().Be(0, output);
        File.Exists(Path.Combine(pack, "drift-report.json")).Should().BeTrue("the pack carries the report it links");
        var html = await File.ReadAllTextAsync(Path.Combine(pack, "index.html"));
        html.Should().Contain("data-testid=\"pack-drift\"").And.Contain("href=\"drift-report.json\"")
            .And.Contain("<th>Без ответа ЕСИА (не сравнивались)</th><td>1</td>").And.Contain("не определено: сравнений не было");
        ApprovalPack.Verify(pack).Should().BeEmpty("the manifest covers the drift report too");

        var notDrift = Path.Combine(watch, "other.json");
        await File.WriteAllTextAsync(notDrift, "{\"hello\":1}");
        var (refused, said, _) = await RunAsync(await _stack.StartAppAsync(), "--tags", "ESIA-C01", "--drift", notDrift);
        refused.Should().Be(2);
        said.Should().Contain("--drift: ").And.Contain("is not a drift report").And.Contain("MockEsia proxy");
    }

    [Fact]
    public async Task An_expired_app_certificate_is_stated_on_the_console_and_the_pack_is_not_ready()
    {
        var target = await _stack.StartAppAsync();
        target.Certificates = [Esia.TestSupport.Paths.Fixture("pki", "clients", "client-expired.cer.pem")];
        var (exit, output, pack) = await RunAsync(target, "--tags", "ESIA-C01");
        exit.Should().NotBe(0, output);
        output.Should().Contain("App certificate").And.Contain("EXPIRED or not yet valid (valid 2020-01-01 to 2021-01-01)").And.Contain("certificate ").And.Contain(" expired");
        var html = await File.ReadAllTextAsync(Path.Combine(pack, "index.html"));
        html.Should().Contain("data-testid=\"pack-not-ready\"").And.Contain("сертификат недействителен (срок 2020-01-01 — 2021-01-01): ЕСИА его не примет (ESIA-007053)");
    }

    [Fact]
    public async Task A_run_against_a_mutant_gives_a_pack_that_says_not_ready_on_every_page()
    {
        var target = await _stack.StartAppAsync(Mutant.All.Single(m => m.KilledBy == "ESIA-C40").Mutate);
        var (exit, output, pack) = await RunAsync(target, "--tags", "ESIA-C01,ESIA-C40");
        exit.Should().Be(1, output);
        output.Should().Contain("НЕ ГОТОВО К ПОДАЧЕ").And.Contain("ESIA-C40");
        var html = await File.ReadAllTextAsync(Path.Combine(pack, "index.html"));
        Regex.Matches(html, "Не готово к подаче").Count.Should().Be(3, "the top of the page and each of the two scenario sections say so");
        output.Should().Contain("App certificate C=RU,O=MockEsia test IS,CN=MOCKSYS: valid until 2036-01-01", "the console states the app certificate's validity");
        html.Should().Contain("UTC; осталось ");
        html.Should().Contain("ESIA-C40 (не пройден)");
        PackProse.EnglishFragments(html).Should().BeEmpty("a failing app's pack is Russian too: the failure and its reasons");
        AssertMasked(pack);
    }

    [BrowserFact]
    public async Task The_pack_renders_in_a_browser_and_its_summary_matches_the_run()
    {
        var (_, _, pack) = await RunAsync(await _stack.StartAppAsync(), ConformanceStack.OneOrderTags);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = Chromium.Arguments });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(pack, "index.html")).AbsoluteUri);
        (await page.GetByTestId("pack-title").InnerTextAsync()).Should().Be("Пакет доказательств тестирования интеграции с ЕСИА");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(pack, "evidence")))
        {
            var scenario = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
            var id = scenario.GetProperty("id").GetString()!;
            var expected = scenario.GetProperty("outcome").GetString() switch
            {
                "Passed" => "пройден",
                "Failed" => "не пройден",
                "Inconclusive" => "результат не определён",
                _ => "ошибка средства проверки",
            };
            (await page.GetByTestId($"outcome-{id}").InnerTextAsync()).Should().Be(expected);
            (await page.GetByTestId($"diagram-{id}").CountAsync()).Should().Be(1);
        }

        Directory.CreateDirectory("artifacts");
        await page.ScreenshotAsync(new() { Path = Path.Combine("artifacts", "approval-pack.png"), FullPage = false });
        var pdf = await page.PdfAsync(new() { Path = Path.Combine("artifacts", "approval-pack.pdf"), Format = "A4" });
        pdf.Length.Should().BeGreaterThan(10_000, "the pack prints to PDF");

        // The printed pack, read back: every scenario's heading is in its text, Cyrillic intact, nothing past the right margin.
        using var printed = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var pages = printed.GetPages().ToArray();
        var text = string.Join("\n", pages.Select(p => p.Text));
        var normalised = Regex.Replace(text, "\\s+", "");
        normalised.Should().Contain("ПакетдоказательствтестированияинтеграциисЕСИА", "Cyrillic survives printing and text extraction");
        var html = await File.ReadAllTextAsync(Path.Combine(pack, "index.html"));
        foreach (Match heading in Regex.Matches(html, "<section class=\"scenario\" data-testid=\"scenario-[^\"]+\"><h2>([^<]+)</h2>"))
        {
            normalised.Should().Contain(Regex.Replace(System.Net.WebUtility.HtmlDecode(heading.Groups[1].Value), "\\s+", ""), "every scenario's heading is printed");
        }

        var beyond = pages.SelectMany(p => p.Letters.Where(l => l.BoundingBox.Right > p.Width + 0.5).Select(l => $"page {p.Number}: '{l.Value}' at {l.BoundingBox.Right:0} of {p.Width:0}")).ToArray();
        beyond.Should().BeEmpty("no table or text is cut off at the right margin");
    }

    [Fact]
    public async Task The_pack_is_valid_HTML_with_one_element_per_id()
    {
        var (_, _, pack) = await RunAsync(await _stack.StartAppAsync(), "--tags", "ESIA-C01,ESIA-C20,EPGU-C01");
        var errors = new List<string>();
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        parser.Error += (_, e) => errors.Add(((AngleSharp.Html.Dom.Events.HtmlErrorEvent)e).Message + " at " + ((AngleSharp.Html.Dom.Events.HtmlErrorEvent)e).Position);
        using var document = parser.ParseDocument(await File.ReadAllTextAsync(Path.Combine(pack, "index.html")));
        errors.Should().BeEmpty("the HTML parser reports no error");
        document.QuerySelectorAll("[id]").Select(e => e.Id).Should().OnlyHaveUniqueItems();
        document.QuerySelectorAll("[data-testid]").Select(e => e.GetAttribute("data-testid")).Should().OnlyHaveUniqueItems();
        document.DocumentElement.GetAttribute("lang").Should().Be("ru");
    }
}
