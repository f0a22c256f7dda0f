using System.Net;
using System.Text;
using System.Text.Json;
using Esia.TestSupport;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Archives;

/// <summary>
/// The archive's checks end in the processing states of epgu-api.md §3.2 in the order's details, each with MockEsia's
/// diagnosis (§2.4; §6.1 items 8, 14); signatures are made by OpenSSL's GOST engine, never by our own code.
/// </summary>
public class ArchiveCheckTests : EpguTest
{
    private const string Goskey = """{"region":"45000000000","serviceCode":"10000000374","targetCode":"-10000000374"}""";

    private async Task<JsonElement> ProcessedAsync(string token, long orderId, byte[] archive)
    {
        await SubmitAsync(token, orderId, archive);
        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        return await DetailsAsync(token, orderId);
    }

    private static byte[] OpenSslCms(byte[] content, string key = "clients/client-gost256")
    {
        using var data = OpenSsl.Temp(content);
        return OpenSsl.Ok("cms", "-sign", "-engine", "gost", "-binary", "-in", data.Path, "-signer", TestPki.CertPath(key), "-inkey", TestPki.KeyPath(key), "-md", "md_gost12_256", "-outform", "DER");
    }

    [Theory]
    [InlineData("not a zip", "INVALID_FILES_STRUCTURE", "does not open as a zip")]
    [InlineData("folder", "INVALID_FILES_STRUCTURE", "in a folder")]
    [InlineData("nested", "INVALID_FILES_STRUCTURE", "another archive")]
    [InlineData("no trans", "REQ_NOT_FOUND", "trans_*.xml")]
    [InlineData("no req", "MPC_NOT_FOUND", "req_*.xml")]
    public async Task A_refused_archive_ends_in_its_processing_state_with_the_diagnosis_section_3_2(string archive, string state, string diagnosis)
    {
        var token = await PersonTokenAsync();
        var bytes = archive switch
        {
            "not a zip" => "PK? no"u8.ToArray(),
            "folder" => Zip(("trans_1.xml", "<t/>"), ("docs/req_1.xml", "<r/>")),
            "nested" => ZipBytes(("trans_1.xml", "<t/>"u8.ToArray()), ("req_1.xml", "<r/>"u8.ToArray()), ("more.zip", PensionArchive())),
            "no trans" => Zip(("req_1.xml", "<r/>")),
            _ => Zip(("trans_1.xml", "<t/>")),
        };
        var accepted = await ReserveAsync(token);
        (await ProcessedAsync(token, accepted, PensionArchive())).GetProperty("code").GetString().Should().Be("OK", "the accepted archive");

        var orderId = await ReserveAsync(token);
        var details = await ProcessedAsync(token, orderId, bytes);
        details.GetProperty("code").GetString().Should().Be(state);
        details.GetProperty("message").GetString().Should().Contain(diagnosis);
        var order = JsonDocument.Parse(details.GetProperty("order").GetString()!).RootElement;
        order.GetProperty("orderStatusId").GetInt32().Should().Be(24);
        order.GetProperty("closed").GetBoolean().Should().BeTrue();
        var journal = await Admin.JournalAsync(new JournalQuery { Endpoint = EndpointNames.EpguPushChunked });
        journal.First(e => e.OrderId == orderId).Diagnostic.Should().Contain(state);
    }

    [OpenSslFact]
    public async Task A_chunked_upload_of_files_signed_by_OpenSSL_reaches_a_final_status_section_2_4()
    {
        var token = await OrganisationTokenAsync();
        var orderId = await ReserveAsync(token, Goskey);
        var req = "<req xmlns=\"urn://mpkey.gosuslugi.ru/sign_document_ukep/1.0.0\"/>"u8.ToArray();
        var document = new byte[6_000_000];
        Random.Shared.NextBytes(document);
        var archive = ZipBytes(("req.xml", req), ("req.xml.sig", OpenSslCms(req)), ("prikaz.pdf", document), ("prikaz.pdf.sig", OpenSslCms(document)));
        (await SendChunkAsync(token, orderId, archive[..5_000_000], 0, 2)).Response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        (await SendChunkAsync(token, orderId, archive[5_000_000..], 1, 2)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        Host.Clock.Advance(TimeSpan.FromSeconds(10));
        var details = await DetailsAsync(token, orderId);
        details.GetProperty("code").GetString().Should().Be("OK", details.GetProperty("message").ToString());
        var order = JsonDocument.Parse(details.GetProperty("order").GetString()!).RootElement;
        order.GetProperty("orderStatusId").GetInt32().Should().Be(3);
        order.GetProperty("orderAttachmentFiles").EnumerateArray().Single(f => f.GetProperty("fileName").GetString() == "prikaz.pdf")
            .GetProperty("hasDigitalSignature").GetBoolean().Should().BeTrue();
        (await Admin.EpguOrdersAsync()).Single().Files.Single(f => f.Name == "prikaz.pdf").Signature.Should().Contain("verified");
    }

    [OpenSslTheory]
    [InlineData("missing", "has no signature 'req.xml.sig'")]
    [InlineData("other content", "messageDigest")]
    [InlineData("expired", "valid 20")]
    [InlineData("attached", "detached")]
    [InlineData("garbage", "DER")]
    public async Task A_signed_service_refuses_a_missing_or_bad_signature_with_FILES_VERIFICATION_FAILED(string problem, string diagnosis)
    {
        var token = await OrganisationTokenAsync();
        var req = "<req/>"u8.ToArray();
        var accepted = await ReserveAsync(token, Goskey);
        (await ProcessedAsync(token, accepted, ZipBytes(("req.xml", req), ("req.xml.sig", OpenSslCms(req))))).GetProperty("code").GetString().Should().Be("OK");

        var signature = problem switch
        {
            "other content" => OpenSslCms("<other/>"u8.ToArray()),
            "expired" => OpenSslCms(req, "clients/client-expired"),
            "attached" => Attached(req),
            "garbage" => "not a signature"u8.ToArray(),
            _ => null,
        };
        var files = new List<(string, byte[])> { ("req.xml", req) };
        if (signature is not null)
        {
            files.Add(("req.xml.sig", signature));
        }

        var orderId = await ReserveAsync(token, Goskey);
        var details = await ProcessedAsync(token, orderId, ZipBytes([.. files]));
        details.GetProperty("code").GetString().Should().Be("FILES_VERIFICATION_FAILED");
        details.GetProperty("message").GetString().Should().Contain(diagnosis);
    }

    [OpenSslFact]
    public async Task sign_config_xml_names_several_signatures_of_one_document_section_2_4()
    {
        var token = await OrganisationTokenAsync();
        var req = "<req/>"u8.ToArray();
        const string config = """
            <signedAttachments><signedDocument><documentFileName>req.xml</documentFileName>
              <signData><signFileName>req.head.sig</signFileName></signData><signData><signFileName>req.accountant.sig</signFileName></signData>
            </signedDocument></signedAttachments>
            """;
        var good = ZipBytes(("req.xml", req), ("sign_config.xml", Encoding.UTF8.GetBytes(config)), ("req.head.sig", OpenSslCms(req)),
            ("req.accountant.sig", OpenSslCms(req, "clients/client-gost256-tc26")));
        var orderId = await ReserveAsync(token, Goskey);
        (await ProcessedAsync(token, orderId, good)).GetProperty("code").GetString().Should().Be("OK");

        var oneMissing = ZipBytes(("req.xml", req), ("sign_config.xml", Encoding.UTF8.GetBytes(config)), ("req.head.sig", OpenSslCms(req)));
        var refused = await ReserveAsync(token, Goskey);
        var details = await ProcessedAsync(token, refused, oneMissing);
        details.GetProperty("code").GetString().Should().Be("FILES_VERIFICATION_FAILED");
        details.GetProperty("message").GetString().Should().Contain("req.accountant.sig");
    }

    private static byte[] Attached(byte[] content)
    {
        using var data = OpenSsl.Temp(content);
        return OpenSsl.Ok("cms", "-sign", "-engine", "gost", "-binary", "-nodetach", "-in", data.Path, "-signer", TestPki.CertPath("clients/client-gost256"),
            "-inkey", TestPki.KeyPath("clients/client-gost256"), "-md", "md_gost12_256", "-outform", "DER");
    }
}
