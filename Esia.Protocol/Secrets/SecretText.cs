namespace Esia.Protocol.Secrets;

/// <summary>
/// The one way secrets are shown anywhere (journal, diagnoses, logs, reports): shortened to their first and last six
/// characters and their length — enough to recognise one, never enough to reuse it.
/// </summary>
public static class SecretText
{
    private static readonly HashSet<string> SecretParameters = new(StringComparer.Ordinal)
    {
        "client_secret", "code", "refresh_token", "password", "access_token", "id_token", "code_verifier",
    };

    /// <summary>Whether a parameter carries a secret (a signature, code, token or password).</summary>
    public static bool IsSecret(string parameter) => SecretParameters.Contains(parameter);

    /// <summary>A secret shortened: <c>abcdef…uvwxyz (86 chars)</c>, or stars when it is too short to show any of it.</summary>
    public static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 16 ? new string('*', value.Length) : $"{value[..6]}…{value[^6..]} ({value.Length} chars)";

    /// <summary>A parameter's value as it may be shown: shortened when the parameter is secret, or when the value looks like one whatever the parameter's name.</summary>
    public static string Show(string parameter, string value) => IsSecret(parameter) || LooksSecret(value) ? Shorten(value) : value;

    /// <summary>
    /// Whether a value has the shape of a secret, whatever parameter carries it (a misspelt <c>Code</c> or
    /// <c>CLIENT_SECRET</c> still carries a valid one): a JWT (three base64url parts), or base64/base64url text of 43
    /// characters or more that is not plain hex (a signature, a key, a PKCE verifier; a certificate hash is hex and public).
    /// </summary>
    public static bool LooksSecret(string? value)
    {
        if (value is null || value.Length < 20)
        {
            return false;
        }

        var base64 = value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '=');
        var jwt = value.Count(c => c == '.') == 2 && value.Split('.').Take(2).All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            && value.Split('.')[2].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        return jwt || (base64 && value.Length >= 43 && !value.All(char.IsAsciiHexDigit));
    }

    /// <summary>A value as it may be written to a log line: control characters (CR, LF, ESC, NUL…) shown as <c>\uXXXX</c>, so no value can forge or colour a line.</summary>
    public static string Printable(string? value) =>
        value is null || !value.Any(char.IsControl) ? value ?? "" : string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>A URL with the secret parameters of its query shortened.</summary>
    public static string MaskQuery(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return url;
        }

        var parts = url[(q + 1)..].Split('&').Select(part =>
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            return eq > 0 && (IsSecret(part[..eq]) || LooksSecret(Uri.UnescapeDataString(part[(eq + 1)..]))) ? $"{part[..eq]}={Shorten(Uri.UnescapeDataString(part[(eq + 1)..]))}" : part;
        });
        return url[..(q + 1)] + string.Join('&', parts);
    }

    /// <summary>A text with every occurrence of a secret shortened.</summary>
    public static string Without(string text, string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length <= 16 ? text : text.Replace(secret, $"{secret[..6]}…{secret[^6..]}", StringComparison.Ordinal);
}
