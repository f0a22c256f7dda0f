using System.Net;
using MockEsia.Configuration;
using MockEsia.Time;

namespace MockEsia.Tests.Hosting;

/// <summary>MockEsia hosted in a test process (<see cref="MockEsia.Hosting.MockEsiaHost"/>), as a package user starts it.</summary>
public class MockEsiaHostTests
{
    [Fact]
    public async Task It_listens_on_a_free_loopback_port_with_the_bundled_fixtures_and_its_admin_client()
    {
        await using var esia = await MockEsia.Hosting.MockEsiaHost.StartAsync();
        esia.InMemory.Should().BeFalse();
        esia.BaseUrl.Host.Should().Be("127.0.0.1");
        esia.BaseUrl.Port.Should().BePositive();
        using var http = new HttpClient();
        (await http.GetAsync(new Uri(esia.BaseUrl, "health"))).StatusCode.Should().Be(HttpStatusCode.OK, "real HTTP on the port");
        esia.FixturesPath.Should().Be(Path.Combine(AppContext.BaseDirectory, MockEsia.Hosting.MockEsiaHost.BundledFixturesFolder), "the fixtures beside the assembly, not a folder searched for");
        File.Exists(esia.Fixture("pki", "clients", "client-gost256.key.pem")).Should().BeTrue();
        (await esia.Admin.ClientsAsync()).Should().Contain(c => c.ClientId == "MOCKSYS");
        (await esia.Admin.ConfigurationProblemsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_hosts_side_by_side_share_nothing()
    {
        await using var one = await MockEsia.Hosting.MockEsiaHost.StartAsync();
        await using var two = await MockEsia.Hosting.MockEsiaHost.StartAsync();
        one.BaseUrl.Should().NotBe(two.BaseUrl);
        await one.Admin.FreezeClockAsync();
        await one.Admin.AdvanceClockAsync(TimeSpan.FromDays(3));
        await one.Admin.AddFaultAsync(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Error, ErrorCode = "ESIA-007011" });

        (await one.Admin.FaultsAsync()).Should().HaveCount(1);
        (await two.Admin.FaultsAsync()).Should().BeEmpty("a fault belongs to its own MockEsia");
        var clocks = new[] { one, two }.Select(h => h.Services.GetRequiredService<VirtualClock>().GetUtcNow()).ToArray();
        (clocks[0] - clocks[1]).Should().BeGreaterThan(TimeSpan.FromDays(2), "each host has its own virtual clock");
        (await two.Admin.ClockAsync()).Frozen.Should().BeFalse();
    }

    [Fact]
    public async Task In_memory_it_answers_through_its_handler_for_any_host()
    {
        await using var esia = await MockEsia.Hosting.MockEsiaHost.StartInMemoryAsync();
        esia.InMemory.Should().BeTrue();
        using var client = new HttpClient(esia.CreateHandler()) { BaseAddress = new Uri("http://esia-portal1.test.gosuslugi.ru/") };
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await esia.Admin.ClientsAsync()).Should().Contain(c => c.ClientId == "MOCKSYS");
    }

    [Fact]
    public async Task The_tests_own_clients_are_registered_and_survive_a_reset()
    {
        var pem = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, MockEsia.Hosting.MockEsiaHost.BundledFixturesFolder, "pki", "clients", "client-other.cer.pem"));
        await using var esia = await MockEsia.Hosting.MockEsiaHost.StartAsync(o =>
        {
            o.Clients.Add(new ClientDefinition { ClientId = "MYTESTSYS", Name = "Моя тестовая ИС", CertificatesPem = [pem], RedirectUris = ["http://localhost:5005/signin-esia"] });
            o.Settings["MockEsia:AccessTokenLifetime"] = "00:02:00";
        });
        (await esia.Admin.ClientsAsync()).Should().Contain(c => c.ClientId == "MYTESTSYS");
        await esia.Admin.ResetAsync();
        (await esia.Admin.ClientsAsync()).Should().Contain(c => c.ClientId == "MYTESTSYS", "the clients are files of their own folder, which a reset reads again");
        esia.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MockEsiaOptions>>().Value.AccessTokenLifetime.Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_client_that_cannot_load_refuses_the_start_in_one_line_naming_it()
    {
        var start = () => MockEsia.Hosting.MockEsiaHost.StartAsync(o => o.Clients.Add(new ClientDefinition { ClientId = "BROKEN", CertificatesPem = ["not a certificate"], RedirectUris = ["http://localhost/cb"] }));
        var refusal = (await start.Should().ThrowAsync<StartupRefusal>()).Which;
        refusal.Message.Should().Contain("BROKEN").And.Contain("StrictConfiguration");
        var both = () => MockEsia.Hosting.MockEsiaHost.StartAsync(o =>
        {
            o.ClientsFolder = Path.GetTempPath();
            o.Clients.Add(new ClientDefinition { ClientId = "X" });
        });
        await both.Should().ThrowAsync<ArgumentException>().WithMessage("*either*ClientsFolder*Clients*");
    }
}
