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
        Fixtures = Path.GetFullPath(Value("fixtures") ?? "fixtures");
        BaseUrl = $"http://127.0.0.1:{Number("port", 18600)}";
    }

    /// <summary>The published MockEsia.dll to start.</summary>
    public string ServerDll { get; }

    /// <summary>The fixtures folder (keys, clients).</summary>
    public string Fixtures { get; }

    /// <summary>Where MockEsia listens.</summary>
    public string BaseUrl { get; }

    /// <summary>Seconds of measured load (benchmark) or of soak.</summary>
    public int Seconds => Number("seconds", 20);

    /// <summary>Seconds of load before the measured rounds.</summary>
    public int WarmUp => Number("warmup", 15);

    /// <summary>Measured rounds of the benchmark.</summary>
    public int Rounds => Number("rounds", 3);

    /// <summary>Virtual integrators of the benchmark.</summary>
    public int Concurrency => Number("concurrency", 16);

    /// <summary>Logins per second of the soak.</summary>
    public int Rate => Number("rate", 20);

    /// <summary>Whether to print the benchmark's table rows without its header (bench/run.sh prints one table).</summary>
    public bool RowsOnly => Value("rows-only") == "true";

    /// <summary>Whether to soak instead of benchmarking.</summary>
    public bool Soak => Value("mode") == "soak";

    /// <summary>Environment variables for the server, <c>K=V;K=V</c>.</summary>
    public string? ServerEnvironment => Value("server-env");

    /// <summary>The headless fixture client's key.</summary>
    public EsiaCredential Client() => EsiaCredential.Load(Path.Combine(Fixtures, "pki/clients/client-gost256.cer.pem"), Path.Combine(Fixtures, "pki/clients/client-gost256.key.pem"));

    /// <summary>The mock ESIA's signing key (for the floor).</summary>
    public EsiaCredential Esia() => EsiaCredential.Load(Path.Combine(Fixtures, "pki/esia/esia-gost256.cer.pem"), Path.Combine(Fixtures, "pki/esia/esia-gost256.key.pem"));

    /// <summary>An HTTP client for the server, not following redirects.</summary>
    public HttpClient Http(int connections) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

    private string? Value(string name) => _values.GetValueOrDefault(name);

    private int Number(string name, int fallback) => int.Parse(Value(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
