using MockEsia.Clients;
using MockEsia.People;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

public class PeopleTests
{
    [Theory]
    [InlineData("112233445", "112-233-445 95")]
    [InlineData("100100100", "100-100-100 18")]
    public void Snils_check_numbers_follow_the_PFR_rule(string digits, string expected)
    {
        Checksums.Snils(digits).Should().Be(expected);
        Checksums.IsValidSnils(expected).Should().BeTrue();
        Checksums.IsValidSnils(expected[..^1] + (expected[^1] == '0' ? '1' : '0')).Should().BeFalse();
    }

    [Fact]
    public void Inn_check_digits_follow_the_FNS_rule()
    {
        Checksums.PersonalInn("7707083893").Should().HaveLength(12);
        Checksums.IsValidInn("500100732259").Should().BeTrue();
        Checksums.IsValidInn("7707083893").Should().BeTrue();
        Checksums.IsValidInn("500100732258").Should().BeFalse();
        Checksums.Ogrn("102770013219").Should().Be("1027700132195");
    }

    [Fact]
    public void Generated_people_are_deterministic_Russian_and_valid()
    {
        var first = PersonGenerator.Generate(30, 42);
        var again = PersonGenerator.Generate(30, 42);
        first.Select(p => p.FullName).Should().Equal(again.Select(p => p.FullName));
        PersonGenerator.Generate(30, 43).Select(p => p.FullName).Should().NotEqual(first.Select(p => p.FullName));
        first.Select(p => p.Oid).Should().OnlyHaveUniqueItems();
        foreach (var person in first)
        {
            person.LastName.Should().MatchRegex("^[А-ЯЁ][а-яё-]+$");
            person.MiddleName.Should().EndWith(person.Gender == "M" ? "ич" : "на");
            Checksums.IsValidSnils(person.Snils).Should().BeTrue(person.Snils);
            Checksums.IsValidInn(person.Inn).Should().BeTrue(person.Inn);
            person.Contacts.Select(c => c.Type).Should().Contain(["MBT", "EML"]);
            person.Addresses.Select(a => a.Type).Should().BeEquivalentTo(["PRG", "PLV"]);
            person.Documents.Should().Contain(d => d.Type == "RF_PASSPORT");
            person.Kids.Where(k => !Checksums.IsValidSnils(k.Snils)).Should().BeEmpty();
            person.Organizations.Where(o => !Checksums.IsValidInn(o.Inn) || o.Ogrn.Length != 13).Should().BeEmpty();
        }

        first.Should().Contain(p => !p.Trusted).And.Contain(p => p.Trusted);
        first.Should().Contain(p => p.Vehicles.Count > 0).And.Contain(p => p.Kids.Count > 0).And.Contain(p => p.Organizations.Count > 0);
    }

    [Fact]
    public async Task A_headless_client_whose_person_is_gone_gets_ESIA_007007_on_the_error_page()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var clients = host.Get<ClientRegistry>();
        var original = clients.Find("MOCKHEADLESS")!;
        clients.Put(new ClientRegistration
        {
            ClientId = original.ClientId,
            Certificates = original.Certificates,
            RedirectUris = original.RedirectUris,
            HeadlessPersonOid = 42,
        });
        var response = await host.Client().GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", new EsiaRequests("MOCKHEADLESS").Authorize(host.Clock.GetUtcNow())));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("ESIA-007007");
    }
}
