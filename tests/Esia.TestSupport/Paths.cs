namespace Esia.TestSupport;

/// <summary>Locates the repository's fixtures from the test binaries.</summary>
public static class Paths
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MockEsia.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MockEsia.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootDirectory.Value;

    public static string Fixture(params string[] parts) => Path.Combine([Root, "fixtures", .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(Fixture(parts));

    public static string Text(params string[] parts) => File.ReadAllText(Fixture(parts));
}
