using System.Net;
using System.Net.Http.Headers;
using Esia.Protocol.Tokens;
using System.Text;
using System.Text.Json;
using Esia.Protocol.Secrets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MockEsia;
using MockEsia.Tests.Support;

namespace MockEpgu.Tests;

/// <summary>
/// A real HTTP client against MockEsia on Kestrel: a person logs in with the APIPGU consent, the system reserves an order,
/// sends its archive in two chunks, follows it through getOrdersStatus to its final status, reads the details and
/// downloads the agency's result — the integrator's whole API ЕПГУ path (epgu-api.md §2, §3).
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = MockEsiaServer.Build(["--environment", "Testing", "--urls", "http://127.0.0.1:0"]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private HttpRequestMessage Bearer(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task Reserve_submit_follow_to_the_final_status_and_download_the_result_over_real_HTTP()
    {
        var admin = new MockEsiaAdminClient(_http);
        var now = (await admin.ClockAsync()).Now;
        var requests = new EsiaRequests("MOCKHEADLESS");
        var authorize = requests.Authorize(now, "openid fullname", sign: false);
        authorize["permissions"] = Base64Url.Encode(Encoding.UTF8.GetBytes(Support.EpguTest.Apipgu));
        requests.Sign(authorize, SignedStringKind.V2Authorize);
        var code = EsiaRequests.Query(await _http.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", authorize)))["code"];
        var (tokenResponse, tokens) = await Flow.TokenAsync(_http, requests.Token(code, now, "openid fullname"));
        tokenResponse.StatusCode.Should().Be(HttpStatusCode.OK, tokens.ToString());
        var token = tokens.GetProperty("access_token").GetString()!;

        var reserved = await _http.SendAsync(Bearer(HttpMethod.Post, "/api/gusmev/order", token,
            new StringContent(Support.EpguTest.Order113, Encoding.UTF8, "application/json")));
        reserved.StatusCode.Should().Be(HttpStatusCode.OK);
        var orderId = (await reserved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetInt64();

        var archive = Support.EpguTest.ZipBytes(("trans_1.xml", "<trans_1.xml/>"u8.ToArray()), ("req_1.xml", "<req_1.xml/>"u8.ToArray()), ("scan.pdf", new byte[6_000_000]));

        // Two chunks: the first of 5 000 000 bytes (the smallest a non-final chunk may be, §2.2), the rest last.
        var parts = new[] { archive[..5_000_000], archive[5_000_000..] };
        for (var i = 0; i < parts.Length; i++)
        {
            var form = new MultipartFormDataContent { { new StringContent(orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "orderId" },
                { new StringContent(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "chunk" }, { new StringContent("2"), "chunks" } };
            form.Add(new ByteArrayContent(parts[i]), "file", $"archive.z00{i + 1}");
            (await _http.SendAsync(Bearer(HttpMethod.Post, "/api/gusmev/push/chunked", token, form))).StatusCode
                .Should().Be(i == 0 ? HttpStatusCode.PartialContent : HttpStatusCode.OK);
        }

        await admin.AdvanceClockAsync(TimeSpan.FromSeconds(10));
        var list = await (await _http.SendAsync(Bearer(HttpMethod.Get, $"/api/gusmev/order/getOrdersStatus?pageNum=0&pageSize=10&orderIds={orderId}", token)))
            .Content.ReadFromJsonAsync<JsonElement>();
        var status = list.GetProperty("content")[0].GetProperty("status");
        status.GetProperty("statusId").GetInt32().Should().Be(3);

        var details = await (await _http.SendAsync(Bearer(HttpMethod.Post, $"/api/gusmev/order/{orderId}", token))).Content.ReadFromJsonAsync<JsonElement>();
        var order = JsonDocument.Parse(details.GetProperty("order").GetString()!).RootElement;
        order.GetProperty("closed").GetBoolean().Should().BeTrue();
        var result = order.GetProperty("orderResponseFiles")[0];
        var link = result.GetProperty("link").GetString()!.Split('/');
        var download = await _http.SendAsync(Bearer(HttpMethod.Get, $"/api/gusmev/files/download/{order.GetProperty("currentStatusHistoryId").GetInt64()}/{link[^1]}" +
            $"?mnemonic={link[^2]}&eserviceCode=10000000113", token));
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).LongLength.Should().Be(result.GetProperty("fileSize").GetInt64());
    }
}
