using Conformance.Specs.Harness;
using Reqnroll;

namespace Conformance.Specs.Steps;

/// <summary>ESIA misbehaving on purpose (MockEsia's faults), and the preconditions that the misbehaviour reached the app.</summary>
[Binding]
public sealed class FaultSteps
{
    private readonly ScenarioHarness _h;

    /// <summary>Created per scenario with its harness.</summary>
    public FaultSteps(ScenarioHarness harness) => _h = harness;

    private TargetApp Target => _h.Target;

    private MockEsiaDriver Mock => _h.Run.Mock;

    [Given("ESIA answers the next authorization with {string}")]
    public Task AuthorizeError(string code) => AddAsync(new Fault { Endpoint = FaultEndpoint.Authorize, Kind = FaultKind.Error, ErrorCode = code, ClientId = Target.ClientId });

    [Given("ESIA sends the app back a {word} state")]
    public Task ForeignState(string which) =>
        AddAsync(new Fault { Endpoint = FaultEndpoint.Authorize, Kind = which == "missing" ? FaultKind.NoState : FaultKind.WrongState, ClientId = Target.ClientId });

    [Given("ESIA answers the next token request with {string}")]
    public Task TokenError(string code) => AddAsync(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = code, ClientId = Target.ClientId });

    [Given("ESIA answers the next token request with an HTML server error")]
    public Task TokenHtml500() => AddAsync(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Html500, ClientId = Target.ClientId });

    [Given("ESIA's REST API answers 401 once")]
    public Task Rest401() => AddAsync(new Fault { Endpoint = FaultEndpoint.Rest, Kind = FaultKind.Unauthorized, ClientId = Target.ClientId });

    [Given("ESIA issues tokens with the defect {word} in the {word} token(s)")]
    public Task TokenDefect(string kind, string target) => ForgeAsync(kind, target, decoy: false);

    [Given("ESIA issues tokens with the defect {word} in the {word} token(s), naming another person")]
    public Task TokenDefectWithDecoy(string kind, string target) => ForgeAsync(kind, target, decoy: true);

    [Given("ESIA rotates its signing certificate")]
    public async Task Rotate()
    {
        var (before, after) = await Mock.RotateSigningCertificateAsync();
        _h.Note($"ESIA published its next certificates (GOST and RSA) in esia.zip and signs with the next keys now: tokens were signed with {Named(before)} before the rotation, with {Named(after)} after it.",
            $"ЕСИА опубликовала следующие сертификаты (ГОСТ и RSA) в esia.zip и теперь подписывает следующими ключами: до смены маркеры подписывались {InRussian(before)}, после смены — {InRussian(after)}.");
    }

    private static string Named(CertificateSummary c) => $"{c.Subject} (valid until {c.NotAfter:yyyy-MM-dd}, Streebog-256 fingerprint {c.ClientCertificateHash[..16]}…)";

    private static string InRussian(CertificateSummary c) => $"«{c.Subject}» (действует до {c.NotAfter:yyyy-MM-dd}, отпечаток ГОСТ Р 34.11-2012 {c.ClientCertificateHash[..16]}…)";

    [Given("the injected fault reached the app")]
    public async Task FaultReached()
    {
        var applied = (await _h.RecordsAsync()).Count(e => e.Fault is not null);
        Expect.Precondition(applied >= _h.FaultsAdded, $"the app's login never reached the step where ESIA misbehaves ({applied} of {_h.FaultsAdded} injected answers were given)",
            $"вход через ИС не дошёл до шага, на котором ЕСИА ведёт себя неправильно (выдано внедрённых ответов: {applied} из {_h.FaultsAdded})");
    }

    [Given("the app received the forged tokens")]
    public async Task ReceivedForged()
    {
        var te = (await _h.RecordsAsync()).Where(e => e.IsToken() && e.Fault is not null).ToArray();
        Expect.Precondition(te.Any(e => e.Succeeded), "the app never exchanged the code, so it never received the forged tokens", "ИС не обменяла код, поэтому поддельных маркеров не получила");
    }

    [Given("the app received tokens signed with the new key")]
    public async Task ReceivedRotated() =>
        Expect.Precondition((await _h.RecordsAsync()).Any(e => e.IsCodeExchange() && e.Succeeded), "the app never exchanged a code after the rotation",
            "после смены ключей ИС ни разу не обменяла код на маркеры");

    private async Task ForgeAsync(string kind, string target, bool decoy)
    {
        var (access, id) = target switch { "access" => (true, false), "id" => (false, true), _ => (true, true) };
        long? other = null;
        if (decoy)
        {
            other = (await Mock.PeopleAsync()).Select(p => p.Oid).Order().FirstOrDefault(oid => oid != Target.PersonOid);
            Expect.Precondition(other is > 0, "MockEsia has no second test person for the forged token to name", "в MockEsia нет второго тестового пользователя, которого мог бы назвать поддельный маркер");
        }

        _h.Forged = new ForgedTokens(kind, access, id, other);
        Expect.Precondition(Enum.TryParse<FaultKind>(kind, out var defect), $"'{kind}' is not one of MockEsia's token defects", $"«{kind}» не входит в число дефектов маркеров MockEsia");
        await AddAsync(new Fault
        {
            Endpoint = FaultEndpoint.Token,
            Kind = defect,
            Target = access && id ? FaultTarget.Both : access ? FaultTarget.Access : FaultTarget.Id,
            ClientId = Target.ClientId,
            Subject = other,
            Times = null,
        });
        _h.Note($"ESIA issues the {_h.Forged.Which} with the defect {kind}{(other is null ? "" : $", naming person {other} instead of {Target.PersonOid}")}.",
            $"ЕСИА выдаёт {_h.Forged.WhichInRussian} с дефектом {Reports.RussianSteps.Defect(kind)}{(other is null ? "" : $", называющие пользователя {other} вместо {Target.PersonOid}")}.");
    }

    private async Task AddAsync(Fault fault)
    {
        await Mock.AddFaultAsync(fault);
        _h.FaultsAdded++;
    }
}
