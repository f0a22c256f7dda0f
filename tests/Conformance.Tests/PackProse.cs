using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Conformance.Tests;

/// <summary>
/// Finds English prose in an approval pack, which a Russian reviewer must read without help (issue 32). The rule: walk
/// every text node a person sees (the SVG diagrams included) outside elements marked <c>lang="en"</c> (MockEsia's
/// originals for developers), <c>code</c> (parameter values, fault descriptions) and <c>style</c>; split it into
/// words; a word is an English word when it is Latin letters only with at most its first letter upper-case
/// (identifiers — <c>client_id</c>, <c>v2/ac</c>, <c>ESIA-007053</c>, <c>MockEsia</c>, <c>HTTP</c>, URLs, hashes — are
/// not); English prose is two English words in a row, or one English function word (<c>the</c>, <c>with</c>…) — unless
/// the words are names used as such in Russian text, listed in <see cref="Allowed"/>, or quoted as a name in «…»
/// (a certificate's subject, a status, a button).
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
        "Bearer", "Strict", "Alternative", "Either", "Revoked", "Snake", "Optional", "Chromium", "chromium", "esia", "zip",
    };

    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "is", "are", "was", "were", "be", "been", "not", "and", "or", "of", "to", "in", "on", "with", "by", "for", "from", "at",
        "both", "it", "its", "this", "that", "no", "any", "every", "after", "before", "has", "have", "had", "as", "but", "than", "then", "only",
    };

    private static readonly Regex Quoted = new("«[^»]*»", RegexOptions.CultureInvariant);

    private static readonly Regex EnglishWord = new("^[A-Za-z][a-z]+$", RegexOptions.CultureInvariant);

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

            var words = Quoted.Replace(node.Text, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim("()[]{}.,;:!?«»\"'“”—–…".ToCharArray())).ToArray();
            var english = words.Select(w => EnglishWord.IsMatch(w) && !Allowed.Contains(w)).ToArray();
            var prose = english.Select((e, i) => e && (FunctionWords.Contains(words[i]) || (i > 0 && english[i - 1]))).Any(x => x);
            if (prose)
            {
                found.Add(node.Text.Trim());
            }
        }

        return found.Distinct().ToArray();
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
