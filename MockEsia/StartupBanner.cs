using Microsoft.Extensions.Options;
using MockEsia.Fixtures;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Endpoints;
using MockEsia.Tls;

namespace MockEsia;

/// <summary>The one block MockEsia logs when it has started: where to click, what it loaded, and what needs attention.</summary>
internal static class StartupBanner
{
    /// <summary>The block's text for the addresses MockEsia listens on.</summary>
    public static string Text(IServiceProvider services, IReadOnlyCollection<string> addresses, DateTimeOffset now)
    {
        var options = services.GetRequiredService<IOptions<MockEsiaOptions>>().Value;
        var fixtures = services.GetRequiredService<LoadedFixtures>();
        var url = (addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault() ?? "http://localhost:5000")
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/');
        var yours = Directory.Exists(fixtures.ClientsFolder) ? Directory.EnumerateFiles(fixtures.ClientsFolder, "*.json").Count() : 0;
        var accounts = fixtures.People.All.Where(p => p.Login is not null && p.Password is not null).ToArray();
        var lines = new List<string>
        {
            $"MockEsia {PublicEndpoints.Version} is running (issuer {options.Issuer})",
            $"  start page:  {url}/",
            $"  dashboard:   {url}/__admin/ui",
            $"  clients:     {fixtures.Clients.All.Count} ({string.Join(", ", fixtures.Clients.All.Select(c => c.ClientId).Order(StringComparer.Ordinal).Take(6))}{(fixtures.Clients.All.Count > 6 ? ", …" : "")}); "
                + $"your folder {fixtures.ClientsFolder} holds {yours} client file(s) (add one: MockEsia clients add --id … --cert … --redirect …)",
            $"  people:      {fixtures.People.All.Count}, {accounts.Length} with a password ({string.Join(", ", accounts.Take(3).Select(p => $"{p.Login} / {p.Password}"))}{(accounts.Length > 3 ? ", …" : "")}); "
                + "the login page lists them all",
            services.GetService<TestCertificateAuthority>() is { } tls
                ? $"  https:       {addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal))} for {string.Join(", ", options.Https.Hosts)}; trust the CA {tls.CaPath} (also at {url}/public/ca.pem)"
                : "  https:       off (start with --https for TLS from a local test CA)",
            $"  admin token: {(string.IsNullOrEmpty(options.AdminToken) ? "not set: /__admin is open to whoever reaches this port" : "set: /__admin needs it")}",
        };
        lines.AddRange(services.GetRequiredService<Admin.MockEsiaControl>().Problems.Select(p => $"  not loaded:  {p.Line}"));
        lines.AddRange(fixtures.Clients.All.SelectMany(c => c.Certificates.Select(cert => CertificateUpkeep.Warning(cert, now)).OfType<string>().Select(w => $"  warning:     {c.ClientId}: {w}")));
        return string.Join(Environment.NewLine, lines);
    }
}
