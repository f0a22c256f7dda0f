using Conformance.Specs.Harness;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using Reqnroll;

namespace Conformance.Specs.Steps;

/// <summary>
/// The system's own certificate change (reference §1.1, §4.5): registered with its previous certificate beside the one
/// the app signs with, as ESIA's portal allows during a change; then the previous one removed. The app must keep signing
/// people in throughout; a request signed with the removed certificate is refused, and MockEsia's diagnosis names it.
/// </summary>
[Binding]
public sealed class CertificateChangeSteps
{
    private readonly ScenarioHarness _h;
    private EsiaCredential? _previous;

    /// <summary>Created per scenario with its harness.</summary>
    public CertificateChangeSteps(ScenarioHarness harness) => _h = harness;

    [Given("the system is registered with a previous certificate beside its own, as during a certificate change")]
    public async Task RegisterBoth()
    {
        var now = (await _h.Run.Mock.Admin.ClockAsync()).Now;
        _previous = GostKeys.SelfSigned(GostKeys.Generate(GostParameterSets.CryptoProXchA), $"CN={_h.Target.ClientId} previous certificate,O=Conformance runner,C=RU", now.AddYears(-1), now.AddYears(1));
        await _h.Run.Mock.RegisterAsync(_h.Target, _h.AccessTokenLifetimeSeconds, [KeyMaterial.WriteCertificatePem(_previous.Certificate)]);
        _h.Note($"{_h.Target.ClientId} registered with its previous certificate {_previous.Certificate.Subject} (hash {_previous.Certificate.Streebog256Hex[..16]}…) beside its own.",
            $"{_h.Target.ClientId} зарегистрирована с прежним сертификатом «{_previous.Certificate.Subject}» (хеш {_previous.Certificate.Streebog256Hex[..16]}…) рядом с текущим.");
    }

    [When("the previous certificate is removed from the system's registration")]
    public async Task RemovePrevious()
    {
        await _h.Run.Mock.RegisterAsync(_h.Target, _h.AccessTokenLifetimeSeconds);
        _h.Note($"The previous certificate was removed: {_h.Target.ClientId} is registered with its own certificate only.",
            $"Прежний сертификат удалён: {_h.Target.ClientId} зарегистрирована только с текущим сертификатом.");
    }

    [Then("a request signed with the removed certificate is refused with a diagnosis that names it and its removal")]
    public async Task RemovedIsRefused()
    {
        var previous = _previous ?? throw new InvalidOperationException("The previous certificate was never registered in this scenario.");
        var now = (await _h.Run.Mock.Admin.ClockAsync()).Now;
        var fields = new SignedStringFields
        {
            ClientId = _h.Target.ClientId, Scope = "openid", Timestamp = EsiaTimestamp.Format(now), State = Guid.NewGuid().ToString(), RedirectUri = _h.Target.RedirectUris[0],
        };
        var query = new Dictionary<string, string>
        {
            [EsiaParameters.ClientId] = fields.ClientId,
            [EsiaParameters.ClientSecret] = ClientSecretCodec.Encode(previous.Sign(SignedString.Bytes(SignedStringKind.V2Authorize, fields))),
            [EsiaParameters.ClientCertificateHash] = previous.Certificate.Streebog256Hex,
            [EsiaParameters.RedirectUri] = fields.RedirectUri,
            [EsiaParameters.Scope] = fields.Scope,
            [EsiaParameters.ResponseType] = "code",
            [EsiaParameters.State] = fields.State,
            [EsiaParameters.Timestamp] = fields.Timestamp,
            [EsiaParameters.AccessType] = "online",
        };
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var url = new Uri(_h.Run.Mock.BaseUrl, EsiaPaths.AuthorizeV2 + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
        using var answer = await http.GetAsync(url);
        var refused = (await _h.RecordsAsync()).LastOrDefault(e => e.Endpoint == EndpointNames.AuthorizeV2 && e.Parameters.GetValueOrDefault(EsiaParameters.ClientCertificateHash) == previous.Certificate.Streebog256Hex);
        Expect.Precondition(refused is not null, "MockEsia did not journal the request signed with the removed certificate", "в журнале MockEsia нет запроса, подписанного удалённым сертификатом");
        _h.Note($"A v2/ac request signed with the removed certificate: HTTP {(int)answer.StatusCode}, {refused!.ErrorCode}: {refused.Diagnostic}",
            $"Запрос v2/ac, подписанный удалённым сертификатом: HTTP {(int)answer.StatusCode}, {refused.ErrorCode}: {Reports.RussianDiagnoses.Of(refused)}");
        Expect.That(refused.ErrorCode is not null && refused.Diagnostic?.Contains("removed from the registration", StringComparison.Ordinal) == true
            && refused.Diagnostic.Contains(previous.Certificate.Subject, StringComparison.Ordinal),
            $"MockEsia should refuse the removed certificate and name it and its removal; it answered {(int)answer.StatusCode} {refused.ErrorCode}: {refused.Diagnostic}",
            $"MockEsia должен отклонить удалённый сертификат и назвать его и его удаление; ответ: {(int)answer.StatusCode} {refused.ErrorCode}");
    }
}
