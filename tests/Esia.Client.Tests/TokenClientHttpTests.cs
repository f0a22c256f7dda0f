using System.Net;
using System.Text.Json.Nodes;
using Esia.Client.Protocol;
using Esia.Client.Rest;
using Esia.Protocol.Tokens;
using Esia.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Esia.Client.Tests;

/// <summary>The client's HTTP handling against WireMock standing in for ESIA at the byte level.</summary>
public sealed class TokenClientHttpTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { StartAdminInterface = false });

    public void Dispose() => _server.Stop();

    private EsiaClientOptions Options(string access = "offline")
    {
        var options = new EsiaClientOptions
        {
            Environment = EsiaEnvironment.Custom(_server.Urls[0]),
            ClientId = "MOCKSYS",
            Signer = TestPki.ClientGost256,
            RedirectUri = "http://localhost:8080/signin-esia",
            AccessType = access,
        };
        options.TrustedCertificates.Add(TestPki.EsiaGost.Certificate);
        return options;
    }

    private EsiaTokenClient Client(EsiaClientOptions? options = null, TimeSpan? timeout = null) =>
        new(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) }, options ?? Options(), NullLogger.Instance);

    private static string Token(string type, long oid = 1000000001)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = type == TokenTypes.Id
            ? new JsonObject { ["aud"] = "MOCKSYS", ["sub"] = oid, ["iss"] = "http://esia-portal1.test.gosuslugi.ru/", ["iat"] = now, ["nbf"] = now, ["exp"] = now + 3600 }
            : new JsonObject { ["client_id"] = "MOCKSYS", ["urn:esia:sbj_id"] = oid, ["iss"] = "http://esia-portal1.test.gosuslugi.ru/", ["iat"] = now, ["nbf"] = now, ["exp"] = now + 3600, ["scope"] = "openid fullname?oid=1000000001" };
        return EsiaJwtWriter.Write(type, claims, TestPki.EsiaGost);
    }

    private void Answer(Func<string, string> body, int status = 200, string contentType = "application/json;charset=UTF-8") =>
        _server.Given(Request.Create().WithPath("/aas/oauth2/v3/te").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithCallback(request =>
            {
                var state = System.Web.HttpUtility.ParseQueryString(request.Body ?? "")["state"] ?? "";
                return new WireMock.ResponseMessage
                {
                    StatusCode = status,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new(contentType) },
                    BodyData = new WireMock.Util.BodyData { BodyAsString = body(state), DetectedBodyType = WireMock.Types.BodyType.String },
                };
            }));

    private async Task<EsiaException> Fails(EsiaTokenClient? client = null)
    {
        var action = () => (client ?? Client()).ExchangeCodeAsync("code");
        return (await action.Should().ThrowAsync<EsiaException>()).Which;
    }

    [Fact]
    public async Task A_good_response_gives_validated_tokens_and_the_request_is_well_formed()
    {
        Answer(state => $$"""{"access_token":"{{Token(TokenTypes.Access)}}","refresh_token":"{{Guid.NewGuid()}}","id_token":"{{Token(TokenTypes.Id)}}","state":"{{state}}","token_type":"Bearer","expires_in":3600}""");
        var tokens = await Client().ExchangeCodeAsync("the-code");
        tokens.Oid.Should().Be(1000000001);
        tokens.Scopes.Should().Contain("fullname");
        var sent = System.Web.HttpUtility.ParseQueryString(_server.LogEntries.Single().RequestMessage.Body!);
        sent["grant_type"].Should().Be("authorization_code");
        sent["code"].Should().Be("the-code");
        sent["client_certificate_hash"].Should().Be(TestPki.ClientGost256.Certificate.Streebog256Hex);
        _server.LogEntries.Single().RequestMessage.Headers!["Content-Type"].ToString().Should().Contain("application/x-www-form-urlencoded");
    }

    [Fact]
    public async Task An_HTML_500_is_Unavailable()
    {
        Answer(_ => "<html><body>Internal error</body></html>", 500, "text/html");
        (await Fails()).Kind.Should().Be(EsiaFailureKind.Unavailable);
        _server.LogEntries.Should().ContainSingle("a code exchange is never retried");
    }

    [Fact]
    public async Task An_ESIA_400_maps_to_its_kind()
    {
        Answer(state => $$"""{"error":"invalid_grant","error_description":"ESIA-007011: The provided authorization grant …","state":"{{state}}"}""", 400);
        var failure = await Fails();
        failure.Kind.Should().Be(EsiaFailureKind.InvalidGrant);
        failure.EsiaCode.Should().Be("ESIA-007011");
    }

    [Fact]
    public async Task Malformed_JSON_and_wrong_content_types_are_protocol_violations()
    {
        Answer(_ => "{\"access_token\":", 200);
        (await Fails()).Kind.Should().Be(EsiaFailureKind.ProtocolViolation);
        _server.Reset();
        Answer(_ => "access_token=x", 200, "text/plain");
        (await Fails()).Kind.Should().Be(EsiaFailureKind.ProtocolViolation);
    }

    [Fact]
    public async Task A_response_without_the_request_state_or_without_tokens_is_refused()
    {
        Answer(_ => $$"""{"access_token":"{{Token(TokenTypes.Access)}}","refresh_token":"r","id_token":"{{Token(TokenTypes.Id)}}","state":"{{Guid.NewGuid()}}"}""");
        (await Fails()).Kind.Should().Be(EsiaFailureKind.ProtocolViolation);
        _server.Reset();
        Answer(state => $$"""{"access_token":"{{Token(TokenTypes.Access)}}","refresh_token":"r","state":"{{state}}"}""");
        (await Fails()).Message.Should().Contain("no id_token");
        _server.Reset();
        Answer(state => $$"""{"access_token":"{{Token(TokenTypes.Access)}}","id_token":"{{Token(TokenTypes.Id)}}","state":"{{state}}"}""");
        (await Fails()).Message.Should().Contain("no refresh_token");
    }

    [Fact]
    public async Task Forged_tokens_are_refused()
    {
        Answer(state => $$"""{"access_token":"{{Token(TokenTypes.Access)}}","refresh_token":"r","id_token":"{{Token(TokenTypes.Id, 42)}}","state":"{{state}}"}""");
        var failure = await Fails();
        failure.Kind.Should().Be(EsiaFailureKind.InvalidToken);
        failure.TokenFailure.Should().Be(TokenFailure.SubjectMismatch);
    }

    [Fact]
    public async Task A_timeout_and_a_dropped_connection_are_Unavailable_and_not_retried()
    {
        _server.Given(Request.Create().WithPath("/aas/oauth2/v3/te").UsingPost()).RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(3)).WithStatusCode(200));
        (await Fails(Client(timeout: TimeSpan.FromMilliseconds(300)))).Kind.Should().Be(EsiaFailureKind.Unavailable);
        _server.Reset();
        _server.Given(Request.Create().WithPath("/aas/oauth2/v3/te").UsingPost()).RespondWith(Response.Create().WithFault(WireMock.ResponseBuilders.FaultType.EMPTY_RESPONSE));
        (await Fails()).Kind.Should().Be(EsiaFailureKind.ProtocolViolation, "an empty answer is not ESIA's protocol");

        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var dropping = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            socket.Close();
        });
        var options = Options();
        options.Environment = EsiaEnvironment.Custom($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        (await Fails(Client(options))).Kind.Should().Be(EsiaFailureKind.Unavailable, "a dropped connection means ESIA is unavailable");
        await dropping;
        listener.Stop();
    }

    private sealed class FakeTokens : IEsiaTokenSource
    {
        public int Refreshes { get; private set; }

        public long Oid => 1000000001;

        public Task<string> GetAccessTokenAsync(CancellationToken cancellation) => Task.FromResult("old");

        public Task<string> ForceRefreshAsync(CancellationToken cancellation)
        {
            Refreshes++;
            return Task.FromResult("new");
        }
    }

    private EsiaRestClient Rest() => new(new HttpClient(), Options(), NullLogger.Instance);

    [Fact]
    public async Task REST_401_gets_one_refresh_and_one_retry()
    {
        _server.Given(Request.Create().WithPath("/rs/prns/1000000001").WithHeader("Authorization", "Bearer old")).RespondWith(Response.Create().WithStatusCode(401));
        _server.Given(Request.Create().WithPath("/rs/prns/1000000001").WithHeader("Authorization", "Bearer new"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; schema=\"x\"").WithBody("""{"firstName":"Имя","lastName":"Фамилия","trusted":true}"""));
        var tokens = new FakeTokens();
        var person = await Rest().GetPersonAsync(tokens);
        person.FullName.Should().Be("Фамилия Имя");
        tokens.Refreshes.Should().Be(1);
    }

    [Fact]
    public async Task REST_errors_are_typed()
    {
        _server.Given(Request.Create().WithPath("/rs/prns/1000000001/ctts")).RespondWith(Response.Create().WithStatusCode(403));
        _server.Given(Request.Create().WithPath("/rs/prns/1000000001/addrs")).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{not json"));
        _server.Given(Request.Create().WithPath("/rs/prns/1000000001/docs")).RespondWith(Response.Create().WithStatusCode(502).WithBody("<html>bad gateway</html>"));
        _server.Given(Request.Create().WithPath("/rs/prns/1000000001")).RespondWith(Response.Create().WithStatusCode(401));
        var tokens = new FakeTokens();
        (await Assert.ThrowsAsync<EsiaException>(() => Rest().GetContactsAsync(tokens))).Kind.Should().Be(EsiaFailureKind.ScopeNotGranted);
        (await Assert.ThrowsAsync<EsiaException>(() => Rest().GetAddressesAsync(tokens))).Kind.Should().Be(EsiaFailureKind.ProtocolViolation);
        (await Assert.ThrowsAsync<EsiaException>(() => Rest().GetDocumentsAsync(tokens))).Kind.Should().Be(EsiaFailureKind.Unavailable);
        (await Assert.ThrowsAsync<EsiaException>(() => Rest().GetPersonAsync(tokens))).Kind.Should().Be(EsiaFailureKind.Unauthorized);
        tokens.Refreshes.Should().Be(1, "one refresh, then give up");
    }
}
