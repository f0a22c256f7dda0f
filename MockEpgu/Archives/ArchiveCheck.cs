using System.IO.Compression;
using Esia.Protocol.Crypto;
using MockEpgu.Orders;

namespace MockEpgu.Archives;

/// <summary>The archive checked: its files (kept on disk), and the processing state it ends in with MockEsia's diagnosis.</summary>
/// <param name="Files">The files, in the archive's order.</param>
/// <param name="State">The processing state (<see cref="ProcessingStates.Ok"/> when the archive is good).</param>
/// <param name="Diagnosis">Which file and what was wrong, and the fix; null when good.</param>
public sealed record ArchiveVerdict(IReadOnlyList<OrderFile> Files, string State, string? Diagnosis)
{
    /// <summary>Whether the archive passed.</summary>
    public bool Good => State == ProcessingStates.Ok;
}

/// <summary>
/// The archive's checks (epgu-api.md §2.4, §3.2): a zip, flat (no folders, no nested archives), with the files the
/// service requires (the first required file missing: <c>REQ_NOT_FOUND</c>, another: <c>MPC_NOT_FOUND</c>), and for a
/// signed service a detached PKCS#7 signature that verifies for every file (<c>&lt;file&gt;.sig</c>, or the files
/// <c>sign_config.xml</c> lists), its signer's certificate embedded, GOST and valid now (<c>FILES_VERIFICATION_FAILED</c>).
/// The files are unpacked to disk (named by number, never by the archive's names), at most 100 MB in all.
/// </summary>
public static class ArchiveCheck
{
    /// <summary>The most an archive may unpack to: bounds a zip bomb (MockEsia's figure; the largest service limit seen is 100 MB, §2.4, and chunked archives are not bounded by the spec).</summary>
    public const long MaxUnpacked = 500_000_000;

    private static readonly string[] NestedArchives = [".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".arj", ".bz2", ".xz"];

    /// <summary>Checks the archive at <paramref name="archivePath"/>, unpacking into <paramref name="folder"/>.</summary>
    public static ArchiveVerdict Check(string archivePath, string folder, EpguServiceDefinition service, DateTimeOffset now)
    {
        var (files, problem) = Unpack(archivePath, folder);
        if (files is null)
        {
            return new ArchiveVerdict([], ProcessingStates.InvalidFilesStructure, problem);
        }

        if (files.FirstOrDefault(f => f.Name.Contains('/') || f.Name.Contains('\\')) is { } nested)
        {
            return new ArchiveVerdict(files, ProcessingStates.InvalidFilesStructure,
                $"The archive is not flat: '{nested.Name}' is in a folder. Put every file at the archive's root (§2.4).");
        }

        if (files.FirstOrDefault(f => NestedArchives.Any(x => f.Name.EndsWith(x, StringComparison.OrdinalIgnoreCase))) is { } inner)
        {
            return new ArchiveVerdict(files, ProcessingStates.InvalidFilesStructure, $"The archive holds another archive, '{inner.Name}': the files go in unpacked (§2.4).");
        }

        for (var i = 0; i < service.RequiredFiles.Count; i++)
        {
            var pattern = service.RequiredFiles[i];
            if (!files.Any(f => Matches(f.Name, pattern)))
            {
                return new ArchiveVerdict(files, i == 0 ? ProcessingStates.ReqNotFound : ProcessingStates.MpcNotFound,
                    $"Service {service.Code} needs a file named {pattern}; the archive has {string.Join(", ", files.Select(f => f.Name))} (§2.4).");
            }
        }

        return service.Signed ? Signatures(files, now) : new ArchiveVerdict(files, ProcessingStates.Ok, null);
    }

    /// <summary>Whether a file name matches a pattern with <c>*</c> (the service's required files).</summary>
    public static bool Matches(string name, string pattern)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        return star < 0
            ? string.Equals(name, pattern, StringComparison.OrdinalIgnoreCase)
            : name.Length >= pattern.Length - 1 && name.StartsWith(pattern[..star], StringComparison.OrdinalIgnoreCase) && name.EndsWith(pattern[(star + 1)..], StringComparison.OrdinalIgnoreCase);
    }

    // Every signed file's signatures verify; the files and their signatures carry what was found, for the details and the dashboard.
    private static ArchiveVerdict Signatures(IReadOnlyList<OrderFile> files, DateTimeOffset now)
    {
        IReadOnlyDictionary<string, IReadOnlyList<string>>? config = null;
        if (files.FirstOrDefault(f => f.Name == SignConfig.FileName) is { } configFile)
        {
            using var xml = configFile.Open();
            var (documents, problem) = SignConfig.Read(xml);
            if (documents is null)
            {
                return new ArchiveVerdict(files, ProcessingStates.FilesVerificationFailed, problem + " (§2.4, v1.13 Приложение 5).");
            }

            config = documents;
        }

        var byName = files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var documentsToSign = files.Where(f => f.Name != SignConfig.FileName && !IsSignature(f.Name, config)).ToArray();
        var noted = new Dictionary<string, OrderFile>(StringComparer.Ordinal);
        foreach (var document in documentsToSign)
        {
            var signatureNames = config?.GetValueOrDefault(document.Name) ?? [document.Name + ".sig"];
            var notes = new List<string>();
            foreach (var signatureName in signatureNames)
            {
                if (!byName.TryGetValue(signatureName, out var signature))
                {
                    return Failed(files, noted, $"'{document.Name}' has no signature '{signatureName}': a signed service needs a detached PKCS#7 signature for every file " +
                        "(openssl cms -sign -binary -outform DER, §2.4).");
                }

                var verdict = Verify(document, signature, now);
                if (verdict.Problem is not null)
                {
                    return Failed(files, noted, $"The signature '{signatureName}' of '{document.Name}': {verdict.Problem}");
                }

                notes.Add(verdict.Note!);
            }

            noted[document.Name] = document with { Signature = string.Join("; ", notes) };
        }

        return new ArchiveVerdict(files.Select(f => noted.GetValueOrDefault(f.Name) ?? f).ToArray(), ProcessingStates.Ok, null);
    }

    private static ArchiveVerdict Failed(IReadOnlyList<OrderFile> files, Dictionary<string, OrderFile> noted, string diagnosis) =>
        new(files.Select(f => noted.GetValueOrDefault(f.Name) ?? f).ToArray(), ProcessingStates.FilesVerificationFailed, diagnosis);

    private static bool IsSignature(string name, IReadOnlyDictionary<string, IReadOnlyList<string>>? config) =>
        name.EndsWith(".sig", StringComparison.OrdinalIgnoreCase) || (config?.Values.Any(v => v.Contains(name)) ?? false);

    private static (string? Problem, string? Note) Verify(OrderFile document, OrderFile signature, DateTimeOffset now)
    {
        if (signature.Size > 1_000_000)
        {
            return ($"it is {signature.Size} bytes, too large for a detached signature.", null);
        }

        byte[] cms;
        using (var stream = signature.Open())
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            cms = buffer.ToArray();
        }

        var result = CmsSignature.VerifyDetached(cms, document.Open);
        if (!result.Success)
        {
            return ($"{result.Detail} ({result.Failure}).", null);
        }

        var signer = result.Signer!;
        if (signer.KeyAlgorithm == KeyAlgorithm.Rsa)
        {
            return ($"it is signed with an RSA key ({signer.Subject}); ЕПГУ verifies GOST R 34.10-2012 signatures (УКЭП).", null);
        }

        if (!signer.IsValidAt(now))
        {
            return ($"its signer's certificate {signer.Subject} is valid {signer.NotBefore:yyyy-MM-dd} — {signer.NotAfter:yyyy-MM-dd}, not at {now:yyyy-MM-dd} (MockEsia's clock).", null);
        }

        return (null, $"{signature.Name}: {signer.Subject}, verified");
    }

    // Unpacks every entry to folder/files/<n>; null with the reason when the file is not a zip or unpacks to too much.
    private static (IReadOnlyList<OrderFile>? Files, string? Problem) Unpack(string archivePath, string folder)
    {
        var target = Path.Combine(folder, "files");
        Directory.CreateDirectory(target);
        try
        {
            using var zip = ZipFile.OpenRead(archivePath);
            var files = new List<OrderFile>();
            var left = MaxUnpacked;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    files.Add(new OrderFile(entry.FullName, 0, 2, "FOLDER", () => Stream.Null));
                    continue;
                }

                var path = Path.Combine(target, files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                long size = 0;
                using (var source = entry.Open())
                using (var copy = File.Create(path))
                {
                    int read;
                    while ((read = source.Read(buffer)) > 0)
                    {
                        if ((left -= read) < 0)
                        {
                            return (null, $"The archive unpacks to more than {MaxUnpacked} bytes.");
                        }

                        size += read;
                        copy.Write(buffer, 0, read);
                    }
                }

                var name = entry.FullName;
                files.Add(new OrderFile(name, size, 2, Path.GetFileName(name).StartsWith("req", StringComparison.OrdinalIgnoreCase) ? "REQUEST" : "ATTACHMENT", () => File.OpenRead(path)));
            }

            return files.Count == 0 ? (null, "The zip archive holds no file.") : (files, null);
        }
        catch (InvalidDataException ex)
        {
            return (null, $"The file does not open as a zip archive: {ex.Message} Send a zip (§2.4).");
        }
    }
}
