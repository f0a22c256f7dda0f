using System.Text.RegularExpressions;
using Conformance.Specs.Reports;
using Esia.TestSupport;

namespace Conformance.Tests;

/// <summary>
/// MockEsia's diagnoses in the approval pack's Russian (issue 32): every check id MockEsia refuses under has a Russian
/// rendering, and an unknown one is named as such, never passed off as translated.
/// </summary>
public class RussianDiagnosesTests
{
    // Where MockEsia names a refusal's check: new Refusal(EsiaErrors.X, "id", …) and its helpers, RestError's codes,
    // and the parameters whose names are the check (EsiaParameters.X, InvalidGrant's "{parameter}.grant").
    private static readonly Regex Literal = new(@"(?:new(?: Refusal)?\(\s*(?:EsiaErrors\.\w+|error),\s*|Secret\(|Refuse\((?:EsiaErrors\.\w+,\s*)?|Fail\((?:EsiaErrors\.\w+,\s*)?)""(?<id>[a-z_.]+)""", RegexOptions.CultureInvariant);
    private static readonly Regex Rest = new(@"RestError\(context, StatusCodes\.\w+, ""(?<code>[a-z_]+)""", RegexOptions.CultureInvariant);
    private static readonly Regex Parameter = new(@"new(?: Refusal)?\(\s*EsiaErrors\.\w+,\s*(?<parameter>EsiaParameters\.\w+|PersonFilterParameter)", RegexOptions.CultureInvariant);
    private static readonly Regex Grant = new(@"InvalidGrant\((?<parameter>EsiaParameters\.\w+)", RegexOptions.CultureInvariant);

    [Fact]
    public void Every_check_MockEsia_refuses_under_reads_in_Russian()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Paths.Root, "MockEsia"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToArray();
        var ids = sources.SelectMany(s => Literal.Matches(s).Select(m => m.Groups["id"].Value))
            .Concat(sources.SelectMany(s => Rest.Matches(s).Select(m => "rest." + m.Groups["code"].Value)))
            .Concat(["rest.invalid_token", "rest.insufficient_scope"])
            .Concat(sources.SelectMany(s => Parameter.Matches(s).Select(m => ParameterName(m.Groups["parameter"].Value))))
            .Concat(sources.SelectMany(s => Grant.Matches(s).Select(m => ParameterName(m.Groups["parameter"].Value) + ".grant")))
            .Distinct().Order().ToArray();

        ids.Should().Contain(["client_secret.signature", "client_certificate_hash.removed", "state.format", "permissions.format", "scope.prm_chg", "rest.not_found", "code.grant", "token_type", "certificate.validity"],
            "the scan finds MockEsia's checks");
        ids.Where(id => RefusalChecks.Russian(id) is null).Should().BeEmpty("each of MockEsia's checks has a Russian rendering for the pack");
    }

    [Fact]
    public void A_diagnostic_reads_as_its_check_in_Russian_and_an_unknown_check_is_named_as_untranslated()
    {
        RussianDiagnoses.Diagnostic("[client_certificate_hash.removed] The certificate X was removed from the registration. Fix: sign with the new key.")
            .Should().Be("client_certificate_hash называет сертификат, удалённый из регистрации ИС (проверка client_certificate_hash.removed)");
        RussianDiagnoses.Diagnostic("[permissions.actions] The consent names no actions.").Should().StartWith("запрос согласий (permissions) сформирован неверно");
        RussianDiagnoses.Diagnostic("[brand.new] Something.").Should().Be("не пройдена проверка brand.new (подробности — в оригинале диагноза)");
        RussianDiagnoses.Doctor("The signature is byte-reversed: CryptoPro CSP output not mirrored. Expected: 'x'. Fix: reverse (3 candidates tried)")
            .Should().Be("подпись с обратным порядком байтов: вывод CryptoPro CSP не развёрнут");
        RussianDiagnoses.Epgu("order_access", 403).Should().Be("у пользователя нет прав на это заявление");
        RussianDiagnoses.Epgu(null, 503).Should().Be("сервис временно недоступен (503)");
    }

    [Fact]
    public void A_refusal_reads_with_its_endpoint_code_and_the_doctors_cause()
    {
        var refused = new JournalEntry
        {
            Endpoint = "v2/ac", Status = 302, ErrorCode = "ESIA-007053",
            Diagnostic = "[client_secret.signature] The signature does not verify.",
            Doctor = "The fields are concatenated in the wrong order (scope before client_id). Expected: 'x'. Fix: y (4 candidates tried)",
        };
        RussianDiagnoses.Refusals([refused, refused]).Should().Be(
            "v2/ac ESIA-007053: подпись client_secret не проверяется сертификатом ИС по ожидаемой строке (проверка client_secret.signature); доктор подписи: поля подписываемой строки соединены в неверном порядке");
    }

    private static string ParameterName(string member) => member == "PersonFilterParameter" ? "person_filter"
        : (string)typeof(Esia.Protocol.EsiaParameters).GetField(member["EsiaParameters.".Length..])!.GetValue(null)!;
}
