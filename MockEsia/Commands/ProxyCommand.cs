using MockEsia.Configuration;

using MockEsia.DriftWatch;

namespace MockEsia.Commands;


/// <summary>
/// <c>MockEsia proxy --upstream https://esia-portal1.test.gosuslugi.ru --client-cert my-system.cer</c>: a recording proxy
/// in front of the real test ESIA that says where ESIA and MockEsia disagree (see <see cref="DriftProxy"/>). The app's ESIA
/// base URL points at the proxy; the report is rewritten after every exchange and served at <c>/__drift/</c>.
/// </summary>
internal static class ProxyCommand
{
    private const string Usage = """
        Usage:
          MockEsia proxy --upstream https://esia-portal1.test.gosuslugi.ru --client-cert my-system.cer
                         [--upstream-ca ca.pem] [--urls http://localhost:5081] [--out drift] [--keep-raw]
          (relative paths are read from the directory you ran the command in, also under `dotnet run --project MockEsia`)

        Point your app's ESIA base URL at the proxy and log in as usual. ESIA's login pages are not proxied: the browser
        goes to ESIA with the same query. te, /rs, logout and /public are forwarded unchanged, recorded and compared with
        what MockEsia would do. The report (drift-report.json, drift-report.html) is written into --out and served at
        /__drift/. Codes, tokens, signatures and personal data are masked in it; --keep-raw also keeps the raw exchanges
        in --out/raw-records.jsonl on this machine only.
        """;

    /// <summary>Runs the proxy until stopped; 2 for a usage error.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (Parse(args, out var error) is not { } settings)
        {
            await output.WriteLineAsync((error is null ? "" : "error: " + error + "\n") + Usage);
            return 2;
        }

        if (WritableFolder.Problem(settings.Output, "--out") is { } cannot)
        {
            await output.WriteLineAsync("error: " + cannot);
            return 2;
        }

        await using var host = await DriftProxyHost.StartAsync(settings, args.Where(a => a.StartsWith("--MockEsia:", StringComparison.Ordinal)));
        await output.WriteLineAsync($"""
            MockEsia drift watch
              listening on   {settings.Urls}   (point the app's ESIA base URL here)
              upstream       {settings.Upstream}
              report         {Path.GetFullPath(settings.Output)}/drift-report.html  and  {settings.Urls.TrimEnd('/')}/__drift/
              masking        codes, tokens, signatures and personal data are masked in the records
            """);
        if (settings.KeepRaw)
        {
            await output.WriteLineAsync($"WARNING: --keep-raw writes the raw exchanges, secrets and personal data included, to {Path.GetFullPath(Path.Combine(settings.Output, "raw-records.jsonl"))}. Keep that file on this machine.");
        }

        await host.App.WaitForShutdownAsync();
        await output.WriteLineAsync("MockEsia drift watch ended. " + host.Report.Summary);
        return 0;
    }

    /// <summary>The settings from the command line; null with a reason when something is missing or unreadable.</summary>
    public static ProxySettings? Parse(string[] args, out string? error)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        error = null;
        if (Value("--upstream") is not { } upstream || !Uri.TryCreate(upstream, UriKind.Absolute, out var upstreamUri) || upstreamUri.Scheme is not ("http" or "https"))
        {
            error = "--upstream needs ESIA's base URL (http or https).";
            return null;
        }

        if (Value("--client-cert") is not { } typed || CallerPath.Full(typed) is var certificate && !File.Exists(certificate))
        {
            error = "--client-cert needs the app's certificate file (v2/v3 requests carry only its hash).";
            return null;
        }

        var ca = Value("--upstream-ca") is { } typedCa ? CallerPath.Full(typedCa) : null;
        if (ca is not null && !File.Exists(ca))
        {
            error = $"--upstream-ca: {ca} does not exist.";
            return null;
        }

        return new ProxySettings(upstreamUri, certificate, ca, args.Contains("--keep-raw"), CallerPath.Full(Value("--out") ?? "drift"), Value("--urls") ?? "http://localhost:5081");
    }
}
