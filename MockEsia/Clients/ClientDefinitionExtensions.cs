using Esia.Protocol.Crypto;

namespace MockEsia.Clients;

/// <summary>A client definition MockEsia cannot register: what is wrong and the fix, each one sentence.</summary>
internal sealed class ClientDefinitionException(string problem, string fix) : ArgumentException($"{problem} {fix}")
{
    /// <summary>What is wrong.</summary>
    public string Problem { get; } = problem;

    /// <summary>How to put it right.</summary>
    public string Fix { get; } = fix;
}

/// <summary>Turns a client as written in a file or sent to the admin API into a registration.</summary>
internal static class ClientDefinitionExtensions
{
    /// <summary>Builds the registration; certificate paths are resolved against <paramref name="fixturesPath"/>.</summary>
    /// <exception cref="ClientDefinitionException">The definition cannot be registered.</exception>
    public static ClientRegistration ToRegistration(this ClientDefinition d, string fixturesPath)
    {
        if (string.IsNullOrWhiteSpace(d.ClientId))
        {
            throw new ClientDefinitionException("A client needs a clientId.", "Add \"clientId\": the system's mnemonic, e.g. \"MYSYS\".");
        }

        if (ClientFiles.MnemonicProblem(d.ClientId) is { } notMnemonic)
        {
            throw new ClientDefinitionException(notMnemonic, "Use the system's mnemonic as ESIA registered it, e.g. \"MYSYS\" (reference §3.1).");
        }

        var root = Path.GetFullPath(fixturesPath) + Path.DirectorySeparatorChar;
        string Inside(string path)
        {
            var full = Path.GetFullPath(Path.Combine(fixturesPath, path));
            return full.StartsWith(root, StringComparison.Ordinal)
                ? full
                : throw new ClientDefinitionException($"Client {d.ClientId}: certificate path '{path}' leaves the fixtures folder.", "Give certificates inline (certificatesPem) instead.");
        }

        IEnumerable<EsiaCertificate> Read(string path)
        {
            try
            {
                return KeyMaterial.ReadCertificates(File.ReadAllBytes(Inside(path)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new ClientDefinitionException($"Client {d.ClientId}: the certificate '{path}' cannot be read ({ex.Message.TrimEnd('.')}).",
                    $"Put the system's certificate (DER, PEM or .p7b) at {Inside(path)}, or register it again with `MockEsia clients add --id {d.ClientId} --cert FILE --force`.");
            }
        }

        IEnumerable<EsiaCertificate> ReadPem(string pem)
        {
            try
            {
                return KeyMaterial.ReadCertificates(System.Text.Encoding.ASCII.GetBytes(pem));
            }
            catch (InvalidDataException ex)
            {
                throw new ClientDefinitionException($"Client {d.ClientId}: an entry of certificatesPem is not a certificate ({ex.Message.TrimEnd('.')}).", "Paste the certificate's PEM text, BEGIN and END lines included.");
            }
        }

        var certificates = d.Certificates.SelectMany(Read).Concat(d.CertificatesPem.SelectMany(ReadPem)).ToArray();
        if (certificates.Length == 0)
        {
            throw new ClientDefinitionException($"Client {d.ClientId} has no certificate.", "Give the system's certificate in \"certificates\" (a file) or \"certificatesPem\".");
        }

        if (!d.AllowRsaClientKeys && certificates.FirstOrDefault(c => c.KeyAlgorithm == KeyAlgorithm.Rsa) is { } rsa)
        {
            throw new ClientDefinitionException($"Client {d.ClientId}: the certificate '{rsa.Subject}' has an RSA key, and ESIA no longer takes RSA client keys " +
                "(requests must be signed with GOST R 34.10-2012).",
                "Register a GOST certificate, or for legacy testing allow RSA: \"allowRsaClientKeys\": true in the client (`clients add … --allow-rsa`).");
        }

        var algorithm = KeyAlgorithms.FromJwtAlgorithm(d.TokenAlgorithm)
            ?? throw new ClientDefinitionException($"Client {d.ClientId}: tokenAlgorithm '{d.TokenAlgorithm}' is not GOST3410_2012_256 or RS256.", "Set \"tokenAlgorithm\" to GOST3410_2012_256 or RS256.");
        return new ClientRegistration
        {
            ClientId = d.ClientId,
            Name = d.Name,
            Certificates = certificates,
            RedirectUris = d.RedirectUris.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri)
                ? uri
                : throw new ClientDefinitionException($"Client {d.ClientId}: '{u}' is not an absolute URL.", "Give each redirect URI with its scheme and host, e.g. https://my.example/signin-esia.")).ToArray(),
            RedirectMatching = d.RedirectMatching,
            AllowedScopes = d.AllowedScopes,
            TokenAlgorithm = algorithm,
            GrantTypes = d.GrantTypes,
            AcceptV1SignatureOnV2 = d.AcceptV1SignatureOnV2,
            AllowRsaClientKeys = d.AllowRsaClientKeys,
            ApiKeys = d.ApiKeys.Select(k => Guid.TryParse(k.Key, out _)
                ? k
                : throw new ClientDefinitionException($"Client {d.ClientId}: the API key '{k.Key}' is not a GUID.", "Give each API key as a GUID, e.g. 3f2504e0-4f89-11d3-9a0c-0305e82c3301.")).ToArray(),
            EpguServices = d.EpguServices.Distinct(StringComparer.Ordinal).ToArray(),
            StrictState = d.StrictState,
            StrictRedirectUriAtToken = d.StrictRedirectUriAtToken,
            RefreshProfile = d.RefreshProfile,
            HeadlessPersonOid = d.HeadlessPersonOid,
            AccessTokenLifetime = Lifetime(d.ClientId, d.AccessTokenLifetimeSeconds, "accessTokenLifetimeSeconds"),
            IdTokenLifetime = Lifetime(d.ClientId, d.IdTokenLifetimeSeconds, "idTokenLifetimeSeconds"),
            RefreshTokenLifetime = Lifetime(d.ClientId, d.RefreshTokenLifetimeSeconds, "refreshTokenLifetimeSeconds"),
        };
    }

    private static TimeSpan? Lifetime(string clientId, int? seconds, string name) => seconds switch
    {
        null => null,
        > 0 => TimeSpan.FromSeconds(seconds.Value),
        _ => throw new ClientDefinitionException($"Client {clientId}: {name} must be a positive number of seconds, not {seconds}.", $"Set \"{name}\" to a positive number, or leave it out."),
    };
}
