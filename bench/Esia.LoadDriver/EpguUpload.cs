using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Tokens;

namespace Esia.LoadDriver;

/// <summary>
/// API ЕПГУ's archive figures (<c>--mode epgu</c>, issue 29): verifying a detached GOST signature over a 50 MB file —
/// MockEsia's fast Streebog path and BouncyCastle's own digest — against OpenSSL's engine digesting the same bytes; and the
/// server's peak memory through a chunked upload of 200 MB (50 000 000-byte chunks) after a login with the APIPGU consent.
/// </summary>
public static class EpguUpload
{
    private const string Apipgu = """[{"responsibleObject":"ООО «Тест»","sysname":"APIPGU","expire":525600,"actions":[{"sysname":"ALL_ACTIONS_TO_DATA"}],"purposes":[{"sysname":"APIPGU"}],"scopes":[{"sysname":"http://lk.gosuslugi.ru/api-order"}]}]""";

    /// <summary>Prints the rows.</summary>
    public static async Task<int> RunAsync(DriverOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("epgu-bench").FullName;
        try
        {
            Verify(options, folder);
            await UploadAsync(options, folder);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Verify(DriverOptions options, string folder)
    {
        var file = Path.Combine(folder, "document.pdf");
        var data = new byte[50_000_000];
        new Random(29).NextBytes(data);
        File.WriteAllBytes(file, data);
        var signature = Path.Combine(folder, "document.pdf.sig");
        var key = Path.Combine(options.Fixtures, "pki/clients/client-gost256");
        Run("openssl", "cms", "-sign", "-engine", "gost", "-binary", "-in", file, "-signer", key + ".cer.pem", "-inkey", key + ".key.pem", "-md", "md_gost12_256", "-outform", "DER", "-out", signature);
        var openssl = Best(() => Run("openssl", "dgst", "-engine", "gost", "-md_gost12_256", file));
        var cms = File.ReadAllBytes(signature);
        var fast = Best(() =>
        {
            var result = CmsSignature.VerifyDetached(cms, () => File.OpenRead(file));
            if (!result.Success)
            {
                throw new InvalidOperationException("The signature did not verify: " + result.Detail);
            }
        });
        var generic = Best(() => Streebog.Hash256(File.ReadAllBytes(file)));
        Console.WriteLine($"| Streebog-256 over 50,000,000 bytes, OpenSSL GOST engine (openssl dgst, process included) | {openssl:F2} s |");
        Console.WriteLine($"| Verify a detached GOST CMS signature over the same 50 MB file (fast Streebog, streamed) | {fast:F2} s ({fast / openssl:F2}× OpenSSL; goal within 2×) |");
        Console.WriteLine($"| BouncyCastle's Streebog-256 over the same bytes, for comparison | {generic:F2} s ({generic / openssl:F2}× OpenSSL) |");
    }

    private static async Task UploadAsync(DriverOptions options, string folder)
    {
        using var server = await ServerProcess.StartAsync(options.ServerDll, options.Fixtures, options.BaseUrl, options.ServerEnvironment);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(options.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var requests = new IntegratorRequests(options.Client(), 4);
        var authorize = await http.GetAsync(requests.Authorize() + "&permissions=" + Base64Url.Encode(Encoding.UTF8.GetBytes(Apipgu)));
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Headers.Location!.Query)["code"].ToString();
        var tokens = JsonDocument.Parse(await (await http.PostAsync(EsiaPaths.TokenV3, requests.Token(code))).Content.ReadAsStringAsync()).RootElement;
        var token = tokens.GetProperty("access_token").GetString()!;
        HttpRequestMessage Call(HttpMethod method, string path, HttpContent? content)
        {
            var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }

        var reserved = await http.SendAsync(Call(HttpMethod.Post, "/api/gusmev/order",
            new StringContent("""{"region":"45000000000","serviceCode":"10000000113","targetCode":"-10000000113"}""", Encoding.UTF8, "application/json")));
        var orderId = JsonDocument.Parse(await reserved.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetInt64();

        var archive = Path.Combine(folder, "archive.zip");
        await using (var zip = new ZipArchive(File.Create(archive), ZipArchiveMode.Create))
        {
            foreach (var (name, size) in new[] { ("trans_1.xml", 64), ("req_1.xml", 64), ("scan.pdf", 200_000_000) })
            {
                await using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                var block = new byte[1 << 20];
                for (var left = size; left > 0; left -= block.Length)
                {
                    await entry.WriteAsync(block.AsMemory(0, Math.Min(block.Length, left)));
                }
            }
        }

        var before = server.PeakRssMb;
        var length = new FileInfo(archive).Length;
        var chunks = (int)((length + 49_999_999) / 50_000_000);
        var watch = Stopwatch.StartNew();
        await using (var source = File.OpenRead(archive))
        {
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                var size = (int)Math.Min(50_000_000, length - (chunk * 50_000_000L));
                var bytes = new byte[size];
                await source.ReadExactlyAsync(bytes);
                var form = new MultipartFormDataContent { { new StringContent(orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "orderId" },
                    { new StringContent(chunk.ToString(System.Globalization.CultureInfo.InvariantCulture)), "chunk" }, { new StringContent(chunks.ToString(System.Globalization.CultureInfo.InvariantCulture)), "chunks" } };
                form.Add(new ByteArrayContent(bytes), "file", $"archive.z{chunk + 1:000}");
                var answer = await http.SendAsync(Call(HttpMethod.Post, "/api/gusmev/push/chunked", form));
                if ((int)answer.StatusCode is not (200 or 206))
                {
                    throw new InvalidOperationException($"Chunk {chunk}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                }
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var details = JsonDocument.Parse(await (await http.SendAsync(Call(HttpMethod.Post, $"/api/gusmev/order/{orderId}", null))).Content.ReadAsStringAsync()).RootElement;
        Console.WriteLine($"| Chunked upload of a {length / 1_000_000} MB archive in {chunks} chunks over loopback (stored, joined, unpacked, checked) | {seconds:F1} s, processing state {details.GetProperty("code").GetString()} |");
        Console.WriteLine($"| MockEsia's peak resident memory: after the login / after the 200 MB upload | {before:F0} MB / {server.PeakRssMb:F0} MB |");
    }

    private static double Best(Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: {error}");
        }
    }
}
