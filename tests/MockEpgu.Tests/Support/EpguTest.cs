using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Esia.Protocol.Tokens;
using Esia.Protocol.Secrets;
using Esia.TestSupport;
using MockEsia.Tests.Support;

namespace MockEpgu.Tests.Support;

/// <summary>
/// A test against API ЕПГУ on an in-memory MockEsia (frozen clock): the tokens the API takes, made the real way — a
/// person's through v2/ac with the APIPGU consent and v3/te, an organisation's through the API-key service — and calls
/// with them.
/// </summary>
public abstract class EpguTest : IAsyncLifetime
{
    /// <summary>The APIPGU consent as a client asks for it (esia-protocol.md §10).</summary>
    public const string Apipgu = """
        [{"responsibleObject":"ООО «Тестовый оператор»","sysname":"APIPGU","expire":525600,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],
          "purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]
        """;

    /// <summary>MockEsia's API key of organisation 1002416012 signed with its impersonal certificate (no employee).</summary>
    public const string OrganisationKey = "5f0c2a4e-7d1b-4c3e-9a8f-000000000001";

    /// <summary>The key of 1002416012's employee with an authority (EsiaTest004).</summary>
    public const string AuthorisedEmployeeKey = "5f0c2a4e-7d1b-4c3e-9a8f-000000000004";

    /// <summary>The key of 1002416012's employee without an authority (EsiaTest005).</summary>
    public const string PlainEmployeeKey = "5f0c2a4e-7d1b-4c3e-9a8f-000000000005";

    /// <summary>A reservation's body for the service 10000000113.</summary>
    public const string Order113 = """{"region":"45000000000","serviceCode":"10000000113","targetCode":"-10000000113"}""";

    protected MockEsiaHost Host { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    protected MockEsiaAdminClient Admin { get; private set; } = null!;

    protected DateTimeOffset Now => Host.Clock.GetUtcNow();

    /// <summary>MockEsia's command-line settings for this test class.</summary>
    protected virtual string[] HostArguments => [];

    public async Task InitializeAsync()
    {
        Host = await MockEsiaHost.StartAsync(HostArguments);
        Client = Host.Client();
        Admin = new MockEsiaAdminClient(Client);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A person's access token from the headless client (EsiaTest001), with the APIPGU consent unless <paramref name="permissions"/> is null.</summary>
    protected async Task<string> PersonTokenAsync(string? permissions = Apipgu, string clientId = "MOCKHEADLESS", string scope = "openid fullname")
    {
        var requests = new EsiaRequests(clientId);
        var p = requests.Authorize(Now, scope, sign: false);
        if (permissions is not null)
        {
            p["permissions"] = Base64Url.Encode(Encoding.UTF8.GetBytes(permissions));
        }

        requests.Sign(p, SignedStringKind.V2Authorize);
        var query = EsiaRequests.Query(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", p)));
        query.Should().ContainKey("code", "the headless client gets a code at once");
        var (response, body) = await Flow.TokenAsync(Client, requests.Token(query["code"], Now, scope));
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>An organisation's token from the API-key service (esia-protocol.md §5.4).</summary>
    protected async Task<string> OrganisationTokenAsync(string key = OrganisationKey)
    {
        var signature = Base64Url.Encode(TestPki.ClientGost256.Sign(Encoding.UTF8.GetBytes(key)));
        var response = await Client.GetAsync($"/esia-rs/api/public/v1/orgs/ext-app/{key}/tkn?signature={signature}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("accessTkn").GetString()!;
    }

    /// <summary>A request with a bearer token.</summary>
    protected static HttpRequestMessage Call(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>Sends a request and reads its body.</summary>
    protected async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>JSON content as the Go client sends it.</summary>
    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Reserves an order: its number.</summary>
    protected async Task<long> ReserveAsync(string token, string body = Order113)
    {
        var (response, text) = await SendAsync(Call(HttpMethod.Post, "/api/gusmev/order", token, Json(body)));
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("orderId").GetInt64();
    }

    /// <summary>A zip of named files.</summary>
    protected static byte[] Zip(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The files of a pension service's application (epgu-api.md §2.4).</summary>
    protected static byte[] PensionArchive() => Zip(("trans_0001.xml", "<trans/>"), ("req_0001.xml", "<req/>"));

    /// <summary>Uploads a reserved order's archive in one chunk: submits it.</summary>
    protected async Task SubmitAsync(string token, long orderId, byte[]? archive = null)
    {
        var (response, text) = await SendChunkAsync(token, orderId, archive ?? PensionArchive());
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
    }

    /// <summary>A zip of named binary files, stored (not deflated), so byte sizes are predictable for chunking.</summary>
    public static byte[] ZipBytes(params (string Name, byte[] Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.NoCompression).Open();
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>One chunk's form (§2.2): orderId, the bytes, and chunk/chunks when given.</summary>
    protected static MultipartFormDataContent Chunk(long orderId, byte[] bytes, int? chunk = null, int? chunks = null, string? meta = null)
    {
        var form = new MultipartFormDataContent { { new StringContent(orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "orderId" } };
        if (chunk is not null)
        {
            form.Add(new StringContent(chunk.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "chunk");
        }

        if (chunks is not null)
        {
            form.Add(new StringContent(chunks.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "chunks");
        }

        if (meta is not null)
        {
            form.Add(new StringContent(meta), "meta");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", $"archive.z{(chunk ?? 0) + 1:000}");
        return form;
    }

    /// <summary>Sends one chunk.</summary>
    protected Task<(HttpResponseMessage Response, string Body)> SendChunkAsync(string token, long orderId, byte[] bytes, int? chunk = null, int? chunks = null, string? meta = null) =>
        SendAsync(Call(HttpMethod.Post, "/api/gusmev/push/chunked", token, Chunk(orderId, bytes, chunk, chunks, meta)));

    /// <summary>The details' envelope (code, message, order).</summary>
    protected async Task<JsonElement> DetailsAsync(string token, long orderId)
    {
        var (response, text) = await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}", token));
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The details' decoded order.</summary>
    protected async Task<JsonElement> OrderAsync(string token, long orderId)
    {
        var (response, text) = await SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}", token));
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(JsonDocument.Parse(text).RootElement.GetProperty("order").GetString()!).RootElement.Clone();
    }

    /// <summary>Asserts an API ЕПГУ error: status, JSON content type, code, and MockEsia's diagnosis.</summary>
    protected static void ShouldBeError(HttpResponseMessage response, string body, HttpStatusCode status, string code)
    {
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("code").GetString().Should().Be(code);
        json.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        response.Headers.GetValues("X-MockEsia-Diagnostic").Single().Should().NotBeNullOrWhiteSpace();
    }
}
