using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Conformance.Tests;

/// <summary>
/// Finds English prose in an approval pack, which a Russian reviewer must read without help (issue 32). The rule: walk
/// every text node a person sees (the SVG diagrams included) outside elements marked <c>lang="en"</c> (MockEsia's
/// originals for developers), <c>code</c> (parameter values, fault descriptions) and <c>style</c>; split it into
/// words; a word is an English word when it is Latin letters only with at most its first letter upper-case
/// (identifiers — <c>client_id</c>, <c>v2/ac</c>, <c>ESIA-007053</c>, <c>MockEsia</c>, <c>HTTP</c>, URLs, hashes — are
/// not); a text holding any English word is English prose — unless the word is a name used as such in Russian text,
/// listed in <see cref="Allowed"/>, or quoted as a name in «…» (a certificate's subject, a status, a button).
/// </summary>
public static class PackProse
{
    /// <summary>
    /// Latin words a Russian text uses as names: parameter and claim names, values ESIA defines (scope names,
    /// access types, token type), and the names of things (readings' values, the refresh profiles).
    /// </summary>
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        "state", "timestamp", "scope", "permissions", "openid", "fullname", "email", "mobile", "snils", "inn", "birthdate", "gender", "id_doc",
        "online", "offline", "code", "exp", "iss", "aud", "sub", "alg", "none", "nonce", "te", "ac", "rs", "prm_chg", "oid",
        "refresh", "Bearer", "Strict", "Alternative", "Either", "Revoked", "Snake", "Optional", "Expired", "Chromium", "chromium", "esia", "zip",
    };

    private static readonly Regex Quoted = new("«[^»]*»", RegexOptions.CultureInvariant);

    private static readonly Regex EnglishWord = new("^(?:[A-Za-z][a-z]+|[aI])$", RegexOptions.CultureInvariant);

    /// <summary>The text fragments of <paramref name="html"/> that read as English prose (empty when the pack is Russian throughout).</summary>
    public static IReadOnlyList<string> EnglishFragments(string html)
    {
        using var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var found = new List<string>();
        foreach (var node in document.Body!.Descendants().OfType<IText>())
        {
            if (node.ParentElement is not { } parent || Excluded(parent))
            {
                continue;
            }

            if (IsProse(node.Text))
            {
                found.Add(node.Text.Trim());
            }
        }

        return found.Distinct().ToArray();
    }

    /// <summary>The English prose in the approval pack of <paramref name="results"/> (written to a temporary folder, then removed).</summary>
    public static IReadOnlyList<string> InPackOf(IReadOnlyList<Conformance.Specs.Runtime.ScenarioResult> results, Conformance.Specs.Harness.TargetApp target)
    {
        var folder = Directory.CreateTempSubdirectory("prose").FullName;
        try
        {
            var run = new Conformance.Specs.Runtime.RunResult(target.BaseUrl, DateTimeOffset.UtcNow, TimeSpan.Zero, results);
            Conformance.Specs.Reports.ApprovalPack.Write(run, target, Path.Combine(folder, "pack"));
            return EnglishFragments(File.ReadAllText(Path.Combine(folder, "pack", "index.html")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Whether a plain text (one line of the pack) holds English prose, by the rule above.</summary>
    public static bool IsProse(string text)
    {
        var words = Quoted.Replace(text, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim("()[]{}.,;:!?«»\"'“”—–…".ToCharArray())).ToArray();
        var english = words.Select(w => EnglishWord.IsMatch(w) && !Allowed.Contains(w)).ToArray();
        return english.Any(e => e);
    }

    private static bool Excluded(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.LocalName is "code" or "style" or "script" || (e.GetAttribute("lang") is { } lang && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
