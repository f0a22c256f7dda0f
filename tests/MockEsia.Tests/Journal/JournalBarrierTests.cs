using Esia.Protocol;
using Microsoft.AspNetCore.TestHost;
using MockEsia.Configuration;
using MockEsia.Journal;
using MockEsia.Routing;

namespace MockEsia.Tests.Journal;

/// <summary>
/// The journal's barrier (docs/architecture.md): an entry is in the journal before the response it describes reaches
/// the client, so a harness that reads the journal once the app has its answer never misses it. The endpoint here keeps
/// running after its response has left, as a slow handler, a flush or a busy machine can make it.
/// </summary>
public class JournalBarrierTests
{
    [Fact]
    public async Task The_entry_is_in_the_journal_when_the_client_receives_the_response()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartAsync(async context =>
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("{\"error\":\"invalid_grant\"}");
            await context.Response.Body.FlushAsync();
            await gate.Task;
        });
        var journal = app.Services.GetRequiredService<RequestJournal>();

        using var request = new HttpRequestMessage(HttpMethod.Post, EsiaPaths.TokenV3)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = "MOCKSYS",
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = "a-refresh-token-of-some-length",
            }),
        };
        using var response = await app.GetTestClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        var entries = journal.Query(new JournalQuery());
        gate.SetResult();
        ((int)response.StatusCode).Should().Be(400);
        entries.Should().ContainSingle().Which.Should().Match<JournalEntry>(e => e.Endpoint == "v3/te" && e.Status == 400 && e.ClientId == "MOCKSYS");
        entries[0].Tokens.Should().ContainKey("presented", "the refresh token the app presented is fingerprinted, so a harness can tell which one it resent");
    }

    [Fact]
    public async Task A_dropped_connection_is_recorded_once_before_the_client_sees_it_close()
    {
        await using var app = await StartAsync(async context =>
        {
            context.Response.StatusCode = 503;
            await RequestRecord.Of(context).FlushAsync();
            context.Abort();
        });
        var journal = app.Services.GetRequiredService<RequestJournal>();

        var act = () => app.GetTestClient().GetAsync(EsiaPaths.Certificates);
        await act.Should().ThrowAsync<Exception>();

        journal.Query(new JournalQuery()).Should().ContainSingle().Which.Status.Should().Be(503);
    }

    [Fact]
    public async Task A_handler_that_throws_before_answering_is_recorded_as_500()
    {
        await using var app = await StartAsync(_ => throw new InvalidOperationException("broken"));
        var journal = app.Services.GetRequiredService<RequestJournal>();

        // Kestrel answers 500; the test server hands the exception to the client instead.
        var act = () => app.GetTestClient().GetAsync(EsiaPaths.Certificates);
        await act.Should().ThrowAsync<InvalidOperationException>();

        journal.Query(new JournalQuery()).Should().ContainSingle().Which.Status.Should().Be(500);
    }

    private static async Task<WebApplication> StartAsync(RequestDelegate endpoint)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.Configure<MockEsiaOptions>(_ => { });
        builder.Services.AddSingleton<RequestJournal>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddEsiaEndpoint(EndpointNames.TokenV3, "POST", EsiaPaths.TokenV3, endpoint)
            .AddEsiaEndpoint(EndpointNames.Certificates, "GET", EsiaPaths.Certificates, endpoint).AddSingleton<EndpointTable>();
        var app = builder.Build();
        app.UseMiddleware<JournalMiddleware>();
        app.Run(endpoint);
        await app.StartAsync();
        return app;
    }
}
