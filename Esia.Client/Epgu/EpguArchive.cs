using System.IO.Compression;
using System.Xml.Linq;
using Esia.Protocol.Crypto;

namespace Esia.Client.Epgu;

/// <summary>
/// The archive of an application (epgu-api.md §2.4): a flat zip of the files the service asks for, and for a signed
/// service a detached GOST CMS signature <c>&lt;file&gt;.sig</c> per file, made with the integrator's own key; a document
/// with several signatures is listed in <c>sign_config.xml</c> (v1.13, Приложение 5). Written to disk and uploaded
/// from there, so a large archive never sits in memory whole.
/// </summary>
public sealed class EpguArchive
{
    /// <summary>The name of the list of documents with several signatures.</summary>
    public const string SignConfigName = "sign_config.xml";

    private readonly List<(string Name, byte[] Content)> _files = [];
    private readonly Dictionary<string, List<string>> _signatures = new(StringComparer.Ordinal);

    /// <summary>The files' names, in the order added (signatures and <c>sign_config.xml</c> not included).</summary>
    public IReadOnlyList<string> Files => _files.Where(f => !IsSignature(f.Name)).Select(f => f.Name).ToArray();

    /// <summary>Adds a file; its name must be flat (no folders), as the service spec names it.</summary>
    public EpguArchive Add(string name, byte[] content)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a flat file name: the archive may hold no folders (epgu-api.md §2.4).", nameof(name));
        }

        if (_files.Any(f => f.Name == name) || name == SignConfigName)
        {
            throw new ArgumentException($"The archive already holds '{name}'.", nameof(name));
        }

        _files.Add((name, content));
        return this;
    }

    /// <summary>Signs every file added so far with a detached GOST CMS signature, <c>&lt;file&gt;.sig</c> (a signed service).</summary>
    public EpguArchive SignAll(EsiaCredential signer)
    {
        foreach (var (name, content) in _files.Where(f => !IsSignature(f.Name)).ToArray())
        {
            if (!_signatures.ContainsKey(name))
            {
                AddSignature(name, name + ".sig", CmsSignature.Sign(signer, content));
            }
        }

        return this;
    }

    /// <summary>
    /// Adds a signature of a document (its own, or another signer's); a document's second signature needs another name
    /// than <c>&lt;file&gt;.sig</c>, and puts the document in <c>sign_config.xml</c>.
    /// </summary>
    public EpguArchive AddSignature(string documentName, string signatureName, byte[] detachedCms)
    {
        if (_files.All(f => f.Name != documentName))
        {
            throw new ArgumentException($"The archive holds no document '{documentName}' to sign.", nameof(documentName));
        }

        Add(signatureName, detachedCms);
        if (!_signatures.TryGetValue(documentName, out var list))
        {
            _signatures[documentName] = list = [];
        }

        list.Add(signatureName);
        return this;
    }

    /// <summary><c>sign_config.xml</c> for the documents with several signatures; null when every document has at most one.</summary>
    public XDocument? SignConfig()
    {
        var several = _signatures.Where(s => s.Value.Count > 1).ToArray();
        return several.Length == 0
            ? null
            : new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement("signedAttachments",
                several.Select(s => new XElement("signedDocument", new XElement("documentFileName", s.Key), s.Value.Select(sig => new XElement("signData", new XElement("signFileName", sig)))))));
    }

    /// <summary>Writes the flat zip to <paramref name="path"/> and returns its size in bytes.</summary>
    public long WriteTo(string path)
    {
        using (var stream = File.Create(path))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in _files)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }

            if (SignConfig() is { } config)
            {
                using var entry = zip.CreateEntry(SignConfigName, CompressionLevel.Optimal).Open();
                config.Save(entry);
            }
        }

        return new FileInfo(path).Length;
    }

    private bool IsSignature(string name) => _signatures.Values.Any(list => list.Contains(name));
}
