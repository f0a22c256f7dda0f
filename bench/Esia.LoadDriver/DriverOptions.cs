using System.Globalization;
using Esia.Protocol.Crypto;

namespace Esia.LoadDriver;

/// <summary>The driver's command line: <c>--name value</c> pairs.</summary>
public sealed class DriverOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Reads the arguments.</summary>
    public DriverOptions(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            _values[args[i].TrimStart('-')] = args[i + 1];
        }

        ServerDll = Value("server") ?? throw new ArgumentException("--server PATH/MockEsia.dll");
        BenchHostDll = Value("bench-host") ?? Path.Combine(Path.GetDirectoryName(ServerDll)!, "..", "benchhost", "MockEsia.BenchHost.dll");
        Fixtures = Path.GetFullPath(Value("fixtures") ?? "fixtures");
        BaseUrl = Url(0);
    }

    /// <summary>The published MockEsia.BenchHost.dll: MockEsia with the benchmark seams (the full-store comparison's prefill).</summary>
    public string BenchHostDll { get; }

    /// <summary>The published MockEsia.dll to start.</summary>
    public string ServerDll { get; }

    /// <summary>The fixtures folder (keys, clients).</summary>
    public string Fixtures { get; }

    /// <summary>Where the (first) MockEsia listens.</summary>
    public string BaseUrl { get; }

    /// <summary>Quick mode: shorter rounds and a smaller full store (bench/run.sh --quick).</summary>
    public bool Quick => Value("quick") == "true";

    /// <summary>Seconds of measured load per backend (benchmark) or of soak.</summary>
    public int Seconds => Number("seconds", Quick ? 10 : 30);

    /// <summary>Seconds of load before the measured rounds.</summary>
    public int WarmUp => Number("warmup", Quick ? 5 : 10);

    /// <summary>Measured rounds of the benchmark, per backend.</summary>
    public int Rounds => Number("rounds", Quick ? 1 : 3);

    /// <summary>Seconds of one round.</summary>
    public double RoundSeconds => Seconds / (double)Rounds;

    /// <summary>Whether to measure the full store after the backends (<c>--full-store false</c> skips it).</summary>
    public bool FullStore => Value("full-store") != "false";

    /// <summary>Live refresh grants the full in-memory store is filled with.</summary>
    public int LiveGrants => Number("grants", Quick ? 500_000 : 5_000_000);

    /// <summary>Live refresh grants the full Redis store is filled with (0 skips Redis).</summary>
    public int RedisGrants => Number("redis-grants", Quick ? 100_000 : 5_000_000);

    /// <summary>The port of the private redis-server the full-store benchmark starts.</summary>
    public int RedisPort => Number("redis-port", 16391);

    /// <summary>Seconds of load the whole benchmark drives (for the number of precomputed signature nonces).</summary>
    public double TotalLoadSeconds => (2 * (WarmUp + Seconds + RoundSeconds)) + (FullStore ? 4 * (WarmUp + Seconds) : 0);

    /// <summary>Virtual integrators of the benchmark.</summary>
    public int Concurrency => Number("concurrency", 16);

    /// <summary>Logins per second of the soak.</summary>
    public int Rate => Number("rate", 20);

    /// <summary>Whether to print the benchmark's table rows without its header (bench/run.sh prints one table).</summary>
    public bool RowsOnly => Value("rows-only") == "true";

    /// <summary>Whether to soak instead of benchmarking.</summary>
    public bool Soak => Value("mode") == "soak";

    /// <summary>API ЕПГУ's archive figures: signature verification over 50 MB and a 200 MB chunked upload.</summary>
    public bool Epgu => Value("mode") == "epgu";

    /// <summary>Environment variables for the server, <c>K=V;K=V</c>.</summary>
    public string? ServerEnvironment => Value("server-env");

    /// <summary>The headless fixture client's key.</summary>
    public EsiaCredential Client() => EsiaCredential.Load(Path.Combine(Fixtures, "pki/clients/client-gost256.cer.pem"), Path.Combine(Fixtures, "pki/clients/client-gost256.key.pem"));

    /// <summary>The mock ESIA's signing key (for the floor).</summary>
    public EsiaCredential Esia() => EsiaCredential.Load(Path.Combine(Fixtures, "pki/esia/esia-gost256.cer.pem"), Path.Combine(Fixtures, "pki/esia/esia-gost256.key.pem"));

    /// <summary>The URL of the <paramref name="index"/>-th MockEsia process (ports from <c>--port</c>, 18600 by default).</summary>
    public string Url(int index) => $"http://127.0.0.1:{Number("port", 18600) + index}";

    /// <summary>An HTTP client for the <paramref name="index"/>-th server, not following redirects.</summary>
    public HttpClient Http(int connections, int index = 0) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(Url(index)), Timeout = TimeSpan.FromSeconds(30) };

    private string? Value(string name) => _values.GetValueOrDefault(name);

    private int Number(string name, int fallback) => int.Parse(Value(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
