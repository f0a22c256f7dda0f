using System.IO.Compression;
using Esia.Protocol.Crypto;

namespace Esia.Client;

/// <summary>Loads ESIA's token-signing certificates: <c>.cer</c>/<c>.pem</c> files, or ESIA's <c>esia.zip</c> as published.</summary>
public static class EsiaTrust
{
    /// <summary>Every certificate in a zip such as <c>https://esia.gosuslugi.ru/public/esia.zip</c> (DER or PEM entries; other files are skipped).</summary>
    public static IReadOnlyList<EsiaCertificate> FromZip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var result = new List<EsiaCertificate>();
        foreach (var entry in archive.Entries.Where(e => e.Name.EndsWith(".cer", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)))
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            result.AddRange(KeyMaterial.ReadCertificates(buffer.ToArray()));
        }

        return result;
    }

    /// <summary>Certificates from a file: a zip, or a PEM/DER certificate file.</summary>
    public static IReadOnlyList<EsiaCertificate> FromFile(string path) =>
        path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? FromZip(File.ReadAllBytes(path)) : KeyMaterial.ReadCertificates(File.ReadAllBytes(path));
}
