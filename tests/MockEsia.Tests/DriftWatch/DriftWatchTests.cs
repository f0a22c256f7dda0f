using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Esia.TestSupport;
using MockEsia.Commands;
using MockEsia.DriftWatch;
using MockEsia.Tests.DriftWatch;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>
/// The drift watch proved offline: the proxy in front of a second MockEsia as the upstream. Unchanged, it reports no
/// difference; made to drift on purpose (<see cref="DriftingEsia"/> and a different access-token lifetime) it reports
/// exactly those four differences, each under its reference section, and nothing else; secrets never reach the report.
/// </summary>
public class DriftWatchTests
{
    private static readonly DriftingEsia Drift = new("x_drift", "ESIA-007014=ESIA-007099", "firstName=givenName");

    [Fact]
    public async Task In_front_of_an_unchanged_MockEsia_it_reports_no_difference_and_judges_the_requests_accepted()
    {
        await using var stack = await Stack.StartAsync([]);
        var (secrets, _) = await stack.ExchangesAsync();
        var json = stack.Proxy.Report.ToJson();
        stack.Proxy.Report.Differences.Should().BeEmpty(because: json["differences"]!.ToJsonString());
        json["compared"]!.GetValue<int>().Should().BePositive("no difference means something was compared");
        json["failedExchanges"]!.GetValue<int>().Should().Be(0);
        stack.Proxy.Report.Verdicts.Should().Contain(v => v.Endpoint == "v2/ac" && v.Accepted);
        stack.Proxy.Report.Verdicts.Should().Contain(v => v.Endpoint == "v3/te" && v.Accepted && v.UpstreamStatus == 200);
        stack.Proxy.Report.Verdicts.Should().Contain(v => v.Endpoint == "v3/te" && !v.Accepted && v.Code == "ESIA-007014" && v.UpstreamCode == "ESIA-007014");

        // Masked: no code, token, signature or personal value is in the report (shapes, names, lengths and types only).
        var text = File.ReadAllText(Path.Combine(stack.Output, "drift-report.json")) + File.ReadAllText(Path.Combine(stack.Output, "drift-report.html"));
        foreach (var secret in secrets)
        {
            text.Should().NotContain(secret);
        }

        text.Should().Contain("masked").And.Contain("\"client_id\": \"MOCKHEADLESS\"");
        File.Exists(Path.Combine(stack.Output, "raw-records.jsonl")).Should().BeFalse("raw records only with --keep-raw");
    }

    [Fact]
    public async Task In_front_of_a_drifted_MockEsia_it_reports_exactly_the_drift_under_its_sections()
    {
        await using var stack = await Stack.StartAsync(["--MockEsia:AccessTokenLifetime=02:00:00"], keepRaw: true, drift: Drift);
        await stack.ExchangesAsync();
        var differences = stack.Proxy.Report.Differences;
        differences.Select(d => d.Aspect.Key).Should().BeEquivalentTo(["token.claims.access", "te.error.code", "rest.person", "token.lifetime"],
            because: stack.Proxy.Report.ToJson()["differences"]!.ToJsonString());
        differences.Single(d => d.Aspect.Key == "token.claims.access").Esia.Should().Be("only here: x_drift");
        differences.Single(d => d.Aspect.Key == "token.claims.access").Aspect.Section.Should().Be("6.2");
        differences.Single(d => d.Aspect.Key == "te.error.code").Should().Match<Difference>(d => d.Esia == "ESIA-007099" && d.MockEsia.StartsWith("ESIA-007014", StringComparison.Ordinal));
        differences.Single(d => d.Aspect.Key == "rest.person").Should().Match<Difference>(d => d.Esia == "only here: givenName" && d.MockEsia == "only here: firstName");
        differences.Single(d => d.Aspect.Key == "token.lifetime").Should().Match<Difference>(d => d.What == "access_token" && d.Esia == "7200 s" && d.MockEsia == "3600 s");
        differences.Should().OnlyContain(d => d.MarkEnglish == "ESIA differs from the reference", "all four aspects are documented in the reference");

        var html = await stack.Http.GetStringAsync(new Uri(stack.ProxyBase, "/__drift/"));
        html.Should().Contain("data-testid=\"difference-count\">4<").And.Contain("§6.2").And.Contain("ЕСИА расходится со справочником");
        File.ReadAllText(Path.Combine(stack.Output, "raw-records.jsonl")).Should().Contain("access_token", "--keep-raw keeps the raw exchanges locally");
    }

    [Fact]
    public async Task A_client_credentials_token_is_judged_and_not_compared_with_a_persons_login()
    {
        await using var stack = await Stack.StartAsync([]);
        var requests = new EsiaRequests("MOCKSYS");
        var te = await stack.Http.PostAsync(new Uri(stack.ProxyBase, "/aas/oauth2/v3/te"), EsiaRequests.Form(requests.ClientCredentials(DateTimeOffset.UtcNow)));
        te.StatusCode.Should().Be(HttpStatusCode.OK, await te.Content.ReadAsStringAsync());
        await stack.Proxy.SettledAsync();
        stack.Proxy.Report.Verdicts.Should().ContainSingle(v => v.Endpoint == "v3/te" && v.UpstreamStatus == 200)
            .Which.Accepted.Should().BeTrue(stack.Proxy.Report.Verdicts.Single().Diagnosis);
        stack.Proxy.Report.Differences.Should().BeEmpty();
        stack.Proxy.Report.ToJson()["records"]!.ToJsonString().Should().NotContain("notCompared");
    }

    [Fact]
    public async Task The_code_the_app_redeems_is_compared_too()
    {
        await using var stack = await Stack.StartAsync(["--MockEsia:CodeLifetime=00:02:00"]);
        await stack.ExchangesAsync();
        var difference = stack.Proxy.Report.Differences.Should().ContainSingle().Subject;
        difference.Should().Match<Difference>(d => d.Aspect.Section == "5.5" && d.What == "code" && d.Esia == "120 s" && d.MockEsia == "240 s");
    }

    [Fact]
    public async Task The_same_error_code_with_another_text_is_reported_as_a_text_difference()
    {
        await using var stack = await Stack.StartAsync([], drift: new DriftingEsia(RenamedErrorCode: "mandatory parameter=required parameter"));
        await stack.ExchangesAsync();
        var difference = stack.Proxy.Report.Differences.Should().ContainSingle().Subject;
        difference.Aspect.Section.Should().Be("7.2");
        difference.What.Should().Be("text of ESIA-007014");
        difference.Esia.Should().Contain("required parameter");
        difference.MockEsia.Should().Contain("mandatory parameter");
    }

    [Fact]
    public async Task Exchanges_the_upstream_never_answered_are_counted_as_failed_and_no_agreement_is_reported_without_a_comparison()
    {
        var output = Directory.CreateTempSubdirectory("drift-down").FullName;
        var proxyBase = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var nobody = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using (var proxy = await DriftProxyHost.StartAsync(new ProxySettings(nobody, Paths.Fixture("pki", "clients", "client-gost256.cer.pem"), null, false, output, proxyBase.ToString()), ["--environment", "Testing"]))
        {
            using var http = new HttpClient();
            (await http.GetAsync(new Uri(proxyBase, "/public/esia.zip"))).StatusCode.Should().Be(HttpStatusCode.BadGateway);
            (await http.PostAsync(new Uri(proxyBase, "/aas/oauth2/v3/te"), new FormUrlEncodedContent([new("grant_type", "authorization_code")]))).StatusCode.Should().Be(HttpStatusCode.BadGateway);
            await proxy.SettledAsync();

            var json = proxy.Report.ToJson();
            json["exchanges"]!.GetValue<int>().Should().Be(0);
            json["compared"]!.GetValue<int>().Should().Be(0);
            json["failedExchanges"]!.GetValue<int>().Should().Be(2, "both requests failed upstream");
            json["failures"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).Should().Equal("/public/esia.zip", "/aas/oauth2/v3/te");
            proxy.Report.Summary.Should().StartWith("No comparison yet").And.Contain("2 failed").And.NotContain("0 difference");
            var html = proxy.Report.ToHtml();
            html.Should().Contain("data-testid=\"no-comparison\"").And.NotContain("data-testid=\"difference-count\"", "no difference count where nothing was compared");
            (await File.ReadAllTextAsync(Path.Combine(output, "drift-report.json"))).Should().Contain("\"failedExchanges\": 2", "the report on disk says so too");
        }

        Directory.Delete(output, recursive: true);
    }

    [Fact]
    public async Task TLS_to_the_upstream_is_verified_against_the_given_CA_and_an_untrusted_upstream_gets_502()
    {
        var folder = Directory.CreateTempSubdirectory("drift-tls").FullName;
        var https = new Uri($"https://127.0.0.1:{FreePort.Next()}");
        await using var upstream = MockEsiaServer.Build(["--urls", $"http://127.0.0.1:{FreePort.Next()};{https}", "--https", $"--MockEsia:Https:CaFolder={folder}",
            "--environment", "Testing", "--Logging:LogLevel:Default=Warning"]);
        await upstream.StartAsync();
        using var http = new HttpClient();
        foreach (var (ca, expected) in new[] { ((string?)Path.Combine(folder, "ca.cer.pem"), HttpStatusCode.OK), (null, HttpStatusCode.BadGateway) })
        {
            var output = Directory.CreateTempSubdirectory("drift").FullName;
            var proxyBase = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            await using (var proxy = await DriftProxyHost.StartAsync(new ProxySettings(https, Paths.Fixture("pki", "clients", "client-gost256.cer.pem"), ca, false, output, proxyBase.ToString()), ["--environment", "Testing"]))
            {
                var answer = await http.GetAsync(new Uri(proxyBase, "/public/esia.zip"));
                answer.StatusCode.Should().Be(expected, ca is null ? "MockEsia's test CA is in no system store" : "the proxy trusts the CA it was given");
            }

            Directory.Delete(output, recursive: true);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void The_command_line_refuses_a_missing_upstream_or_certificate_with_a_reason()
    {
        ProxyCommand.Parse(["--client-cert", Paths.Fixture("pki", "clients", "client-gost256.cer.pem")], out var error).Should().BeNull();
        error.Should().Contain("--upstream");
        ProxyCommand.Parse(["--upstream", "https://esia-portal1.test.gosuslugi.ru"], out error).Should().BeNull();
        error.Should().Contain("--client-cert");
        var settings = ProxyCommand.Parse(["--upstream", "https://esia-portal1.test.gosuslugi.ru", "--client-cert", Paths.Fixture("pki", "clients", "client-gost256.cer.pem"), "--keep-raw"], out _);
        settings!.KeepRaw.Should().BeTrue();
        settings.Output.Should().Be(Path.Combine(MockEsia.Configuration.CallerPath.Directory(), "drift"), "a relative --out (default drift) is read from where the command was typed");
    }

    /// <summary>An upstream MockEsia and the proxy in front of it, both on loopback; the "app" is this test's HTTP client.</summary>
    /// <summary>docs/security.md, finding 9: a missing output folder, non-ASCII in the query, raw records readable by others, oids in the report.</summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_raw_records_are_the_users_alone_a_missing_folder_or_non_ASCII_never_answers_500_and_the_report_masks_oids()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("drift").FullName, "not", "yet");
        await using var stack = await Stack.StartAsync([], keepRaw: true, output: output);
        var first = await stack.Http.GetAsync(new Uri(stack.ProxyBase, "/aas/oauth2/v2/ac?client_id=MOCKHEADLESS&scope=openid&state=%D1%82%D0%B5%D1%81%D1%82&redirect_uri=http%3A%2F%2Flocalhost%2F%D0%B2%D1%85%D0%BE%D0%B4"));
        first.StatusCode.Should().Be(HttpStatusCode.Redirect, "the first request into a folder that did not exist, with Cyrillic in its query");
        first.Headers.Location!.OriginalString.Should().Match(l => l.All(char.IsAscii));

        await stack.ExchangesAsync();
        File.GetUnixFileMode(Path.Combine(output, "raw-records.jsonl")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "every secret of every exchange is in it");
        var report = File.ReadAllText(Path.Combine(output, "drift-report.json"));
        report.Should().Contain("/rs/prns/{oid}").And.NotContain("/rs/prns/1000000001");
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_written_is_one_line_naming_it_and_the_fix()
    {
        var output = new StringWriter();
        var exit = await ProxyCommand.RunAsync(["--upstream", "http://127.0.0.1:1", "--client-cert", Paths.Fixture("pki", "clients", "client-gost256.cer.pem"), "--out", "/proc/version/drift"], output);
        exit.Should().Be(2);
        output.ToString().Trim().Should().StartWith("error: Cannot write into /proc/version/drift (--out)").And.Contain("Fix:").And.Contain("--user").And.NotContain("   at ");
    }

    private sealed class Stack : IAsyncDisposable
    {
        private readonly WebApplication _upstream;

        private Stack(WebApplication upstream, DriftProxyHost proxy, Uri proxyBase, string output)
        {
            _upstream = upstream;
            Proxy = proxy;
            ProxyBase = proxyBase;
            Output = output;
        }

        public DriftProxyHost Proxy { get; }

        public Uri ProxyBase { get; }

        public string Output { get; }

        public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

        public static async Task<Stack> StartAsync(string[] upstreamArgs, bool keepRaw = false, string? output = null, DriftingEsia? drift = null)
        {
            var upstreamPort = FreePort.Next();
            var upstream = MockEsiaServer.Build(["--urls", $"http://127.0.0.1:{upstreamPort}", "--environment", "Testing", "--Logging:LogLevel:Default=Warning", .. upstreamArgs],
                builder =>
                {
                    if (drift is not null)
                    {
                        builder.Services.AddSingleton<IStartupFilter>(drift);
                    }
                });
            await upstream.StartAsync();
            output ??= Directory.CreateTempSubdirectory("drift").FullName;
            var proxyBase = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            var settings = new ProxySettings(new Uri($"http://127.0.0.1:{upstreamPort}"), Paths.Fixture("pki", "clients", "client-gost256.cer.pem"), null, keepRaw, output, proxyBase.ToString());
            var proxy = await DriftProxyHost.StartAsync(settings, ["--environment", "Testing"]);
            return new Stack(upstream, proxy, proxyBase, output);
        }

        /// <summary>A headless login through the proxy, a REST call, esia.zip, a te with a missing parameter and a REST call with a bad token.</summary>
        public async Task<(List<string> Secrets, JsonElement Tokens)> ExchangesAsync()
        {
            var requests = new EsiaRequests("MOCKHEADLESS");
            var secrets = new List<string>();
            var authorize = requests.Authorize(DateTimeOffset.UtcNow);
            secrets.Add(authorize["client_secret"]!);
            var toUpstream = await Http.GetAsync(new Uri(ProxyBase, EsiaRequests.Url("/aas/oauth2/v2/ac", authorize)));
            toUpstream.StatusCode.Should().Be(HttpStatusCode.Redirect);
            toUpstream.Headers.Location!.Port.Should().NotBe(ProxyBase.Port, "the browser is sent to the upstream, whose pages are never proxied");
            var code = EsiaRequests.Query(await Http.GetAsync(toUpstream.Headers.Location))["code"];
            secrets.Add(code);

            var token = requests.Token(code, DateTimeOffset.UtcNow);
            secrets.Add(token["client_secret"]!);
            var te = await Http.PostAsync(new Uri(ProxyBase, "/aas/oauth2/v3/te"), EsiaRequests.Form(token));
            te.StatusCode.Should().Be(HttpStatusCode.OK);
            var tokens = JsonDocument.Parse(await te.Content.ReadAsStringAsync()).RootElement.Clone();
            var access = tokens.GetProperty("access_token").GetString()!;
            secrets.Add(access);
            secrets.Add(access.Split('.')[2]);

            using var rest = new HttpRequestMessage(HttpMethod.Get, new Uri(ProxyBase, "/rs/prns/1000000001"));
            rest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
            var person = await Http.SendAsync(rest);
            person.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = JsonDocument.Parse(await person.Content.ReadAsStringAsync()).RootElement;
            secrets.Add(body.GetProperty("lastName").GetString()!);

            (await Http.GetAsync(new Uri(ProxyBase, "/public/esia.zip"))).StatusCode.Should().Be(HttpStatusCode.OK);

            var broken = requests.Token("not-a-code", DateTimeOffset.UtcNow);
            broken.Remove("timestamp");
            (await Http.PostAsync(new Uri(ProxyBase, "/aas/oauth2/v3/te"), EsiaRequests.Form(broken))).StatusCode.Should().Be(HttpStatusCode.BadRequest);

            using var bad = new HttpRequestMessage(HttpMethod.Get, new Uri(ProxyBase, "/rs/prns/1000000001"));
            bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
            (await Http.SendAsync(bad)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            await Proxy.SettledAsync();
            return (secrets, tokens);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Proxy.DisposeAsync();
            await _upstream.DisposeAsync();
            Directory.Delete(Output, recursive: true);
        }
    }
}
