using System.Text.Json;
using Esia.Protocol.Crypto;
using MockEsia.Configuration;

namespace MockEsia.Clients;

/// <summary>
/// <c>MockEsia clients add --id MYSYS --cert my-system.cer --redirect https://my.example/signin-esia</c>: registers an
/// integrator's system from its certificate in one step, into the clients folder (<c>MockEsia:ClientsPath</c>) that
/// MockEsia loads on top of the bundled fixtures, so the registration survives restarts. Prints the
/// <c>client_certificate_hash</c> and warns about certificate upkeep. <c>clients list</c> shows the folder.
/// </summary>
internal static class ClientsCommand
{
    private const string Usage = """
        Usage:
          MockEsia clients add --id MYSYS --cert my-system.cer --redirect https://my.example/signin-esia
                               [--redirect URL ...] [--name "Моя ИС"] [--allow-rsa]
          MockEsia clients list

        --cert takes a DER .cer, PEM, base64 without armour (as CryptoPro exports it) or a PKCS#7 .p7b chain
        (its end-entity certificate is registered). The client file goes into MockEsia:ClientsPath (default: clients/
        under the working directory; in Docker /data/clients). Restart MockEsia, or POST /__admin/reset, to load it.
        An RSA certificate needs --allow-rsa: ESIA takes no RSA client keys, the switch is for legacy testing only.
        """;

    /// <summary>Runs the subcommand; returns the exit code (0 done, 2 usage or a refused certificate).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, DateTimeOffset now)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args.Where(a => a.StartsWith("--MockEsia:", StringComparison.Ordinal)).ToArray() });
        var options = builder.Configuration.GetSection(MockEsiaOptions.Section).Get<MockEsiaOptions>() ?? new MockEsiaOptions();
        var folder = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, options.ClientsPath));
        var verb = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        try
        {
            return verb switch
            {
                "add" => await AddAsync(Options(args), folder, output, now),
                "list" => await ListAsync(folder, output, now),
                _ => await UsageAsync(output, verb is null ? null : $"Unknown subcommand '{verb}'."),
            };
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or JsonException)
        {
            await output.WriteLineAsync("error: " + ex.Message);
            return 2;
        }
    }

    private static async Task<int> AddAsync(ILookup<string, string> o, string folder, TextWriter output, DateTimeOffset now)
    {
        if (o["--id"].FirstOrDefault() is not { Length: > 0 } id || o["--cert"].FirstOrDefault() is not { Length: > 0 } certPath || !o["--redirect"].Any())
        {
            return await UsageAsync(output, "clients add needs --id, --cert and at least one --redirect.");
        }

        if (id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            return await UsageAsync(output, $"'{id}' is not a mnemonic (letters, digits, '_' and '-'; ESIA's are upper-case).");
        }

        var leaf = KeyMaterial.Leaf(KeyMaterial.ReadCertificates(await File.ReadAllBytesAsync(certPath)));
        var definition = new ClientDefinition
        {
            ClientId = id,
            Name = o["--name"].FirstOrDefault() ?? id,
            Certificates = [$"{id}.cer.pem"],
            RedirectUris = o["--redirect"].ToList(),
            AllowRsaClientKeys = o.Contains("--allow-rsa"),
        };
        Directory.CreateDirectory(folder);
        new ClientDefinition
        {
            ClientId = id, RedirectUris = definition.RedirectUris, AllowRsaClientKeys = definition.AllowRsaClientKeys, CertificatesPem = [KeyMaterial.WriteCertificatePem(leaf)],
        }.ToRegistration(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{id}.cer.pem"), KeyMaterial.WriteCertificatePem(leaf));
        await File.WriteAllTextAsync(Path.Combine(folder, $"{id}.json"), JsonSerializer.Serialize(definition, new JsonSerializerOptions(MockEsiaJson.Files) { WriteIndented = true }));
        await output.WriteLineAsync($"Registered {id} in {Path.Combine(folder, id + ".json")}");
        await output.WriteLineAsync($"  certificate:             {leaf.Subject} ({leaf.KeyAlgorithm}), valid {leaf.NotBefore:yyyy-MM-dd} to {leaf.NotAfter:yyyy-MM-dd}");
        await output.WriteLineAsync($"  client_certificate_hash: {leaf.Streebog256Hex}");
        await output.WriteLineAsync($"  redirect URIs:           {string.Join(", ", definition.RedirectUris)}");
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

    private static async Task<int> ListAsync(string folder, TextWriter output, DateTimeOffset now)
    {
        var registry = new ClientRegistry();
        registry.LoadFolder(folder, folder);
        await output.WriteLineAsync($"{registry.All.Count} system(s) in {folder}");
        foreach (var c in registry.All.OrderBy(c => c.ClientId, StringComparer.Ordinal))
        {
            var leaf = c.Certificates[0];
            await output.WriteLineAsync($"  {c.ClientId,-16} {leaf.Streebog256Hex}  {string.Join(", ", c.RedirectUris)}{(CertificateUpkeep.Warning(leaf, now) is { } w ? "  warning: " + w : "")}");
        }

        return 0;
    }

    private static async Task<int> UsageAsync(TextWriter output, string? problem)
    {
        if (problem is not null)
        {
            await output.WriteLineAsync(problem);
        }

        await output.WriteLineAsync(Usage);
        return problem is null ? 0 : 2;
    }

    // "--name value" pairs; a flag without a value ("--allow-rsa") maps to "".
    private static ILookup<string, string> Options(string[] args)
    {
        var pairs = new List<(string, string)>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].StartsWith("--MockEsia:", StringComparison.Ordinal))
            {
                var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                pairs.Add((args[i], hasValue ? args[++i] : ""));
            }
        }

        return pairs.ToLookup(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }
}
