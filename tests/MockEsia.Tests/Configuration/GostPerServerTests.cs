using System.Net;
using Esia.Protocol.Crypto;
using MockEsia.Tests.Support;

namespace MockEsia.Tests.Configuration;

/// <summary>No process-wide switch: each server verifies GOST signatures with its own <c>MockEsia:Gost</c>, and two servers in one process can differ.</summary>
public class GostPerServerTests
{
    [Fact]
    public async Task Two_servers_in_one_process_verify_with_their_own_GOST_code_and_leave_the_process_default_alone()
    {
        var before = GostBackend.Verification;
        await using var generic = await MockEsiaHost.StartAsync("--MockEsia:Gost=Generic");
        await using var fast = await MockEsiaHost.StartAsync("--MockEsia:Gost=Fast");
        GostBackend.Verification.Should().Be(before, "starting a server changes nothing process-wide");

        foreach (var (host, gost) in new[] { (generic, "Generic"), (fast, "Fast") })
        {
            var client = host.Client();
            (await client.GetFromJsonAsync<RuntimeFigures>(AdminPaths.Runtime))!.Gost.Should().Be(gost);
            var requests = new EsiaRequests("MOCKHEADLESS");
            var authorize = await client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(host.Clock.GetUtcNow())));
            authorize.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var code = EsiaRequests.Query(authorize)["code"];
            (await Flow.TokenAsync(client, requests.Token(code, host.Clock.GetUtcNow()))).Response.StatusCode.Should().Be(HttpStatusCode.OK, $"{gost} verifies the client's signatures");
        }
    }
}
