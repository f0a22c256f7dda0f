using System.Net;
using System.Text;
using Esia.Protocol.Secrets;
using Esia.TestSupport;
using MockEsia.Tests.Support;

namespace MockEsia.Tests;

/// <summary>Every endpoint, hostile input of every shape: an ESIA-shaped 4xx or a success, never a 5xx.</summary>
public class HostileInputTests : InMemoryTest
{
    private static readonly string Huge = new('A', 1024 * 1024);

    private static IEnumerable<string?> Spoilers(string? valid) =>
    [
        null, "", " ", Huge, "\u0000\u0001\u001f", "%FF%FE", "😀😀", "'\"<script>", "-1", "99999999999999999999999", "null", "[]", "{}",
        valid is null ? "x" : valid + valid, valid?.ToUpperInvariant(), valid is { Length: > 2 } ? valid[..(valid.Length / 2)] : "",
    ];

    private static string Encode(IEnumerable<KeyValuePair<string, string?>> p) =>
        string.Join('&', p.Where(kv => kv.Value is not null).Select(kv => $"{Uri.EscapeDataString(kv.Key)}={(kv.Value == "%FF%FE" ? kv.Value : Uri.EscapeDataString(kv.Value!))}"));

    private async Task<int> Matrix(Func<Dictionary<string, string?>> valid, Func<string, Task<HttpResponseMessage>> send)
    {
        var tried = 0;
        var template = valid();
        foreach (var key in template.Keys.Append("unknown_extra"))
        {
            foreach (var value in Spoilers(template.GetValueOrDefault(key)))
            {
                var p = valid();
                p[key] = value;
                var response = await send(Encode(p));
                ((int)response.StatusCode).Should().BeLessThan(500, $"{key}={(value is null ? "(missing)" : value.Length > 40 ? value[..40] + "…" : value)}");
                tried++;
            }

            var duplicated = valid();
            var response2 = await send(Encode(duplicated) + $"&{Uri.EscapeDataString(key)}=again");
            ((int)response2.StatusCode).Should().BeLessThan(500, $"{key} duplicated");
            tried++;
        }

        return tried;
    }

    [Fact]
    public async Task The_authorize_endpoints_never_answer_5xx()
    {
        var requests = new EsiaRequests();
        var tried = await Matrix(() => requests.Authorize(Now), q => Client.GetAsync("/aas/oauth2/v2/ac?" + q));
        tried += await Matrix(() => requests.Authorize(Now), q => Client.GetAsync("/aas/oauth2/ac?" + q));
        tried.Should().BeGreaterThan(300);
    }

    [Fact]
    public async Task The_token_endpoints_never_answer_5xx()
    {
        var requests = new EsiaRequests("MOCKHEADLESS");
        var (code, _) = await Flow.CodeAsync(Client, requests, Now);
        var valid = requests.Token(code, Now);
        var tried = await Matrix(() => new Dictionary<string, string?>(valid), body => Client.PostAsync("/aas/oauth2/v3/te", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded")));
        tried += await Matrix(() => requests.Refresh("x", Now), body => Client.PostAsync("/aas/oauth2/te", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded")));
        foreach (var (content, type) in new[] { ("{\"a\":1}", "application/json"), ("\u00ff\u00fe", "application/x-www-form-urlencoded"), (Huge, "text/plain"), ("", "multipart/form-data; boundary=x"), ("a=%00", "application/x-www-form-urlencoded") })
        {
            var body = new StringContent(content);
            body.Headers.Remove("Content-Type");
            body.Headers.TryAddWithoutValidation("Content-Type", type);
            ((int)(await Client.PostAsync("/aas/oauth2/v3/te", body)).StatusCode).Should().BeLessThan(500, type);
        }

        tried.Should().BeGreaterThan(300);
    }

    [Fact]
    public async Task Pages_logout_REST_and_admin_never_answer_5xx()
    {
        foreach (var path in new[] { "/rs/prns/1000000001", "/rs/prns/1000000001/ctts", "/rs/prns/1000000001/ctts/1", "/rs/orgs/1", "/rs/prns/abc", "/rs/prns/-1/x/y" })
        {
            foreach (var auth in new[] { null, "Bearer", "Bearer " + Huge[..5000], "Bearer a.b.c", "Basic abc", "Bearer eyJhbGciOiJub25lIn0.eyJ9.", "Bearer \u00e9" })
            {
                var request = new HttpRequestMessage(HttpMethod.Get, path + "?embed=(" + Huge[..2000] + ")");
                if (auth is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", auth);
                }

                ((int)(await Client.SendAsync(request)).StatusCode).Should().BeLessThan(500, $"{path} {auth?[..Math.Min(auth.Length, 20)]}");
            }
        }

        foreach (var form in new[] { "", "req=", "req=x&person=abc", "req=x&person=99999999999999999999", $"req={Huge[..10000]}", "login=%FF&password=%00" })
        {
            foreach (var path in new[] { "/aas/oauth2/login", "/aas/oauth2/consent" })
            {
                ((int)(await Client.PostAsync(path, new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"))).StatusCode).Should().BeLessThan(500, $"{path} {form[..Math.Min(form.Length, 30)]}");
            }
        }

        foreach (var query in new[] { "", "client_id=", "client_id=MOCKSYS&redirect_url=%FF", "client_id=MOCKSYS&redirect_url=javascript:alert(1)", $"redirect_url={Huge[..10000]}" })
        {
            ((int)(await Client.GetAsync("/idp/ext/Logout?" + query)).StatusCode).Should().BeLessThan(500, query);
        }

        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        foreach (var (method, path) in new[] { ("POST", "/__admin/faults"), ("PUT", "/__admin/clients"), ("PUT", "/__admin/people"), ("POST", "/__admin/clock/advance"), ("POST", "/__admin/clock/set") })
        {
            foreach (var body in new[] { "", "not json", "null", "[]", "{\"endpoint\":12,\"kind\":[]}", "{\"seconds\":\"abc\"}", "{\"time\":\"yesterday\"}", deep, "{\"clientId\":\"X\",\"certificates\":[\"../../../etc/passwd\"]}", "{\"clientId\":\"X\",\"certificatesPem\":[\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"]}" })
            {
                var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                ((int)(await Client.SendAsync(request)).StatusCode).Should().BeLessThan(500, $"{method} {path} {body[..Math.Min(body.Length, 30)]}");
            }
        }
    }
}

/// <summary>What the fuzzers found (fixtures/fuzz/*/found-*), sent through HTTP: each reached a 500 before its fix.</summary>
public class FuzzFindingsOverHttpTests : InMemoryTest
{
    [Fact]
    public async Task Tokens_with_broken_UTF8_inside_the_JSON_get_401()
    {
        var found = Directory.GetFiles(Paths.Fixture("fuzz", "jwt"), "found-*");
        found.Should().NotBeEmpty();
        foreach (var file in found)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/rs/prns/1000000001");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + File.ReadAllText(file).Trim());
            (await Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, Path.GetFileName(file));
        }
    }

    [Fact]
    public async Task CMS_with_mangled_embedded_certificates_is_refused_with_ESIAs_error_at_the_legacy_endpoints()
    {
        var requests = new EsiaRequests("MOCKSYS");
        var found = Directory.GetFiles(Paths.Fixture("fuzz", "cms"), "found-*");
        found.Should().NotBeEmpty();
        foreach (var file in found)
        {
            var secret = Convert.ToBase64String(File.ReadAllBytes(file));
            var form = requests.Refresh("unknown", Now);
            form["client_secret"] = secret;
            var (response, body) = await Flow.TokenAsync(Client, form, "/aas/oauth2/te");
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, Path.GetFileName(file));
            body.GetProperty("error_description").GetString().Should().StartWith("ESIA-", Path.GetFileName(file));

            var authorize = requests.Authorize(Now);
            authorize["client_secret"] = secret;
            ((int)(await Client.GetAsync(EsiaRequests.Url("/aas/oauth2/ac", authorize))).StatusCode).Should().BeLessThan(500, Path.GetFileName(file));
        }
    }
}

public class SecretsStayOutOfLogsTests
{
    private sealed class Collecting : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception) + exception);
            }
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task No_secret_token_or_key_reaches_the_log_or_the_journal_file()
    {
        var journal = Path.GetTempFileName();
        var logs = new Collecting();
        try
        {
            await using (var host = await MockEsiaHost.StartAsync($"--MockEsia:JournalFile={journal}"))
            {
                host.Get<ILoggerFactory>().AddProvider(logs);
                var client = host.Client();
                var requests = new EsiaRequests("MOCKHEADLESS");
                var now = host.Clock.GetUtcNow();
                var (code, authorize) = await Flow.CodeAsync(client, requests, now);
                var form = requests.Token(code, now);
                var (_, body) = await Flow.TokenAsync(client, form);
                var bad = requests.Refresh(body.GetProperty("refresh_token").GetString()!, now);
                bad["client_secret"] = ClientSecretCodec.Encode(new byte[64]);
                await Flow.TokenAsync(client, bad);
                await Flow.TokenAsync(client, form);
                var secrets = new[]
                {
                    authorize["client_secret"]!, form["client_secret"]!, code, body.GetProperty("access_token").GetString()!,
                    body.GetProperty("id_token").GetString()!, body.GetProperty("refresh_token").GetString()!, bad["client_secret"]!,
                };
                var written = await File.ReadAllTextAsync(journal);
                written.Should().NotBeEmpty();
                foreach (var secret in secrets)
                {
                    written.Should().NotContain(secret);
                    logs.Lines.Should().NotContain(l => l.Contains(secret, StringComparison.Ordinal));
                }

                written.Should().NotContain("PRIVATE KEY");
                written.Should().NotContain("11111111", "test passwords are not journalled");
            }
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task A_production_looking_issuer_is_refused_at_start_up_unless_allowed()
    {
        var start = async () => await MockEsiaHost.StartAsync("--MockEsia:Issuer=http://esia.gosuslugi.ru/");
        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*production*AllowProductionIssuer*");
        await using var allowed = await MockEsiaHost.StartAsync("--MockEsia:Issuer=http://esia.gosuslugi.ru/", "--MockEsia:AllowProductionIssuer=true");
        (await allowed.Client().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public class ParallelLoginTests : InMemoryTest
{
    [Fact]
    public async Task Parallel_logins_of_many_people_never_cross_talk()
    {
        var people = Enumerable.Range(0, 12).Select(i => 1000100000L + i).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(people.Select(async oid =>
            {
                var requests = new EsiaRequests();
                var browser = new Browser(Client);
                var code = EsiaRequests.Query(await browser.LoginAsync(EsiaRequests.Url("/aas/oauth2/v2/ac", requests.Authorize(Now)), oid))["code"];
                var (_, body) = await Flow.TokenAsync(Client, requests.Token(code, Now));
                Esia.Protocol.Tokens.EsiaJwt.TryParse(body.GetProperty("access_token").GetString(), out var access, out _);
                Esia.Protocol.Tokens.EsiaJwt.TryParse(body.GetProperty("id_token").GetString(), out var id, out _);
                return (oid, access: access!.GetNumber("urn:esia:sbj_id"), sub: id!.GetNumber("sub"));
            }));
            results.Should().OnlyContain(r => r.access == r.oid && r.sub == r.oid);
        }
    }
}
