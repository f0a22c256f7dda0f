using Esia.Fuzz;
using SharpFuzz;

// Usage: Esia.Fuzz TARGET                 under afl-fuzz (scripts/fuzz.sh): reads each input from AFL
//        Esia.Fuzz TARGET --replay DIR    runs every file of DIR through the target in this process, naming failures
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"Targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}

if (args.Length == 3 && args[1] == "--replay")
{
    var failures = 0;
    var files = Directory.GetFiles(args[2]);
    foreach (var file in files)
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception ex)
        {
            failures++;
            Console.WriteLine($"{Path.GetFileName(file)}: {ex.GetType().Name}: {ex.Message}");
            Console.WriteLine(ex.StackTrace);
        }
    }

    Console.WriteLine($"{args[0]}: {files.Length} inputs replayed, {failures} failed");
    return failures == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
