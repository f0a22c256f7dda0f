using Conformance.Specs.Harness;
using Conformance.Specs.Runtime;
using Microsoft.AspNetCore.Builder;
using MockEsia;

namespace Conformance.Runner;

/// <summary>
/// <c>conformance preflight --target app.json</c>: the switch to production ESIA, checked where it can be observed. The
/// runner serves a MockEsia acting as production ESIA (issuer <c>http://esia.gosuslugi.ru/</c>, signing keys of its own,
/// the app registered with its production certificate) at the address the target's <c>production</c> block names, and
/// judges the app started in its production configuration: it must follow that address, sign with the production
/// certificate, accept the production issuer and keys it is given (not the test ones, nor a key built in), refuse
/// forged, foreign-key and foreign-issuer tokens there too, and keep working through a rotation of the production keys.
/// What cannot be observed is printed as a checklist with the reference's sections.
/// </summary>
internal static class PreflightCommand
{
    /// <summary>The production issuer (esia-protocol.md §1.1).</summary>
    public const string ProductionIssuer = "http://esia.gosuslugi.ru/";

    /// <summary>The scenarios that show the switch: the login, the token checks bound to issuer and keys, the rotation.</summary>
    public static readonly string[] Scenarios = ["ESIA-C01", "ESIA-C20", "ESIA-C21", "ESIA-C22", "ESIA-C50"];

    /// <summary>What a scenario's failure means when the app runs in its production configuration.</summary>
    private static readonly Dictionary<string, string> Meaning = new(StringComparer.Ordinal)
    {
        ["ESIA-C01"] = "the app does not sign a person in against production ESIA: hard-wired to the test address, issuer or signing certificate, or signing with a certificate other than its production one",
        ["ESIA-C20"] = "in production the app accepts tokens whose signature does not verify",
        ["ESIA-C21"] = "in production the app accepts tokens signed by a key it was not given: a built-in or test key is trusted",
        ["ESIA-C22"] = "in production the app accepts tokens of an issuer other than production ESIA's",
        ["ESIA-C50"] = "the app does not follow a rotation of production ESIA's signing certificate",
    };

    /// <summary>What cannot be observed from outside, in Russian, each with the reference's section.</summary>
    public static readonly string[] Checklist =
    [
        "Договор (соглашение) о подключении ИС к ЕСИА заключён, ИС зарегистрирована в продуктивной ЕСИА на технологическом портале (esia-protocol.md §1.1, §11.2).",
        "Сертификат ИС для продуктивной среды загружен на технологический портал продуктивной ЕСИА и активирован оператором (§1.1, §4.5).",
        "Адреса возврата (redirect_uri) и домены ИС зарегистрированы для продуктивной среды (§1.1, §3.1).",
        "Области доступа (scope) и согласия, которые запрашивает ИС, одобрены для продуктивной среды (§8.1, §10).",
        "Алгоритм подписи маркеров, выбранный на портале для продуктивной ИС (ГОСТ или RS256), совпадает с тем, что проверяет ИС (§1.1, §6.1).",
        "Сертификаты подписи продуктивной ЕСИА взяты из https://esia.gosuslugi.ru/public/esia.zip, и порядок их замены при смене известен (§1.2, §6.5).",
        "Требования к новым подключениям: сертифицированное СКЗИ класса КС3, аттестация ИС, шлюзовой модуль (API Gateway), оценка влияния на СКЗИ до 31.12.2026 (§2, §11.2).",
    ];

    /// <summary>Runs the preflight; exit codes as <c>run</c>'s.</summary>
    public static async Task<int> RunAsync(TargetApp target, IReadOnlyList<ParsedScenario> catalogue, TextWriter output, string outFolder)
    {
        if (target.Production is null)
        {
            await output.WriteLineAsync("preflight needs a production block in the target file: { \"production\": { \"baseUrl\": \"the app in its production configuration\", " +
                "\"esiaUrl\": \"http://127.0.0.1:PORT (the ESIA address that configuration uses)\", \"certificates\": [\"production.cer\"] } } (README, \"The switch to production\").");
            return 2;
        }

        var production = target.AsProduction();
        var scenarios = catalogue.Where(s => Scenarios.Contains(s.Id)).ToArray();
        WebApplication mock;
        try
        {
            mock = MockEsiaServer.Build([
                "--urls", production.EsiaUrl, "--MockEsia:StrictConfiguration=true", "--Logging:LogLevel:Default=Warning",
                $"--MockEsia:Issuer={ProductionIssuer}", "--MockEsia:AllowProductionIssuer=true",
                "--MockEsia:SigningKeys:GostCertificate=pki/esia-production/esia-production-gost256.cer.pem", "--MockEsia:SigningKeys:GostKey=pki/esia-production/esia-production-gost256.key.pem",
                "--MockEsia:SigningKeys:NextGostCertificate=pki/esia-production/esia-production-gost256-next.cer.pem", "--MockEsia:SigningKeys:NextGostKey=pki/esia-production/esia-production-gost256-next.key.pem",
                "--MockEsia:SigningKeys:RsaCertificate=pki/esia-production/esia-production-rsa.cer.pem", "--MockEsia:SigningKeys:RsaKey=pki/esia-production/esia-production-rsa.key.pem",
                "--MockEsia:SigningKeys:NextRsaCertificate=pki/esia-production/esia-production-rsa-next.cer.pem", "--MockEsia:SigningKeys:NextRsaKey=pki/esia-production/esia-production-rsa-next.key.pem",
            ]);
            await mock.StartAsync();
        }
        catch (Exception ex) when (MockEsia.Configuration.StartupRefusal.Explain(ex) is { } why)
        {
            await output.WriteLineAsync($"The production stand-in cannot start at {production.EsiaUrl} (production.esiaUrl): {why}");
            return 2;
        }

        await using (mock)
        {
            await output.WriteLineAsync($"Production ESIA stand-in at {production.EsiaUrl}: issuer {ProductionIssuer}, signing keys of its own (fixtures/pki/esia-production), " +
                $"{production.ClientId} registered with its production certificate; the app in its production configuration at {production.BaseUrl}.");
            using var driver = new MockEsiaDriver(new Uri(production.EsiaUrl), null);
            var run = await RunnerCommand.RunOnceAsync(production, driver, BrowserKind.Http, scenarios, outFolder, output);
            var failed = run.Scenarios.Where(r => r.Outcome != Outcome.Passed).ToArray();
            foreach (var r in failed)
            {
                await output.WriteLineAsync($"  {r.Id}: {Meaning.GetValueOrDefault(r.CatalogueId, r.Title)}.");
            }

            await output.WriteLineAsync("Не проверяется извне — подтвердите сами перед переключением:");
            foreach (var item in Checklist)
            {
                await output.WriteLineAsync("  [ ] " + item);
            }

            await output.WriteLineAsync(failed.Length == 0
                ? "Production switch: the app follows production ESIA's address, issuer and keys, and signs with its production certificate."
                : $"Production switch: NOT ready — {string.Join("; ", failed.Select(r => $"{r.Id} {r.Outcome}"))}.");
            await output.WriteLineAsync(run.Counts);
            return run.ExitCode;
        }
    }
}
