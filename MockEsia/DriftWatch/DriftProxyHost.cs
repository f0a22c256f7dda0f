using System.Security.Cryptography.X509Certificates;
using Esia.Protocol.Crypto;
using Esia.Protocol.Tls;

namespace MockEsia.DriftWatch;

/// <summary>The running drift proxy: its web app, its judge (an inner MockEsia) and its report.</summary>
internal sealed class DriftProxyHost : IAsyncDisposable
{
    private readonly Judge _judge;
    private readonly HttpClient _upstream;

    private readonly DriftProxy _proxy;

    private DriftProxyHost(WebApplication app, DriftProxy proxy, Judge judge, HttpClient upstream, DriftReport report)
    {
        App = app;
        _proxy = proxy;
        _judge = judge;
        _upstream = upstream;
        Report = report;
    }

    public WebApplication App { get; }

    public DriftReport Report { get; }

    /// <summary>Completes when every exchange so far is in the report (tests read it right after the app's last answer).</summary>
    public Task SettledAsync() => _proxy.SettledAsync(TimeSpan.FromSeconds(30));

    public static async Task<DriftProxyHost> StartAsync(ProxySettings settings, IEnumerable<string> mockEsiaArgs)
    {
        var certificate = KeyMaterial.Leaf(KeyMaterial.ReadCertificates(File.ReadAllBytes(settings.ClientCertificate)));
        var judge = await Judge.StartAsync(certificate, mockEsiaArgs);
        var report = new DriftReport(settings.Upstream.ToString(), DateTimeOffset.UtcNow);
        var upstream = Upstream(settings.UpstreamCa);
        var proxy = new DriftProxy(upstream, settings.Upstream, judge, report, settings.Output, settings.KeepRaw);
        var builder = WebApplication.CreateSlimBuilder(["--urls", settings.Urls]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/__drift/", () => Results.Content(report.ToHtml(), "text/html; charset=utf-8"));
        app.MapGet("/__drift/report.json", () => Results.Content(report.ToJson().ToJsonString(), "application/json"));
        app.Map("/{**path}", proxy.HandleAsync);
        await app.StartAsync();
        return new DriftProxyHost(app, proxy, judge, upstream, report);
    }

    public async ValueTask DisposeAsync()
    {
        await SettledAsync();
        await App.DisposeAsync();
        await _judge.DisposeAsync();
        _upstream.Dispose();
    }

    /// <summary>An HTTP client for the upstream: TLS verified normally, or against the given CA only.</summary>
    internal static HttpClient Upstream(string? caFile)
    {
        X509Certificate2[] roots = caFile is null ? [] : [X509CertificateLoader.LoadCertificate(KeyMaterial.ReadCertificates(File.ReadAllBytes(caFile))[0].Der)];
        var handler = TlsTrust.Handler(roots);
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }
}
