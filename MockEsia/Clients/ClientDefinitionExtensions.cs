using Esia.Protocol.Crypto;

namespace MockEsia.Clients;

/// <summary>Turns a client as written in a file or sent to the admin API into a registration.</summary>
internal static class ClientDefinitionExtensions
{
    /// <summary>Builds the registration; certificate paths are resolved against <paramref name="fixturesPath"/>.</summary>
    public static ClientRegistration ToRegistration(this ClientDefinition d, string fixturesPath)
    {
        if (string.IsNullOrWhiteSpace(d.ClientId))
        {
            throw new InvalidDataException("A client needs a clientId.");
        }

        var root = Path.GetFullPath(fixturesPath) + Path.DirectorySeparatorChar;
        string Inside(string path)
        {
            var full = Path.GetFullPath(Path.Combine(fixturesPath, path));
            return full.StartsWith(root, StringComparison.Ordinal)
                ? full
                : throw new InvalidDataException($"Client {d.ClientId}: certificate path '{path}' leaves the fixtures folder; give certificates inline (certificatesPem) instead.");
        }

        var certificates = d.Certificates.SelectMany(p => KeyMaterial.ReadCertificates(File.ReadAllBytes(Inside(p))))
            .Concat(d.CertificatesPem.SelectMany(p => KeyMaterial.ReadCertificates(System.Text.Encoding.ASCII.GetBytes(p))))
            .ToArray();
        if (certificates.Length == 0)
        {
            throw new InvalidDataException($"Client {d.ClientId} has no certificate.");
        }

        if (!d.AllowRsaClientKeys && certificates.FirstOrDefault(c => c.KeyAlgorithm == KeyAlgorithm.Rsa) is { } rsa)
        {
            throw new InvalidDataException($"Client {d.ClientId}: the certificate '{rsa.Subject}' has an RSA key, and ESIA no longer takes RSA client keys " +
                "(requests must be signed with GOST R 34.10-2012). Register a GOST certificate, or set \"allowRsaClientKeys\": true for legacy testing.");
        }

        var algorithm = KeyAlgorithms.FromJwtAlgorithm(d.TokenAlgorithm) ?? throw new InvalidDataException($"Client {d.ClientId}: tokenAlgorithm '{d.TokenAlgorithm}' is not GOST3410_2012_256 or RS256.");
        return new ClientRegistration
        {
            ClientId = d.ClientId,
            Name = d.Name,
            Certificates = certificates,
            RedirectUris = d.RedirectUris.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : throw new InvalidDataException($"Client {d.ClientId}: '{u}' is not an absolute URL.")).ToArray(),
            RedirectMatching = d.RedirectMatching,
            AllowedScopes = d.AllowedScopes,
            TokenAlgorithm = algorithm,
            GrantTypes = d.GrantTypes,
            AcceptV1SignatureOnV2 = d.AcceptV1SignatureOnV2,
            AllowRsaClientKeys = d.AllowRsaClientKeys,
            ApiKeys = d.ApiKeys.Select(k => Guid.TryParse(k.Key, out _) ? k : throw new InvalidDataException($"Client {d.ClientId}: the API key '{k.Key}' is not a GUID.")).ToArray(),
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
        _ => throw new InvalidDataException($"Client {clientId}: {name} must be a positive number of seconds, not {seconds}."),
    };
}
