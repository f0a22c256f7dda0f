using System.Text.Json;
using Esia.Protocol.Crypto;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Fixtures;

namespace MockEsia.Commands;

/// <summary>
/// <c>MockEsia clients add --id MYSYS --cert my-system.cer --redirect https://my.example/signin-esia</c>: registers an
/// integrator's system from its certificate in one step, into the clients folder (<c>MockEsia:ClientsPath</c>) that
/// MockEsia loads on top of the bundled fixtures, so the registration survives restarts. Prints the
/// <c>client_certificate_hash</c> and warns about certificate upkeep. <c>clients list</c> shows the folder (and the
/// files MockEsia would leave out), <c>clients remove</c> takes a system out again.
/// </summary>
internal static class ClientsCommand
{
    private const string Usage = """
        Usage:
          MockEsia clients add --id MYSYS --cert my-system.cer --redirect https://my.example/signin-esia
                               [--redirect URL ...] [--name "Моя ИС"] [--force] [--allow-rsa]
                               [--token-algorithm GOST3410_2012_256|RS256] [--redirect-matching Domain|Exact]
                               [--refresh-profile Strict|Alternative|Either] [--accept-v1-signature-on-v2]
                               [--strict-state] [--strict-redirect-uri-at-token] [--scope SCOPE ...] [--grant-type TYPE ...]
                               [--access-token-lifetime SECONDS] [--id-token-lifetime SECONDS] [--refresh-token-lifetime SECONDS]
                               [--headless-person OID]
          MockEsia clients remove --id MYSYS
          MockEsia clients list
          MockEsia clients check [--days 30]

        --cert takes a DER .cer, PEM, base64 without armour (as CryptoPro exports it) or a PKCS#7 .p7b chain
        (its end-entity certificate is registered); a relative path is read from the directory you ran the command in
        (also under `dotnet run --project MockEsia`, which runs MockEsia in MockEsia/).
        The client file goes into MockEsia:ClientsPath (default: clients/ under MockEsia's content root — MockEsia/clients
        with `dotnet run --project MockEsia`; in Docker /data/clients). Restart MockEsia, or POST /__admin/reset, to load it.
        --force replaces a system registered with the same id, in the folder or bundled with MockEsia.
        An RSA certificate needs --allow-rsa: ESIA takes no RSA client keys, the switch is for legacy testing only.
        `clients list` exits 1 when a file in the folder cannot be loaded, and says why.
        `clients check` (for a scheduled CI job) prints every certificate of the folder with its days left, and exits 1
        when one has expired, is not yet valid or expires within --days days (default 30), or a file cannot be loaded.
        """;

    private static readonly string[] Flags = ["--force", "--allow-rsa", "--accept-v1-signature-on-v2", "--strict-state", "--strict-redirect-uri-at-token"];

    private static readonly string[] Valued =
    [
        "--id", "--cert", "--redirect", "--name", "--token-algorithm", "--redirect-matching", "--refresh-profile", "--scope", "--grant-type",
        "--access-token-lifetime", "--id-token-lifetime", "--refresh-token-lifetime", "--headless-person", "--days",
    ];

    /// <summary>Runs the subcommand; returns the exit code (0 done, 1 a file in the folder cannot be loaded, 2 usage or a refusal).</summary>
    /// <param name="args">The arguments after <c>clients</c>.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="now">The time certificates are judged at.</param>
    /// <param name="callerDirectory">The directory the command was typed in (default: the shell's <c>PWD</c>), which relative paths are read from.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, DateTimeOffset now, string? callerDirectory = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args.Where(a => a.StartsWith("--MockEsia:", StringComparison.Ordinal)).ToArray() });
        var options = builder.Configuration.GetSection(MockEsiaOptions.Section).Get<MockEsiaOptions>() ?? new MockEsiaOptions();
        var folder = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, options.ClientsPath));
        var verb = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        try
        {
            var (given, problem) = Options(args[1..]);
            if (verb is "add" or "remove" && problem is not null)
            {
                return await UsageAsync(output, problem);
            }

            return verb switch
            {
                "add" => await AddAsync(given, folder, Bundled(options, builder.Environment.ContentRootPath), output, now,
                    callerDirectory),
                "remove" => await RemoveAsync(given, folder, Bundled(options, builder.Environment.ContentRootPath), output),
                "list" => await ListAsync(folder, output, now),
                "check" => await CheckAsync(folder, given["--days"].FirstOrDefault(), output, now),
                _ => await UsageAsync(output, verb is null ? null : $"Unknown subcommand '{verb}'."),
            };
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or JsonException or ArgumentException)
        {
            await output.WriteLineAsync("error: " + ex.Message);
            return 2;
        }
    }

    private static async Task<int> AddAsync(ILookup<string, string> o, string folder, IReadOnlyDictionary<string, string> bundled, TextWriter output, DateTimeOffset now,
        string? callerDirectory)
    {
        if (o["--id"].FirstOrDefault() is not { Length: > 0 } id || o["--cert"].FirstOrDefault() is not { Length: > 0 } certPath || !o["--redirect"].Any())
        {
            return await UsageAsync(output, "clients add needs --id, --cert and at least one --redirect.");
        }

        if (ClientFiles.MnemonicProblem(id) is { } notMnemonic)
        {
            return await UsageAsync(output, notMnemonic);
        }

        var existing = Existing(folder, id, bundled);
        if (existing is not null && !o.Contains("--force"))
        {
            await output.WriteLineAsync($"error: {id} is already registered: {existing}. Adding it would replace it; choose another --id, or give --force to replace it.");
            return 2;
        }

        var leaf = KeyMaterial.Leaf(KeyMaterial.ReadCertificates(await File.ReadAllBytesAsync(CallerPath.Full(certPath, callerDirectory))));
        var definition = Definition(o, id);
        definition.CertificatesPem = [KeyMaterial.WriteCertificatePem(leaf)];
        definition.ToRegistration(folder);
        definition.CertificatesPem = [];
        definition.Certificates = [$"{id}.cer.pem"];
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{id}.cer.pem"), KeyMaterial.WriteCertificatePem(leaf));
        await File.WriteAllTextAsync(Path.Combine(folder, $"{id}.json"), JsonSerializer.Serialize(definition, new JsonSerializerOptions(MockEsiaJson.Files) { WriteIndented = true }));
        await output.WriteLineAsync($"{(existing is null ? "Registered" : "Replaced")} {id} in {Path.Combine(folder, id + ".json")}{(existing is null ? "" : $" (it was {existing})")}");
        await output.WriteLineAsync($"  certificate:             {leaf.Subject} ({leaf.KeyAlgorithm}), valid {leaf.NotBefore:yyyy-MM-dd} to {leaf.NotAfter:yyyy-MM-dd}");
        await output.WriteLineAsync($"  client_certificate_hash: {leaf.Streebog256Hex}");
        await output.WriteLineAsync($"  redirect URIs:           {string.Join(", ", definition.RedirectUris)}");
        await output.WriteLineAsync($"  tokens:                  {definition.TokenAlgorithm}; refresh profile {definition.RefreshProfile}; redirect matching {definition.RedirectMatching}");
        if (definition.AllowRsaClientKeys)
        {
            await output.WriteLineAsync("  warning: allowRsaClientKeys is on: ESIA takes no RSA client keys; every use is logged.");
        }

        if (CertificateUpkeep.Warning(leaf, now) is { } warning)
        {
            await output.WriteLineAsync("  warning: " + warning);
        }

        await output.WriteLineAsync("Restart MockEsia, or POST /__admin/reset, to load it.");
        return 0;
    }

    private static async Task<int> RemoveAsync(ILookup<string, string> o, string folder, IReadOnlyDictionary<string, string> bundled, TextWriter output)
    {
        if (o["--id"].FirstOrDefault() is not { Length: > 0 } id)
        {
            return await UsageAsync(output, "clients remove needs --id.");
        }

        var file = Path.Combine(folder, $"{id}.json");
        if (!File.Exists(file))
        {
            await output.WriteLineAsync(ClientFiles.Load(folder, folder).DefinedIn.TryGetValue(id, out var elsewhere)
                ? $"error: {id} is not in a file of its own; it is defined in {elsewhere}: edit that file."
                : bundled.TryGetValue(id, out var where)
                    ? $"error: {id} is bundled with MockEsia ({where}) and is always loaded; it cannot be removed here."
                    : $"error: there is no {id} in {folder}.");
            return 2;
        }

        File.Delete(file);
        File.Delete(Path.Combine(folder, $"{id}.cer.pem"));
        await output.WriteLineAsync($"Removed {id} ({file}){(bundled.TryGetValue(id, out var bundledFile) ? $"; the bundled {id} ({bundledFile}) is in force again" : "")}.");
        await output.WriteLineAsync("Restart MockEsia, or POST /__admin/reset, to apply it.");
        return 0;
    }

    private static async Task<int> ListAsync(string folder, TextWriter output, DateTimeOffset now)
    {
        var load = ClientFiles.Load(folder, folder);
        await output.WriteLineAsync($"{load.Clients.Count} system(s) in {folder}{(load.Problems.Count > 0 ? $", {load.Problems.Count} file(s) that cannot be loaded" : "")}");
        foreach (var c in load.Clients.OrderBy(c => c.ClientId, StringComparer.Ordinal))
        {
            var leaf = c.Certificates[0];
            await output.WriteLineAsync($"  {c.ClientId,-16} {leaf.Streebog256Hex}  {string.Join(", ", c.RedirectUris)}{(CertificateUpkeep.Warning(leaf, now) is { } w ? "  warning: " + w : "")}");
        }

        foreach (var problem in load.Problems)
        {
            await output.WriteLineAsync($"  NOT LOADED       {problem.Line}");
        }

        return load.Problems.Count > 0 ? 1 : 0;
    }

    private static async Task<int> CheckAsync(string folder, string? days, TextWriter output, DateTimeOffset now)
    {
        var horizonDays = (int)CertificateUpkeep.Horizon.TotalDays;
        if (days is not null && (!int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out horizonDays) || horizonDays > 3650))
        {
            return await UsageAsync(output, $"--days takes a whole number of days from 0 to 3650, not '{days}'.");
        }

        var horizon = TimeSpan.FromDays(horizonDays);
        var load = ClientFiles.Load(folder, folder);
        var due = 0;
        await output.WriteLineAsync($"Certificates of {load.Clients.Count} system(s) in {folder}, at {now:yyyy-MM-dd}, due within {horizonDays} days:");
        foreach (var (client, certificate) in load.Clients.OrderBy(c => c.ClientId, StringComparer.Ordinal).SelectMany(c => c.Certificates.Select(cert => (c.ClientId, cert))))
        {
            var warning = CertificateUpkeep.Warning(certificate, now, horizon);
            due += warning is null ? 0 : 1;
            await output.WriteLineAsync($"  {(warning is null ? "ok " : "DUE"),-4} {client,-16} {(int)Math.Floor((certificate.NotAfter - now).TotalDays),6} days left  until {certificate.NotAfter:yyyy-MM-dd}  {certificate.Subject}{(warning is null ? "" : "  — " + warning)}");
        }

        foreach (var problem in load.Problems)
        {
            await output.WriteLineAsync($"  NOT LOADED       {problem.Line}");
        }

        await output.WriteLineAsync(due == 0 && load.Problems.Count == 0 ? "All certificates are good beyond the horizon." : $"{due} certificate(s) due, {load.Problems.Count} file(s) not loaded.");
        return due == 0 && load.Problems.Count == 0 ? 0 : 1;
    }

    // Where an id is registered already: the clients folder's file, or the fixtures' file that bundles it.
    private static string? Existing(string folder, string id, IReadOnlyDictionary<string, string> bundled)
    {
        var own = ClientFiles.Load(folder, folder);
        if (own.DefinedIn.TryGetValue(id, out var file))
        {
            var client = own.Clients.First(c => c.ClientId == id);
            return $"in {file} (certificate hash {client.Certificates[0].Streebog256Hex}, redirect URIs {string.Join(", ", client.RedirectUris)})";
        }

        if (own.Problems.FirstOrDefault(p => p.ClientId == id) is { } unloaded)
        {
            return $"in {unloaded.File}";
        }

        return bundled.TryGetValue(id, out var where) ? $"bundled with MockEsia ({where}); scripts and examples that sign as {id} would stop working" : null;
    }

    // The bundled clients' ids and files (empty when the fixtures cannot be found: nothing to protect then).
    private static IReadOnlyDictionary<string, string> Bundled(MockEsiaOptions options, string contentRoot) =>
        LoadedFixtures.Find(options.FixturesPath, contentRoot) is { } fixtures
            ? ClientFiles.Load(Path.Combine(fixtures, "clients"), fixtures).DefinedIn
            : new Dictionary<string, string>();

    private static ClientDefinition Definition(ILookup<string, string> o, string id)
    {
        var d = new ClientDefinition
        {
            ClientId = id,
            Name = o["--name"].FirstOrDefault() ?? id,
            RedirectUris = o["--redirect"].ToList(),
            AllowRsaClientKeys = o.Contains("--allow-rsa"),
            AcceptV1SignatureOnV2 = o.Contains("--accept-v1-signature-on-v2"),
            StrictState = o.Contains("--strict-state"),
            StrictRedirectUriAtToken = o.Contains("--strict-redirect-uri-at-token"),
            TokenAlgorithm = o["--token-algorithm"].LastOrDefault() ?? "GOST3410_2012_256",
            RedirectMatching = Parse<RedirectMatching>(o, "--redirect-matching") ?? RedirectMatching.Domain,
            RefreshProfile = Parse<RefreshSignatureProfile>(o, "--refresh-profile") ?? RefreshSignatureProfile.Strict,
            AccessTokenLifetimeSeconds = Number(o, "--access-token-lifetime"),
            IdTokenLifetimeSeconds = Number(o, "--id-token-lifetime"),
            RefreshTokenLifetimeSeconds = Number(o, "--refresh-token-lifetime"),
            HeadlessPersonOid = o["--headless-person"].LastOrDefault() is { } oid ? long.TryParse(oid, out var n) ? n : throw new ArgumentException($"--headless-person takes an oid, not '{oid}'.") : null,
        };
        if (o["--scope"].Any())
        {
            d.AllowedScopes = o["--scope"].ToList();
        }

        if (o["--grant-type"].Any())
        {
            d.GrantTypes = o["--grant-type"].ToList();
        }

        return d;
    }

    private static T? Parse<T>(ILookup<string, string> o, string name) where T : struct, Enum =>
        o[name].LastOrDefault() is not { } text ? null
        : Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value
        : throw new ArgumentException($"{name} is one of {string.Join(", ", Enum.GetNames<T>())}, not '{text}'.");

    private static int? Number(ILookup<string, string> o, string name) =>
        o[name].LastOrDefault() is not { } text ? null
        : int.TryParse(text, out var value) && value > 0 ? value
        : throw new ArgumentException($"{name} takes a positive number of seconds, not '{text}'.");

    private static async Task<int> UsageAsync(TextWriter output, string? problem)
    {
        if (problem is not null)
        {
            await output.WriteLineAsync(problem);
        }

        await output.WriteLineAsync(Usage);
        return problem is null ? 0 : 2;
    }

    // "--name value" pairs and flags; an option the command does not know is a usage error, not silently ignored.
    private static (ILookup<string, string> Values, string? Problem) Options(string[] args)
    {
        var pairs = new List<(string, string)>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--MockEsia:", StringComparison.Ordinal))
            {
                continue;
            }

            if (Flags.Contains(arg))
            {
                pairs.Add((arg, ""));
            }
            else if (Valued.Contains(arg))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return (pairs.ToLookup(p => p.Item1, p => p.Item2), $"{arg} needs a value.");
                }

                pairs.Add((arg, args[++i]));
            }
            else
            {
                return (pairs.ToLookup(p => p.Item1, p => p.Item2), $"Unknown option '{arg}'.");
            }
        }

        return (pairs.ToLookup(p => p.Item1, p => p.Item2, StringComparer.Ordinal), null);
    }
}
