using Esia.Protocol.Crypto;

namespace MockEsia.Clients;

/// <summary>A client as written in <c>fixtures/clients/*.json</c> or sent to the admin API.</summary>
public sealed class ClientDefinition
{
    /// <summary>The mnemonic.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>A human name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Certificate files, relative to the fixtures folder.</summary>
    public List<string> Certificates { get; set; } = [];

    /// <summary>Certificates given inline as PEM.</summary>
    public List<string> CertificatesPem { get; set; } = [];

    /// <summary>Registered redirect URIs.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary><c>Domain</c> or <c>Exact</c>.</summary>
    public RedirectMatching RedirectMatching { get; set; } = RedirectMatching.Domain;

    /// <summary>Allowed scopes; <c>*</c> for all.</summary>
    public List<string> AllowedScopes { get; set; } = ["*"];

    /// <summary><c>GOST3410_2012_256</c> (default) or <c>RS256</c>.</summary>
    public string TokenAlgorithm { get; set; } = "GOST3410_2012_256";

    /// <summary>Allowed grant types.</summary>
    public List<string> GrantTypes { get; set; } = ["authorization_code", "refresh_token", "client_credentials"];

    /// <summary>See <see cref="ClientRegistration.AcceptV1SignatureOnV2"/>.</summary>
    public bool AcceptV1SignatureOnV2 { get; set; }

    /// <summary>See <see cref="ClientRegistration.StrictState"/>.</summary>
    public bool StrictState { get; set; }

    /// <summary>See <see cref="ClientRegistration.StrictRedirectUriAtToken"/>.</summary>
    public bool StrictRedirectUriAtToken { get; set; }

    /// <summary>See <see cref="ClientRegistration.RefreshProfile"/>.</summary>
    public RefreshSignatureProfile RefreshProfile { get; set; } = RefreshSignatureProfile.Strict;

    /// <summary>See <see cref="ClientRegistration.HeadlessPersonOid"/>.</summary>
    public long? HeadlessPersonOid { get; set; }

    /// <summary>See <see cref="ClientRegistration.AccessTokenLifetime"/>, in seconds (e.g. 60 to reach apps that refresh on their own clock).</summary>
    public int? AccessTokenLifetimeSeconds { get; set; }

    /// <summary>See <see cref="ClientRegistration.IdTokenLifetime"/>, in seconds.</summary>
    public int? IdTokenLifetimeSeconds { get; set; }

    /// <summary>See <see cref="ClientRegistration.RefreshTokenLifetime"/>, in seconds.</summary>
    public int? RefreshTokenLifetimeSeconds { get; set; }

    /// <summary>Builds the registration; certificate paths are resolved against <paramref name="fixturesPath"/>.</summary>
    public ClientRegistration ToRegistration(string fixturesPath)
    {
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            throw new InvalidDataException("A client needs a clientId.");
        }

        var root = Path.GetFullPath(fixturesPath) + Path.DirectorySeparatorChar;
        string Inside(string path)
        {
            var full = Path.GetFullPath(Path.Combine(fixturesPath, path));
            return full.StartsWith(root, StringComparison.Ordinal)
                ? full
                : throw new InvalidDataException($"Client {ClientId}: certificate path '{path}' leaves the fixtures folder; give certificates inline (certificatesPem) instead.");
        }

        var certificates = Certificates.SelectMany(p => KeyMaterial.ReadCertificates(File.ReadAllBytes(Inside(p))))
            .Concat(CertificatesPem.SelectMany(p => KeyMaterial.ReadCertificates(System.Text.Encoding.ASCII.GetBytes(p))))
            .ToArray();
        if (certificates.Length == 0)
        {
            throw new InvalidDataException($"Client {ClientId} has no certificate.");
        }

        var algorithm = KeyAlgorithms.FromJwtAlgorithm(TokenAlgorithm) ?? throw new InvalidDataException($"Client {ClientId}: tokenAlgorithm '{TokenAlgorithm}' is not GOST3410_2012_256 or RS256.");
        return new ClientRegistration
        {
            ClientId = ClientId,
            Name = Name,
            Certificates = certificates,
            RedirectUris = RedirectUris.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : throw new InvalidDataException($"Client {ClientId}: '{u}' is not an absolute URL.")).ToArray(),
            RedirectMatching = RedirectMatching,
            AllowedScopes = AllowedScopes,
            TokenAlgorithm = algorithm,
            GrantTypes = GrantTypes,
            AcceptV1SignatureOnV2 = AcceptV1SignatureOnV2,
            StrictState = StrictState,
            StrictRedirectUriAtToken = StrictRedirectUriAtToken,
            RefreshProfile = RefreshProfile,
            HeadlessPersonOid = HeadlessPersonOid,
            AccessTokenLifetime = Lifetime(AccessTokenLifetimeSeconds, "accessTokenLifetimeSeconds"),
            IdTokenLifetime = Lifetime(IdTokenLifetimeSeconds, "idTokenLifetimeSeconds"),
            RefreshTokenLifetime = Lifetime(RefreshTokenLifetimeSeconds, "refreshTokenLifetimeSeconds"),
        };
    }

    private TimeSpan? Lifetime(int? seconds, string name) => seconds switch
    {
        null => null,
        > 0 => TimeSpan.FromSeconds(seconds.Value),
        _ => throw new InvalidDataException($"Client {ClientId}: {name} must be a positive number of seconds, not {seconds}."),
    };
}
