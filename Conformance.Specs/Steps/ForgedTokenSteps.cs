using System.Globalization;
using Conformance.Specs.Harness;
using Esia.Protocol;
using Reqnroll;

namespace Conformance.Specs.Steps;

/// <summary>
/// Forged tokens judged by consequences: the app fails when it signs someone in on the strength of a forged token,
/// shows or acts on a person only a forged token names, or calls ESIA with a forged token. An app that refuses the
/// forged token — or never relies on it, e.g. ignores the id_token and takes the person from the verified access token —
/// passes, and the report says which token it relied on.
/// </summary>
[Binding]
public sealed class ForgedTokenSteps
{
    private readonly ScenarioHarness _h;

    /// <summary>Created per scenario with its harness.</summary>
    public ForgedTokenSteps(ScenarioHarness harness) => _h = harness;

    private TargetApp Target => _h.Target;

    [Then("the app relied on no forged token")]
    public async Task ReliedOnNoForgedToken()
    {
        var forged = _h.Forged ?? throw new InvalidOperationException("The scenario asked for no forged tokens.");
        var records = await _h.RecordsAsync();
        var issued = records.Where(e => e.IsToken() && e.Fault is not null && e.Succeeded).ToArray();
        var forgedPrints = issued.SelectMany(e => new[] { forged.InAccessToken ? e.Token("access") : null, forged.InIdToken ? e.Token("id") : null }).OfType<string>().ToArray();
        var honestAccess = forged.InAccessToken ? null : issued.Select(e => e.Token("access")).LastOrDefault(t => t is not null);
        Expect.Precondition(forgedPrints.Length > 0, $"MockEsia's journal names none of the forged {forged.Which} it issued, so the harness cannot follow them to the REST API",
            $"журнал MockEsia не называет выданных поддельных маркеров ({forged.WhichInRussian}), проследить их до REST API нельзя");

        foreach (var print in forgedPrints)
        {
            var calls = (await _h.Run.Mock.JournalOfTokenAsync(print, _h.JournalMark)).Where(e => e.Endpoint == EndpointNames.Rest).ToArray();
            var listed = string.Join(", ", calls.Select(c => $"{c.Path} → {c.Status}"));
            Expect.That(calls.Length == 0, $"the app called ESIA's REST API with the forged {forged.Which} ({forged.Defect}): {listed}",
                $"ИС обратилась к REST API ЕСИА с поддельным маркером ({forged.WhichInRussian}, дефект {Reports.RussianSteps.Defect(forged.Defect)}): {listed}");
        }

        if (forged.Decoy is { } decoy)
        {
            var aboutDecoy = records.FirstOrDefault(e => e.Endpoint == EndpointNames.Rest && e.Path.StartsWith($"{Esia.Protocol.EsiaPaths.Persons}/{decoy}", StringComparison.Ordinal));
            Expect.That(aboutDecoy is null, $"the app asked the REST API about person {decoy}, whom only the forged {forged.Which} names ({aboutDecoy?.Path} → {aboutDecoy?.Status}): it acted on a person it could not prove",
                $"ИС запросила в REST API данные пользователя {decoy}, которого называет только поддельный маркер ({aboutDecoy?.Path} → {aboutDecoy?.Status}): она действовала от имени пользователя, которого не могла удостоверить");
        }

        var (signedIn, page) = await _h.ProbeAsync(await _h.BrowserAsync());
        if (!signedIn)
        {
            _h.Note($"Relied on no token: the app refused the forged {forged.Which} and signed nobody in.",
                $"ИС не опиралась ни на один маркер: отвергла поддельный ({forged.WhichInRussian}) и никого не впустила.");
            return;
        }

        Expect.That(!(forged.InAccessToken && forged.InIdToken), $"the app signed the person in on forged tokens (both the access token and the id_token carry the defect {forged.Defect})",
            $"ИС впустила пользователя по поддельным маркерам (и маркер доступа, и id_token несут дефект {Reports.RussianSteps.Defect(forged.Defect)})");
        var honestWord = forged.InAccessToken ? EsiaParameters.IdToken : "access token";
        var honestInRussian = forged.InAccessToken ? EsiaParameters.IdToken : "маркер доступа";
        if (forged.Decoy is { } other)
        {
            Expect.That(!await ShowsAsync(page, other), $"the app signed in person {other}, whom only the forged {forged.Which} ({forged.Defect}) names: it relied on a token it should have refused",
                $"ИС впустила пользователя {other}, которого называет только поддельный маркер ({forged.WhichInRussian}, дефект {Reports.RussianSteps.Defect(forged.Defect)}): она опиралась на маркер, который должна была отвергнуть");
            if (await ShowsAsync(page, Target.PersonOid))
            {
                _h.Note($"Relied on the valid {honestWord}: the app signed in person {Target.PersonOid}, not {other} whom the forged {forged.Which} names.",
                    $"ИС опиралась на действительный {honestInRussian}: впустила пользователя {Target.PersonOid}, а не {other}, которого называет поддельный маркер.");
                return;
            }
        }

        var restWithHonest = honestAccess is null ? [] : (await _h.Run.Mock.JournalOfTokenAsync(honestAccess, _h.JournalMark)).Where(e => e.Endpoint == EndpointNames.Rest && e.Status == 200).ToArray();
        Expect.Precondition(restWithHonest.Length > 0,
            $"the app signed someone in although the {forged.Which} was forged, but neither its signed-in page ({Target.SignedIn.Path}) nor its REST calls show whom, so the harness cannot tell which token it relied on; point signedIn at a page that shows the person's oid or name",
            $"ИС кого-то впустила, хотя маркер ({forged.WhichInRussian}) поддельный, но ни её страница входа ({Target.SignedIn.Path}), ни обращения к REST API не показывают кого; на какой маркер она опиралась, определить нельзя (укажите в signedIn страницу с oid или именем пользователя)");
        _h.Note($"Relied on the valid {honestWord}: the app read person {Target.PersonOid} through the REST API with it and never used the forged {forged.Which}.",
            $"ИС опиралась на действительный {honestInRussian}: прочитала с ним данные пользователя {Target.PersonOid} через REST API и ни разу не использовала поддельный маркер.");
    }

    // The page names the person when it shows their oid, SNILS, or first and last name.
    private async Task<bool> ShowsAsync(string page, long oid)
    {
        if (page.Contains(oid.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            return true;
        }

        if (await _h.Run.Mock.PersonAsync(oid) is not { } person)
        {
            return false;
        }

        return (person.Snils.Length > 0 && page.Contains(person.Snils, StringComparison.Ordinal))
            || (person.FirstName.Length > 0 && person.LastName.Length > 0 && page.Contains(person.FirstName, StringComparison.Ordinal) && page.Contains(person.LastName, StringComparison.Ordinal));
    }
}
