namespace Esia.Protocol.Secrets;

/// <summary>
/// The one way secrets are shown anywhere (journal, diagnoses, logs, reports): shortened to their first and last six
/// characters and their length — enough to recognise one, never enough to reuse it.
/// </summary>
public static class SecretText
{
    private static readonly HashSet<string> SecretParameters = new(StringComparer.Ordinal)
    {
        "client_secret", "code", "refresh_token", "password", "access_token", "id_token",
    };

    /// <summary>Whether a parameter carries a secret (a signature, code, token or password).</summary>
    public static bool IsSecret(string parameter) => SecretParameters.Contains(parameter);

    /// <summary>A secret shortened: <c>abcdef…uvwxyz (86 chars)</c>, or stars when it is too short to show any of it.</summary>
    public static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 16 ? new string('*', value.Length) : $"{value[..6]}…{value[^6..]} ({value.Length} chars)";

    /// <summary>A parameter's value as it may be shown: shortened when the parameter is secret.</summary>
    public static string Show(string parameter, string value) => IsSecret(parameter) ? Shorten(value) : value;

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
            return eq > 0 && IsSecret(part[..eq]) ? $"{part[..eq]}={Shorten(Uri.UnescapeDataString(part[(eq + 1)..]))}" : part;
        });
        return url[..(q + 1)] + string.Join('&', parts);
    }

    /// <summary>A text with every occurrence of a secret shortened.</summary>
    public static string Without(string text, string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length <= 16 ? text : text.Replace(secret, $"{secret[..6]}…{secret[^6..]}", StringComparison.Ordinal);
}
