using System.Collections.Concurrent;

namespace MockEpgu.Uploads;

/// <summary>What a chunk did: the upload goes on (206), is complete (the joined archive on disk), or is refused (400 with why).</summary>
/// <param name="Archive">The joined archive, when this was the last chunk.</param>
/// <param name="Refusal">Why the chunk is refused (the real server's words, MockEsia's diagnosis).</param>
public sealed record ChunkOutcome(string? Archive, (string Message, string Diagnosis)? Refusal)
{
    /// <summary>More chunks to come.</summary>
    public bool Partial => Archive is null && Refusal is null;
}

/// <summary>
/// Chunked uploads after reservation (epgu-api.md §2.2): each chunk streamed to its own file on disk (memory stays bounded
/// whatever the archive's size), the rules checked as chunks arrive — the first chunk first, the last last, the middle
/// ones in any order and in parallel, every chunk but the last 5 000 000 to 50 000 000 bytes, all within 5 minutes of the
/// first on MockEsia's clock — and the chunks joined by byte concatenation when the last one arrives. An upload whose
/// window passed is forgotten with its files.
/// </summary>
public sealed class ChunkedUploads : IDisposable
{
    private readonly ConcurrentDictionary<long, Upload> _uploads = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mockesia-epgu", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Takes one chunk of an order's archive. <paramref name="index"/> is zero-based (the caller applies the numbering reading);
    /// null <paramref name="chunks"/> means the archive comes whole.
    /// </summary>
    public async Task<ChunkOutcome> AcceptAsync(long orderId, long? index, long? chunks, Stream content, DateTimeOffset now, CancellationToken cancel)
    {
        Sweep(now, except: orderId);
        var whole = chunks is null or 1 && index is null or 0;
        if (chunks is not null && (chunks < 1 || index is null || index < 0 || index >= chunks))
        {
            return Refuse($"chunk {index} of {chunks} is out of range", $"chunk must be 0 … chunks−1 (zero-based, §2.2) and chunks at least 1; got chunk={Show(index)}, chunks={chunks}.");
        }

        if (chunks is null && index is not null)
        {
            return Refuse("chunks is required with chunk", "chunk was sent without chunks: send both, or neither for an archive in one piece (§2.2 footnote 5).");
        }

        var upload = _uploads.GetOrAdd(orderId, id => new Upload(Path.Combine(_root, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), now, whole ? 1 : chunks!.Value));
        var i = index ?? 0;
        lock (upload)
        {
            if (upload.Chunks != (whole ? 1 : chunks))
            {
                return Refuse($"chunks {chunks} differs from the first chunk's {upload.Chunks}", $"The first chunk said chunks={upload.Chunks}; this one says {Show(chunks)}.");
            }

            if (now - upload.Started > UploadRules.Window)
            {
                Forget(orderId);
                return Refuse("The upload time limit has expired", $"All chunks must arrive within {UploadRules.Window.TotalMinutes:0} minutes of the first (§2.2); the first came at {upload.Started:O}. Start the upload again from chunk 0.");
            }

            if (upload.Received.Count == 0 && upload.Writing.Count == 0 && i != 0)
            {
                Forget(orderId);
                return Refuse("The first chunk must be sent first", $"Chunk {i} came before chunk 0: the first chunk goes first (§2.2).");
            }

            if (upload.Received.Contains(i) || !upload.Writing.Add(i))
            {
                return Refuse($"chunk {i} has already been received", $"Chunk {i} was sent twice.");
            }

            if (i == upload.Chunks - 1 && upload.Chunks > 1 && (upload.Received.Count != upload.Chunks - 1 || upload.Writing.Count != 1))
            {
                upload.Writing.Remove(i);
                return Refuse("The last chunk must be sent last", $"The last chunk ({i}) came before chunks {string.Join(", ", Enumerable.Range(0, (int)upload.Chunks - 1).Where(c => !upload.Received.Contains(c)))}: the last goes last (§2.2).");
            }
        }

        var file = upload.PathOf(i);
        long length;
        try
        {
            Directory.CreateDirectory(upload.Folder);
            await using (var target = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                length = await CopyBoundedAsync(content, target, UploadRules.MaxBytes + 1, cancel);
            }
        }
        catch
        {
            lock (upload)
            {
                upload.Writing.Remove(i);
            }

            throw;
        }

        var last = i == upload.Chunks - 1;
        var sizeProblem = length > UploadRules.MaxBytes ? $"chunk {i} is larger than {UploadRules.MaxBytes} bytes"
            : length == 0 ? $"chunk {i} is empty"
            : !last && length < UploadRules.MinChunkBytes ? $"chunk {i} of {upload.Chunks} is {length} bytes; every chunk but the last is {UploadRules.MinChunkBytes}–{UploadRules.MaxBytes} bytes" : null;
        lock (upload)
        {
            upload.Writing.Remove(i);
            if (sizeProblem is not null)
            {
                File.Delete(file);
                if (upload.Received.Count == 0)
                {
                    Forget(orderId);
                }

                return Refuse(sizeProblem, sizeProblem + " (§2.2).");
            }

            upload.Received.Add(i);
            if (!last)
            {
                return new ChunkOutcome(null, null);
            }
        }

        var archive = Path.Combine(upload.Folder, "archive.zip");
        await using (var joined = new FileStream(archive, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            for (var c = 0; c < upload.Chunks; c++)
            {
                await using var part = new FileStream(upload.PathOf(c), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await part.CopyToAsync(joined, cancel);
            }
        }

        for (var c = 0; c < upload.Chunks; c++)
        {
            File.Delete(upload.PathOf(c));
        }

        _uploads.TryRemove(orderId, out _);
        return new ChunkOutcome(archive, null);
    }

    /// <summary>Stores a whole archive (a one-shot <c>/push</c>): its file on disk, or the refusal when it is larger than 50 000 000 bytes.</summary>
    public async Task<ChunkOutcome> StoreAsync(Stream content, CancellationToken cancel)
    {
        var folder = Path.Combine(_root, "push-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var archive = Path.Combine(folder, "archive.zip");
        long length;
        await using (var target = new FileStream(archive, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            length = await CopyBoundedAsync(content, target, UploadRules.MaxBytes + 1, cancel);
        }

        if (length > UploadRules.MaxBytes)
        {
            Directory.Delete(folder, recursive: true);
            return Refuse($"The archive is larger than {UploadRules.MaxBytes} bytes", $"/push takes an archive of at most {UploadRules.MaxBytes} bytes (§2.3); send a larger one with /push/chunked.");
        }

        return new ChunkOutcome(archive, null);
    }

    /// <summary>Forgets uploads whose window passed, with their files (but <paramref name="except"/>'s, whose next chunk is told why).</summary>
    public void Sweep(DateTimeOffset now, long? except = null)
    {
        foreach (var (id, upload) in _uploads)
        {
            if (id != except && now - upload.Started > UploadRules.Window && upload.Writing.Count == 0)
            {
                Forget(id);
            }
        }
    }

    /// <summary>Forgets every upload and every archive's files.</summary>
    public void Clear()
    {
        foreach (var id in _uploads.Keys)
        {
            Forget(id);
        }

        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open (a download in progress): what is left goes at disposal.
        }
    }

    /// <inheritdoc />
    public void Dispose() => Clear();

    private void Forget(long orderId)
    {
        if (_uploads.TryRemove(orderId, out var upload) && Directory.Exists(upload.Folder))
        {
            try
            {
                Directory.Delete(upload.Folder, recursive: true);
            }
            catch (IOException)
            {
                // A chunk still being written; its folder goes with the next sweep of the root at disposal.
            }
        }
    }

    private static ChunkOutcome Refuse(string message, string diagnosis) => new(null, (message, diagnosis));

    private static string Show(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)";

    // Copies at most `limit` bytes; returns how many came (limit when there was more).
    private static async Task<long> CopyBoundedAsync(Stream source, Stream target, long limit, CancellationToken cancel)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancel)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return limit;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancel);
        }

        return total;
    }

    private sealed class Upload(string folder, DateTimeOffset started, long chunks)
    {
        public string Folder { get; } = folder;

        public DateTimeOffset Started { get; } = started;

        public long Chunks { get; } = chunks;

        public HashSet<long> Received { get; } = [];

        public HashSet<long> Writing { get; } = [];

        public string PathOf(long index) => Path.Combine(Folder, $"{index}.part");
    }
}
