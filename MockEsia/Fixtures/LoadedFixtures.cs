using Esia.Protocol.Crypto;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.People;
using MockEsia.Tokens;

namespace MockEsia.Fixtures;

/// <summary>Clients, people and signing keys loaded from the fixtures folder at start-up (and again on reset).</summary>
internal sealed class LoadedFixtures
{
    private readonly MockEsiaOptions _options;

    private LoadedFixtures(MockEsiaOptions options, string path, string clientsFolder, SigningKeys keys)
    {
        _options = options;
        FixturesPath = path;
        ClientsFolder = clientsFolder;
        Keys = keys;
        Populate();
    }

    /// <summary>The integrator's clients folder (<c>MockEsia:ClientsPath</c>), loaded on top of the fixtures' clients.</summary>
    public string ClientsFolder { get; }

    /// <summary>The registered clients.</summary>
    public ClientRegistry Clients { get; } = new();

    /// <summary>The test people.</summary>
    public PeopleStore People { get; } = new();

    /// <summary>The token-signing keys.</summary>
    public SigningKeys Keys { get; }

    /// <summary>The fixtures folder in use.</summary>
    public string FixturesPath { get; }

    /// <summary>Finds the fixtures folder (absolute, or searched upwards from the content root and the binaries) and loads it.</summary>
    public static LoadedFixtures Load(MockEsiaOptions options, string contentRoot)
    {
        var path = Resolve(options.FixturesPath, contentRoot);
        var k = options.SigningKeys;
        EsiaCredential Load(string cert, string key) => EsiaCredential.Load(Path.Combine(path, cert), Path.Combine(path, key)).WithSigning(options.Gost);
        SigningKeys keys;
        try
        {
            keys = new SigningKeys(Load(k.GostCertificate, k.GostKey), Load(k.NextGostCertificate, k.NextGostKey), Load(k.RsaCertificate, k.RsaKey), Load(k.NextRsaCertificate, k.NextRsaKey));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            throw new StartupRefusal($"ESIA's signing keys in {path} (MockEsia:SigningKeys) cannot be read: {ex.Message.TrimEnd('.')}. Fix: restore the fixtures' pki/esia/ files, or point MockEsia:SigningKeys at your own.", ex);
        }

        return new LoadedFixtures(options, path, Path.GetFullPath(Path.Combine(contentRoot, options.ClientsPath)), keys);
    }

    /// <summary>Replaces the clients and people with those of the fixtures folder, the clients folder and the generator.</summary>
    public void Populate() => Use(Read());

    /// <summary>
    /// Reads the clients and people without changing anything: a client file that cannot be loaded is a problem of the
    /// set, not a failure; a people file that cannot be read (the fixtures themselves are damaged) throws.
    /// </summary>
    /// <exception cref="InvalidDataException">A fixtures file cannot be read; the message names it and the fix.</exception>
    public FixtureSet Read()
    {
        var bundled = ClientFiles.Load(Path.Combine(FixturesPath, "clients"), FixturesPath);
        var own = ClientFiles.Load(ClientsFolder, ClientsFolder);
        var people = PeopleStore.ReadFolder(Path.Combine(FixturesPath, "users")).Concat(PersonGenerator.Generate(_options.GeneratedPeople, _options.GeneratorSeed)).ToArray();
        return new FixtureSet([.. bundled.Clients, .. own.Clients], people, [.. bundled.Problems, .. own.Problems]);
    }

    /// <summary>Puts a set read by <see cref="Read"/> in force.</summary>
    public void Use(FixtureSet set)
    {
        Clients.ReplaceAll(set.Clients, set.Problems);
        People.ReplaceAll(set.People);
    }

    private static string Resolve(string configured, string contentRoot) => Find(configured, contentRoot)
        ?? throw new StartupRefusal($"The fixtures folder '{configured}' (with pki/, clients/, users/) was not found above {contentRoot} or {AppContext.BaseDirectory}. " +
            "Fix: run MockEsia from its checkout or image, or set MockEsia:FixturesPath to the folder.");

    /// <summary>The fixtures folder: absolute as configured, or searched upwards from the content root and the binaries; null when not found.</summary>
    public static string? Find(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, configured);
                if (Directory.Exists(Path.Combine(candidate, "pki")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
