using System.Text;
using Esia.Client.Epgu;
using Esia.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Esia.Client.Tests;

/// <summary>
/// The API ЕПГУ client (epgu-api.md §2) against MockEsia over real HTTP with an organisation's token: a signed archive
/// (a detached GOST CMS per file, sign_config.xml for a second signature) in chunks, polling to the final status, the
/// result, the status lists, dictionaries; and the parts that need no server: error codes and dates.
/// </summary>
public class EpguClientTests : IClassFixture<LoopbackStack>, IAsyncLifetime
{
    private const string OrganisationKey = "5f0c2a4e-7d1b-4c3e-9a8f-000000000001";
    private static readonly EpguOrderMeta Goskey = new("10000000374", "-10000000374", "45000000000");
    private readonly LoopbackStack _stack;
    private readonly HttpClient _http = new();

    public EpguClientTests(LoopbackStack stack) => _stack = stack;

    public async Task InitializeAsync()
    {
        await _stack.ResetAsync();
        _stack.Control.Clock.Freeze();
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    private EpguClient Client(int chunkSize = 5_000_000)
    {
        var esia = new EsiaClientOptions { Environment = EsiaEnvironment.Custom(_stack.MockBase.ToString()), ClientId = "MOCKSYS", Signer = TestPki.ClientGost256, Clock = _stack.Control.Clock };
        var options = new EpguClientOptions { BaseUri = _stack.MockBase, ChunkSize = chunkSize, Clock = _stack.Control.Clock, PollInterval = TimeSpan.FromMilliseconds(50) };
        return new EpguClient(_http, options, new OrganisationEpguTokens(_http, esia, TestPki.ClientGost256, OrganisationKey), NullLogger.Instance);
    }

    private IReadOnlyList<JournalEntry> Journal(string endpoint) => _stack.Control.Journal.Query(new JournalQuery { Endpoint = endpoint }).Reverse().ToArray();

    [Fact]
    public async Task A_signed_archive_goes_in_chunks_and_the_order_is_followed_to_its_result()
    {
        var req = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><req xmlns=\"urn://mpkey.gosuslugi.ru/sign_document/1.0.0\"/>");
        var document = new byte[6_000_000];
        Random.Shared.NextBytes(document);
        var archive = new EpguArchive().Add("req.xml", req).Add("prikaz.pdf", document).SignAll(TestPki.ClientGost256)
            .AddSignature("req.xml", "req.accountant.sig", Esia.Protocol.Crypto.CmsSignature.Sign(TestPki.ClientTc26, req));
        archive.SignConfig()!.ToString().Should().Contain("<documentFileName>req.xml</documentFileName>").And.Contain("req.accountant.sig");
        var path = Path.GetTempFileName();
        try
        {
            archive.WriteTo(path).Should().BeGreaterThan(5_000_000, "random bytes do not compress, so the archive needs two chunks");
            var client = Client();
            var orderId = await client.ReserveAsync(Goskey);
            await client.UploadAsync(orderId, Goskey, path);
            Journal("epgu/push/chunked").Select(e => e.Status).Should().Equal(206, 200);
            Journal("epgu/push/chunked").Should().OnlyContain(e => e.Parameters.ContainsKey("meta"), "meta goes on every chunk, which both readings of §2.2 accept");

            _stack.Control.Clock.Advance(TimeSpan.FromSeconds(10));
            var details = await client.WaitForFinalStatusAsync(orderId);
            details.Code.Should().Be("OK", "every file's signature and sign_config.xml's second one verify");
            details.Order!.Closed.Should().BeTrue();
            details.Order.StatusName.Should().Be("Услуга оказана");
            details.Order.Statuses.Select(s => s.StatusId).Should().Equal(0, 17, 21, 2, 3);
            details.Order.Statuses.Should().OnlyContain(s => s.Date != null, "the portal's +0300 dates parse");
            details.Order.AttachmentFiles.Select(f => f.FileName).Should().Contain(["req.xml", "prikaz.pdf", "req.xml.sig", "sign_config.xml"]);

            using var result = new MemoryStream();
            await client.DownloadAsync(details.Order, details.Order.ResponseFiles.Single(), result);
            Encoding.UTF8.GetString(result.ToArray()).Should().Contain($"orderId=\"{orderId}\"");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_status_lists_page_through_every_order_and_dictionaries_come_whole()
    {
        var client = Client();
        var since = _stack.Control.Clock.GetUtcNow().AddSeconds(-1);
        var orders = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            orders.Add(await client.ReserveAsync(Goskey));
        }

        var updated = new List<EpguOrderStatus>();
        await foreach (var status in client.GetUpdatedAfterAsync(since, pageSize: 2))
        {
            updated.Add(status);
        }

        updated.Select(s => s.OrderId).Should().BeEquivalentTo(orders);
        Journal("epgu/getUpdatedAfter").Select(e => e.Parameters["pageNum"]).Should().Equal("0", "1");
        (await client.GetOrdersStatusAsync(orders)).Should().OnlyContain(s => s.Found && s.StatusId == 0);

        (await client.GetDictionaryAsync("EXTERNAL_BIC")).Should().NotBeEmpty().And.OnlyContain(i => i.Value.Length > 0 && i.Title.Length > 0);
        var unknown = async () => await client.GetDictionaryAsync("NO_SUCH_DICTIONARY");
        (await unknown.Should().ThrowAsync<EpguException>()).Which.Code.Should().Be("7", "a business error comes as HTTP 200 with error.code (§2.8)");
    }

    [Fact]
    public async Task A_refusal_is_an_EpguException_with_the_portals_code_and_message()
    {
        var client = Client();
        var refused = async () => await client.ReserveAsync(new EpguOrderMeta("99999999999", "-99999999999", "45000000000"));
        var error = (await refused.Should().ThrowAsync<EpguException>()).Which;
        error.Error.Should().Be(EpguError.ServiceNotFound);
        error.Message.Should().Contain("service_not_found");
        var missing = async () => await client.GetOrderAsync(1_000_000_001);
        (await missing.Should().ThrowAsync<EpguException>()).Which.Error.Should().Be(EpguError.OrderNotFound, "an unknown order is 204 without a body (§2.11)");
    }

    [Theory]
    [InlineData("access_denied_person_permissions", EpguError.AccessDeniedPersonPermissions)]
    [InlineData("access_denied_service", EpguError.AccessDeniedService)]
    [InlineData("access_denied_system", EpguError.AccessDeniedSystem)]
    [InlineData("access_denied_user", EpguError.AccessDeniedUser)]
    [InlineData("access_denied_user_legal", EpguError.AccessDeniedUserLegal)]
    [InlineData("access_denied_personal_data", EpguError.AccessDeniedPersonalData)]
    [InlineData("bad_delegation", EpguError.BadDelegation)]
    [InlineData("bad_request", EpguError.BadRequest)]
    [InlineData("cancel_not_allowed", EpguError.CancelNotAllowed)]
    [InlineData("config_delegation", EpguError.ConfigDelegation)]
    [InlineData("internal_error", EpguError.InternalError)]
    [InlineData("limitation_exception", EpguError.LimitationException)]
    [InlineData("not_found", EpguError.NotFound)]
    [InlineData("order_access", EpguError.OrderAccess)]
    [InlineData("push_denied", EpguError.PushDenied)]
    [InlineData("service_not_found", EpguError.ServiceNotFound)]
    public void Every_code_of_the_spec_has_its_error(string code, EpguError error) => EpguException.ErrorOf(403, code).Should().Be(error);

    [Theory]
    [InlineData(204, EpguError.OrderNotFound)]
    [InlineData(401, EpguError.Unauthorized)]
    [InlineData(429, EpguError.TooManyRequests)]
    [InlineData(502, EpguError.Unavailable)]
    [InlineData(503, EpguError.Unavailable)]
    [InlineData(504, EpguError.Unavailable)]
    public void The_statuses_without_a_body_have_theirs(int status, EpguError error) => EpguException.ErrorOf(status, null).Should().Be(error);

    [Fact]
    public void The_portals_dates_parse_with_and_without_an_offset()
    {
        EpguJson.Date("2023-12-13T14:23:02.845+0300").Should().Be(new DateTimeOffset(2023, 12, 13, 14, 23, 2, 845, TimeSpan.FromHours(3)));
        EpguJson.Date("2022-12-21T20:49:37.672").Should().Be(new DateTimeOffset(2022, 12, 21, 20, 49, 37, 672, TimeSpan.Zero), "the status lists' dates are UTC (§2.7)");
        EpguJson.Date("13.12.2023").Should().BeNull();
    }

    [Fact]
    public void An_archive_refuses_folders_and_twice_the_same_name()
    {
        var archive = new EpguArchive().Add("req.xml", [1]);
        archive.Invoking(a => a.Add("docs/a.pdf", [1])).Should().Throw<ArgumentException>().WithMessage("*flat*");
        archive.Invoking(a => a.Add("req.xml", [2])).Should().Throw<ArgumentException>();
        archive.SignConfig().Should().BeNull("no document has several signatures");
    }
}
