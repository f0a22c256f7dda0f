namespace MockEsia.Configuration;

/// <summary>A file only its owner may read and write (0600 where the system has modes): the test CA's key, the drift proxy's raw records.</summary>
internal static class PrivateFile
{
    /// <summary>Creates (or replaces) the file as its owner's alone and returns it open for writing.</summary>
    public static FileStream Create(string path)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
