using System.Net;
using MockEsia.Faults;
using MockEsia.Routing;
using MockEsia.Tests.Support;

namespace MockEsia.Tests.Routing;

/// <summary>
/// One registration per endpoint: a toy endpoint added by a test — name, path, handler and one fault step, nothing else —
/// is routed, journalled under its name, shown on the dashboard and offered by the fault API.
/// </summary>
public class EndpointRegistrationTests
{
    private static readonly FaultEndpoint Toy = new("Toy");

    private static void AddToy(WebApplicationBuilder builder) => builder.Services.AddEsiaEndpoint("toy", "GET", "/toy/{n:int}",
        async (HttpContext context, int n, FaultRegistry faults) =>
            await faults.RespondAsync(context, new FaultContext(Toy, null, null, [], null, new Dictionary<string, string>())) ?? Results.Ok(new { toy = n }),
        Toy, typeof(IResponseFault));

    [Fact]
    public async Task A_toy_endpoint_is_routed_journalled_shown_and_offered_to_the_fault_API_from_its_one_registration()
    {
        await using var host = await MockEsiaHost.StartAsync(AddToy);
        var client = host.Client();

        var first = await client.GetAsync("/toy/1");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).Should().Contain("\"toy\":1");
        var journal = await client.GetFromJsonAsync<JournalEntry[]>(AdminPaths.Journal + "?endpoint=toy");
        journal.Should().ContainSingle().Which.Should().Match<JournalEntry>(e => e.Path == "/toy/1" && e.Status == 200 && e.Fault == null);

        var added = await client.PostAsJsonAsync(AdminPaths.Faults, new { endpoint = "Toy", kind = "Html500" });
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var faulted = await client.GetAsync("/toy/2");
        faulted.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await faulted.Content.ReadAsStringAsync()).Should().Contain("<html");
        var entry = (await client.GetFromJsonAsync<JournalEntry[]>(AdminPaths.Journal + "?endpoint=toy"))!.First();
        entry.Should().Match<JournalEntry>(e => e.Path == "/toy/2" && e.Status == 500 && e.Fault!.Contains("Toy/Html500"));

        var dashboard = await client.GetStringAsync(AdminPaths.Dashboard);
        dashboard.Should().Contain($"data-testid=\"journal-entry-{entry.Id}\"").And.Contain("<b>toy</b>");

        var wrongStep = await client.PostAsJsonAsync(AdminPaths.Faults, new { endpoint = "Toy", kind = "BadSignature" });
        wrongStep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrongStep.Content.ReadAsStringAsync()).Should().Contain("A BadSignature fault does not apply at Toy.");
        var nowhere = await client.PostAsJsonAsync(AdminPaths.Faults, new { endpoint = "Nowhere", kind = "Html500" });
        nowhere.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await nowhere.Content.ReadAsStringAsync()).Should().Contain("No endpoint consults faults at 'Nowhere'").And.Contain("Authorize, Token, Rest, Epgu, Toy");
    }

    [Fact]
    public async Task Without_the_registration_there_is_no_toy_route_entry_or_fault_endpoint()
    {
        await using var host = await MockEsiaHost.StartAsync();
        var client = host.Client();
        (await client.GetAsync("/toy/1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetFromJsonAsync<JournalEntry[]>(AdminPaths.Journal + "?endpoint=toy")).Should().BeEmpty();
        (await client.PostAsJsonAsync(AdminPaths.Faults, new { endpoint = "Toy", kind = "Html500" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void Two_registrations_of_one_method_and_path_are_refused_with_both_names()
    {
        var twice = () => new EndpointTable([new EsiaEndpoint("a", "GET", "/x", () => 1), new EsiaEndpoint("b", "get", "/X", () => 2)]);
        twice.Should().Throw<InvalidOperationException>().WithMessage("GET /x is registered twice (a, b).");
    }

    [Theory]
    [InlineData("/aas/oauth2/v2/ac", EndpointNames.AuthorizeV2)]
    [InlineData("/aas/oauth2/v3/te", EndpointNames.TokenV3)]
    [InlineData("/aas/oauth2/te", EndpointNames.TokenV1)]
    [InlineData("/rs/prns/1000000001", EndpointNames.Rest)]
    [InlineData("/rs/prns/1000000001/ctts/5", EndpointNames.Rest)]
    [InlineData("/rs/prns/not-a-number", EndpointNames.Rest)]
    [InlineData("/esia-rs/api/public/v1/orgs/ext-app/KEY/tkn", EndpointNames.ApiKeyToken)]
    [InlineData("/api/gusmev/order/1234567890", EndpointNames.EpguDetails)]
    [InlineData("/api/gusmev/order/getOrdersStatus", EndpointNames.EpguOrdersStatus)]
    [InlineData("/api/gusmev/order/getUpdatedAfter/", EndpointNames.EpguUpdatedAfter)]
    [InlineData("/health", null)]
    [InlineData("/__admin/journal", null)]
    public async Task The_journal_names_a_path_by_the_registration_it_belongs_to(string path, string? name)
    {
        await using var host = await MockEsiaHost.StartAsync();
        host.Get<EndpointTable>().JournalNameOf(path).Should().Be(name);
    }
}
