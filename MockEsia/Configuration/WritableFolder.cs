namespace MockEsia.Configuration;

/// <summary>
/// A folder a command writes its output into (the runner's reports, the drift proxy's records): made if missing and
/// tried with a probe file before any work starts, so a folder that cannot be written is one clear line, not an
/// exception after the run.
/// </summary>
public static class WritableFolder
{
    /// <summary>Why <paramref name="folder"/> cannot be written, in one line naming the option and the fix; null when it can.</summary>
    public static string? Problem(string folder, string option)
    {
        var full = Path.GetFullPath(folder);
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"Cannot write into {full} ({option}): {ex.Message.TrimEnd('.')}. Fix: give {option} a folder you can write; in Docker, mount one and run the container as yourself (--user \"$(id -u):$(id -g)\").";
        }
    }
}
