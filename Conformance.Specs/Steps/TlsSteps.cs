using Conformance.Specs.Harness;
using Reqnroll;

namespace Conformance.Specs.Steps;

/// <summary>An ESIA the app cannot authenticate: MockEsia's HTTPS endpoint presents a certificate the app must refuse.</summary>
[Binding]
public sealed class TlsSteps
{
    private readonly ScenarioHarness _h;

    /// <summary>Created per scenario with its harness.</summary>
    public TlsSteps(ScenarioHarness harness) => _h = harness;

    [Given("MockEsia presents a certificate for another host")]
    public Task WrongHost() => PresentAsync(TlsPresentation.WrongHost, new("a certificate from its CA for wrong-host.invalid", "сертификат своего удостоверяющего центра для узла wrong-host.invalid"));

    [Given("MockEsia presents a certificate from a CA the app does not trust")]
    public Task UntrustedCa() => PresentAsync(TlsPresentation.UntrustedCa, new("a certificate for its host names from a CA nobody trusts", "сертификат для своих имён узла от удостоверяющего центра, которому никто не доверяет"));

    [Then("the app did not complete the token exchange")]
    public async Task NoCompletedExchange()
    {
        var completed = (await _h.RecordsAsync()).Where(e => e.IsToken() && e.Status == 200).ToArray();
        Expect.That(completed.Length == 0,
            $"the app completed the token exchange ({completed.Length} te answered 200) with an ESIA whose TLS certificate it should have refused: it does not validate ESIA's certificate",
            $"ИС завершила обмен кода на маркеры (ответов te с кодом 200: {completed.Length}) с ЕСИА, чей TLS-сертификат должна была отвергнуть: ИС не проверяет сертификат ЕСИА");
    }

    private async Task PresentAsync(TlsPresentation presentation, Wording what)
    {
        await _h.Run.Mock.PresentTlsAsync(presentation);
        _h.Note($"MockEsia's HTTPS endpoint presents {what.English} to new connections (the person's browser accepts it; the app must not).",
            $"HTTPS-точка MockEsia предъявляет новым соединениям {what.Russian} (браузер пользователя его принимает, ИС — не должна).");
    }
}
