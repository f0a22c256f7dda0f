using System.Text;

namespace MockEsia.Responses;

/// <summary>
/// MockEsia's diagnosis as the <c>X-MockEsia-Diagnostic</c> header carries it: readable plain ASCII, one line. Typographic
/// characters become their ASCII spelling (… as ..., ± as +/-, ‖ as ||, « » as "), anything else outside ASCII becomes
/// <c>?</c>; the full text stays in the journal, the log and the error page.
/// </summary>
internal static class DiagnosticHeaderText
{
    private static readonly Dictionary<char, string> Spellings = new()
    {
        ['…'] = "...", ['±'] = "+/-", ['‖'] = "||", ['«'] = "\"", ['»'] = "\"", ['“'] = "\"", ['”'] = "\"", ['„'] = "\"",
        ['‘'] = "'", ['’'] = "'", ['—'] = "-", ['–'] = "-", ['→'] = "->", ['←'] = "<-", ['≠'] = "!=", ['≤'] = "<=", ['≥'] = ">=",
        ['×'] = "x", ['≈'] = "~", ['·'] = ".", ['•'] = "*", ['\u00A0'] = " ", ['№'] = "No ",
    };

    /// <summary>The header value for a diagnosis.</summary>
    public static string Of(string diagnosis)
    {
        var text = new StringBuilder(diagnosis.Length);
        foreach (var ch in diagnosis)
        {
            if (Spellings.TryGetValue(ch, out var spelling))
            {
                text.Append(spelling);
            }
            else if (ch is '\r' or '\n' or '\t')
            {
                text.Append(' ');
            }
            else
            {
                text.Append(ch is >= ' ' and <= '~' ? ch : '?');
            }
        }

        return text.ToString();
    }
}
