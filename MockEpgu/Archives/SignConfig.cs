using System.Xml;
using System.Xml.Linq;

namespace MockEpgu.Archives;

/// <summary>
/// <c>sign_config.xml</c> (epgu-api.md §2.4, v1.13 Приложение 5): the documents that carry several signatures, each with
/// its signature files (<c>signedAttachments</c> → <c>signedDocument</c> {<c>documentFileName</c>, <c>signData</c> {<c>signFileName</c>}}).
/// </summary>
public static class SignConfig
{
    /// <summary>The file's name in the archive.</summary>
    public const string FileName = "sign_config.xml";

    /// <summary>Each document's signature files; or why the file cannot be read.</summary>
    public static (IReadOnlyDictionary<string, IReadOnlyList<string>>? Documents, string? Problem) Read(Stream xml)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 10_000_000 }));
        }
        catch (XmlException ex)
        {
            return (null, $"{FileName} is not well-formed XML: {ex.Message}");
        }

        if (document.Root?.Name.LocalName != "signedAttachments")
        {
            return (null, $"{FileName}'s root is <{document.Root?.Name.LocalName}>, not <signedAttachments>.");
        }

        var documents = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var signed in document.Root.Elements().Where(e => e.Name.LocalName == "signedDocument"))
        {
            var name = signed.Elements().FirstOrDefault(e => e.Name.LocalName == "documentFileName")?.Value.Trim();
            var signatures = signed.Elements().Where(e => e.Name.LocalName == "signData")
                .Select(d => d.Elements().FirstOrDefault(e => e.Name.LocalName == "signFileName")?.Value.Trim()).OfType<string>().Where(n => n.Length > 0).ToArray();
            if (string.IsNullOrEmpty(name) || signatures.Length == 0)
            {
                return (null, $"{FileName} has a signedDocument without documentFileName or without a signData/signFileName.");
            }

            documents[name] = signatures;
        }

        return documents.Count == 0 ? (null, $"{FileName} lists no signedDocument.") : (documents, null);
    }
}
