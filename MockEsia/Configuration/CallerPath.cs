namespace MockEsia.Configuration;

/// <summary>
/// A relative path on MockEsia's command line as the caller typed it: from the directory the command was run in.
/// `dotnet run --project MockEsia` runs MockEsia in MockEsia/; the shell's <c>PWD</c> keeps the caller's directory.
/// </summary>
internal static class CallerPath
{
    /// <summary>The caller's directory: <paramref name="given"/>, else the shell's <c>PWD</c>, else the working directory.</summary>
    public static string Directory(string? given = null) =>
        given ?? (Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && System.IO.Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory);

    /// <summary>
    /// The absolute path of a file or folder named on the command line: from the caller's directory, unless only the
    /// working directory has it (a script that changed directory without the shell knowing).
    /// </summary>
    public static string Full(string path, string? callerDirectory = null)
    {
        var fromCaller = Path.GetFullPath(Path.Combine(Directory(callerDirectory), path));
        var fromWorking = Path.GetFullPath(path);
        return Path.Exists(fromCaller) || !Path.Exists(fromWorking) ? fromCaller : fromWorking;
    }
}
