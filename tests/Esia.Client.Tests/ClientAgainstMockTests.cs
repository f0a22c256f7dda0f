using Esia.Client.Protocol;
using Esia.Client.Rest;
using Esia.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Esia.Client.Tests;

/// <summary>The library without ASP.NET Core: authorize, exchange, refresh and every typed REST call against MockEsia.</summary>
public class ClientAgainstMockTests : IClassFixture<LoopbackStack>
{
    private readonly LoopbackStack _stack;

    public ClientAgainstMockTests(LoopbackStack stack) => _stack = stack;

    private sealed class Tokens(EsiaTokenSet set, EsiaTokenClient client) : IEsiaTokenSource
    {
        public EsiaTokenSet Current { get; private set; } = set;

        public long Oid => Current.Oid;

        public Task<string> GetAccessTokenAsync(CancellationToken cancellation) => Task.FromResult(Current.AccessToken);

        public async Task<string> ForceRefreshAsync(CancellationToken cancellation)
        {
            Current = await client.RefreshAsync(Current.RefreshToken!, Current.Oid, cancellation);
            return Current.AccessToken;
        }
    }

    [Fact]
    public async Task Authorize_exchange_refresh_and_read_everything()
    {
        var options = new EsiaClientOptions
        {
            Environment = EsiaEnvironment.Custom(_stack.MockBase.ToString()),
            ClientId = "MOCKHEADLESS",
            Signer = TestPki.ClientGost256,
            RedirectUri = "http://localhost:8080/signin-esia",
            Clock = _stack.Control.Clock,
        };
        foreach (var scope in new[] { "email", "mobile", "id_doc", "vehicles", "kid_fullname", "usr_org", "addresses" })
        {
            options.Scopes.Add(scope);
        }

        options.TrustedCertificates.Add(TestPki.EsiaGost.Certificate);
        var request = EsiaAuthorization.Create(options);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var redirect = (await http.GetAsync(request.Url)).Headers.Location!;
        var query = System.Web.HttpUtility.ParseQueryString(redirect.Query);
        var code = EsiaAuthorization.ReadCallback(query.AllKeys.ToDictionary(k => k!, k => query[k]), request.State);

        var tokenClient = new EsiaTokenClient(new HttpClient(), options, NullLogger.Instance);
        var tokens = new Tokens(await tokenClient.ExchangeCodeAsync(code), tokenClient);
        tokens.Current.Oid.Should().Be(1000000001);
        var firstRefresh = tokens.Current.RefreshToken;
        await tokens.ForceRefreshAsync(default);
        tokens.Current.RefreshToken.Should().NotBe(firstRefresh);

        var rest = new EsiaRestClient(new HttpClient(), options, NullLogger.Instance);
        (await rest.GetPersonAsync(tokens)).FullName.Should().Be("Фамилия001 Имя001 Отчество001");
        (await rest.GetContactsAsync(tokens)).Elements.Select(c => c.Type).Should().BeEquivalentTo(["MBT", "EML"]);
        (await rest.GetAddressesAsync(tokens)).Elements.Should().ContainSingle(a => a.Type == "PRG");
        (await rest.GetDocumentsAsync(tokens)).Elements.Should().ContainSingle(d => d.Type == "RF_PASSPORT" && d.Number == "000001");
        (await rest.GetVehiclesAsync(tokens)).Elements.Single().RegCertificate!.Number.Should().Be("000001");
        (await rest.GetKidsAsync(tokens)).Elements.Single().FirstName.Should().Be("Ребёнок");
        (await rest.GetRolesAsync(tokens)).Elements.Select(r => r.Ogrn).Should().Equal("1027700000001", "1027700000012");
        (await rest.GetOrganizationsAsync(tokens)).Elements.Select(o => o.Oid).Should().Equal(1002416012, 1002416020);
    }
}
