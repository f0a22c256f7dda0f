using System.Diagnostics;
using Conformance.Specs.Harness;
using Esia.TestSupport;
using Xunit.Abstractions;

namespace Conformance.Tests.IndependentApps;

/// <summary>
/// The harness judged on an app in another language: <c>python/esia_epgu_app.py</c>, Python's standard library and
/// OpenSSL's GOST engine only (signing, the certificate hash and the token's signature check through <c>openssl</c>),
/// ESIA login and API ЕПГУ together, with no REST page and no logout. Its documented verdicts must hold.
/// </summary>
[Collection("conformance")]
public class PythonAppTests : IAsyncLifetime
{
    /// <summary>The verdicts that are not Passed, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> Except = new Dictionary<string, string>
    {
        // No page calls the ESIA REST API and the app has no logout: those scenarios cannot judge it (C01 reads the person through REST too).
        ["ESIA-C01"] = "Inconclusive", ["ESIA-C30"] = "Inconclusive", ["ESIA-C31"] = "Inconclusive", ["ESIA-C32"] = "Inconclusive", ["ESIA-C33"] = "Inconclusive", ["ESIA-C40"] = "Inconclusive",
    };

    private readonly ConformanceStack _stack;
    private readonly ITestOutputHelper _output;
    private readonly System.Text.StringBuilder _errors = new();
    private Process? _app;

    private string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public PythonAppTests(ConformanceStack stack, ITestOutputHelper output)
    {
        _stack = stack;
        _output = output;
    }

    [OpenSslFact]
    public async Task The_Python_app_gets_its_documented_verdict_in_every_scenario()
    {
        var self = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await StartAsync(self);
        var target = new TargetApp
        {
            Name = "j-python-stdlib",
            BaseUrl = self.ToString(),
            LoginPath = "/login",
            SignedIn = new SignedInProbe { Path = "/me" },
            EsiaUrl = _stack.MockBase.ToString(),
            ClientId = "MOCKSYS",
            Certificates = [Paths.Fixture("pki", "clients", "client-gost256.cer.pem")],
            RedirectUris = [$"{self}signin-esia"],
            ShortAccessTokenLifetimeSeconds = 3,
            Epgu = new TargetEpgu
            {
                SubmitPath = "/apply", SubmitButton = "py-apply", OrderPath = "/applications/{orderId}", CancelButton = "py-cancel", ServiceCode = "10000000113", PollIntervalSeconds = 1,
            },
        };
        var results = await _stack.RunAsync(target);
        foreach (var r in results)
        {
            _output.WriteLine($"  {r.Id,-9} {r.Outcome,-13} {r.Duration.TotalSeconds,5:0.0} s {r.Message}");
        }

        Errors.Should().BeEmpty("the app handles every answer without an unhandled exception");
        results.Should().HaveCount(ConformanceStack.ResultsFor(target));
        var wrong = results.Where(r => r.Outcome.ToString() != Except.GetValueOrDefault(r.CatalogueId, "Passed")).ToArray();
        PackProse.InPackOf(results, target).Should().BeEmpty("the Python app's approval pack reads in Russian");
        wrong.Should().BeEmpty("the app's stderr: " + Errors + "\n" + string.Join("\n\n", wrong.Select(r => $"{r.Id}: expected {Except.GetValueOrDefault(r.CatalogueId, "Passed")}, got {r.Outcome}: {r.Message}\n{string.Join('\n', r.Steps)}\n{string.Join('\n', r.Checks)}")));
    }

    private async Task StartAsync(Uri self)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "IndependentApps", "python", "esia_epgu_app.py"), "--port", self.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--esia", _stack.MockBase.ToString(), "--cert", Paths.Fixture("pki", "clients", "client-gost256.cer.pem"), "--key", Paths.Fixture("pki", "clients", "client-gost256.key.pem"),
                "--trust", Paths.Fixture("pki", "esia", "esia-gost256.cer.pem"), "--trust", Paths.Fixture("pki", "esia", "esia-gost256-next.cer.pem"),
            },
        };
        _app = Process.Start(start)!;
        _app.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        _app.BeginErrorReadLine();
        var ready = await _app.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        ready.Should().StartWith("listening", Errors);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
        }

        _app?.Dispose();
        return Task.CompletedTask;
    }
}
