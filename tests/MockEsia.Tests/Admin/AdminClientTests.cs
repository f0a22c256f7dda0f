using System.Net;
using Esia.TestSupport;
using MockEsia.Tests.Support;

namespace MockEsia.Tests.Admin;

/// <summary>
/// The typed admin client (<see cref="MockEsiaAdminClient"/> in MockEsia.Abstractions) against a real MockEsia: every
/// call reaches the admin route it names and reads its answer back; a refusal is an exception carrying MockEsia's reason.
/// </summary>
public class AdminClientTests
{
    [Fact]
    public async Task Faults_clock_and_the_journal_drive_a_login_and_read_it_back()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var http = host.Client();
        var admin = new MockEsiaAdminClient(http);
        (await admin.IsHealthyAsync()).Should().BeTrue();

        var frozen = await admin.FreezeClockAsync();
        frozen.Frozen.Should().BeTrue();
        (await admin.AdvanceClockAsync(TimeSpan.FromMinutes(5))).Now.Should().Be(frozen.Now.AddMinutes(5));
        var set = new DateTimeOffset(2027, 1, 15, 9, 0, 0, TimeSpan.Zero);
        (await admin.SetClockAsync(set)).Now.Should().Be(set);
        (await admin.ResumeClockAsync()).Frozen.Should().BeFalse();

        var fault = await admin.AddFaultAsync(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011", ClientId = "MOCKHEADLESS" });
        fault.Id.Should().NotBeEmpty();
        (await admin.FaultsAsync()).Should().ContainSingle(f => f.Id == fault.Id);

        var mark = (await admin.JournalAsync(limit: 1)).FirstOrDefault()?.Id ?? 0;
        var requests = new EsiaRequests("MOCKHEADLESS");
        var now = (await admin.ClockAsync()).Now;
        var (code, _) = await Flow.CodeAsync(http, requests, now);
        var (response, body) = await Flow.TokenAsync(http, requests.Token(code, now));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("error_description").GetString().Should().StartWith("ESIA-007011");

        var refused = await admin.WaitForJournalEntryAsync(new JournalQuery { ClientId = "MOCKHEADLESS", Endpoint = EndpointNames.TokenV3, AfterId = mark }, TimeSpan.FromSeconds(5));
        refused!.ErrorCode.Should().Be("ESIA-007011");
        refused.Fault.Should().StartWith(fault.Id);
        (await admin.FaultsAsync()).Should().BeEmpty("a fault for one request is used up");
        (await admin.JournalAsync(new JournalQuery { ClientId = "MOCKHEADLESS", AfterId = mark, Outcome = "error" })).Should().ContainSingle(e => e.Id == refused.Id);
        (await admin.WaitForJournalEntryAsync(new JournalQuery { AfterId = refused.Id, Endpoint = EndpointNames.Rest }, TimeSpan.FromMilliseconds(100))).Should().BeNull();

        var removable = await admin.AddFaultAsync(new Fault { Endpoint = FaultEndpoint.Rest, Kind = FaultKind.Html500 });
        (await admin.RemoveFaultAsync(removable.Id)).Should().BeTrue();
        (await admin.RemoveFaultAsync(removable.Id)).Should().BeFalse();
        await admin.ClearJournalAsync();
        (await admin.JournalAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Clients_people_readings_keys_and_reset_round_trip_and_refusals_carry_the_reason()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var admin = new MockEsiaAdminClient(host.Client());

        var added = await admin.PutClientAsync(new ClientDefinition
        {
            ClientId = "TYPEDSYS", CertificatesPem = [File.ReadAllText(Paths.Fixture("pki", "clients", "client-other.cer.pem"))], RedirectUris = ["http://localhost:7000/cb"],
        });
        added.ClientId.Should().Be("TYPEDSYS");
        (await admin.ClientsAsync()).Should().Contain(c => c.ClientId == "TYPEDSYS");
        (await admin.EditClientAsync("TYPEDSYS", new ClientSettings { StrictState = true }))!.ClientId.Should().Be("TYPEDSYS");
        (await admin.EditClientAsync("NOSUCHSYS", new ClientSettings())).Should().BeNull();
        (await admin.RemoveClientAsync("TYPEDSYS")).Should().BeTrue();

        var person = (await admin.PeopleAsync())[0];
        (await admin.PersonAsync(person.Oid))!.Oid.Should().Be(person.Oid);
        (await admin.PersonAsync(42)).Should().BeNull();
        person.LastName = "Типизированный";
        (await admin.PutPersonAsync(person)).LastName.Should().Be("Типизированный");
        (await admin.RevokeRefreshTokensAsync(person.Oid)).Should().Be(0);
        (await admin.EndSessionsAsync()).Should().BeGreaterThanOrEqualTo(0);

        (await admin.SetReadingAsync("OldRefreshToken", "ValidUntilExpiry")).Current.Should().Be("ValidUntilExpiry");
        (await admin.ReadingsAsync()).Single(r => r.Name == "OldRefreshToken").Current.Should().Be("ValidUntilExpiry");
        var wrong = () => admin.SetReadingAsync("OldRefreshToken", "Sometimes");
        (await wrong.Should().ThrowAsync<MockEsiaAdminException>()).Which.Should().Match<MockEsiaAdminException>(e => e.Status == HttpStatusCode.BadRequest && e.Body.Contains("Sometimes"));
        var badFault = () => admin.AddFaultAsync(new Fault { Endpoint = FaultEndpoint.Rest, Kind = FaultKind.BadSignature });
        (await badFault.Should().ThrowAsync<MockEsiaAdminException>()).Which.Body.Should().Contain("does not apply at Rest");

        await admin.PublishNextKeysAsync();
        await admin.SwitchToNextKeysAsync();
        await admin.ResetKeysAsync();
        await admin.ExpireAccessTokensAsync("MOCKSYS");
        (await admin.RuntimeAsync()).Gost.Should().Be("Fast");
        (await admin.ConfigurationProblemsAsync()).Should().BeEmpty();
        var https = () => admin.PresentTlsAsync(TlsPresentation.WrongHost);
        (await https.Should().ThrowAsync<MockEsiaAdminException>()).Which.Status.Should().Be(HttpStatusCode.NotFound, "HTTPS is off");

        await admin.ResetAsync();
        (await admin.ReadingsAsync()).Single(r => r.Name == "OldRefreshToken").Current.Should().Be("Revoked");
        (await admin.PersonAsync(person.Oid))!.LastName.Should().NotBe("Типизированный");
    }

    [Fact]
    public async Task Every_certificate_MockEsia_knows_is_listed_with_its_days_left_and_warned_of_from_30_days_before()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var admin = new MockEsiaAdminClient(host.Client());
        var now = (await admin.ClockAsync()).Now;
        var certificates = await admin.CertificatesAsync();
        var mocksys = certificates.Single(c => c.Kind == CertificateKinds.Client && c.Owner == "MOCKSYS");
        mocksys.NotAfter.Should().Be(new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        mocksys.DaysLeft.Should().Be((int)Math.Floor((mocksys.NotAfter - now).TotalDays));
        mocksys.Warning.Should().BeNull();
        certificates.Where(c => c.Kind == CertificateKinds.EsiaSigning).Select(c => c.Owner).Should().Equal("gost", "gost-next", "rsa", "rsa-next");
        certificates.Should().NotContain(c => c.Kind == CertificateKinds.TlsCa, "this MockEsia serves no HTTPS");

        await admin.SetClockAsync(new DateTimeOffset(2035, 12, 15, 0, 0, 0, TimeSpan.Zero));
        var soon = (await admin.CertificatesAsync()).Single(c => c.Kind == CertificateKinds.Client && c.Owner == "MOCKSYS");
        soon.DaysLeft.Should().Be(17);
        soon.Warning.Should().Contain("expires on 2036-01-01, in 17 days: register its successor");
        (await admin.CertificatesAsync()).Single(c => c.Owner == "gost").Warning.Should().NotBeNull("ESIA's own signing key is judged the same way");
        (await admin.CertificatesAsync()).Single(c => c.Owner == "gost-next").Warning.Should().BeNull("the next key lasts a year longer");
    }
}
