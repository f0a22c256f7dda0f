namespace Esia.Protocol.Tokens;

/// <summary>RFC 4648 §5 base64url without padding, as JWTs use it.</summary>
public static class Base64Url
{
    /// <summary>Encodes without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes with or without padding; null when invalid.</summary>
    public static byte[]? TryDecode(string text)
    {
        if (text.AsSpan().IndexOfAny('+', '/') >= 0)
        {
            return null;
        }

        var s = text.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        if (s.Length % 4 == 1)
        {
            return null;
        }

        s += new string('=', (4 - (s.Length % 4)) % 4);
        var buffer = new byte[s.Length / 4 * 3];
        return Convert.TryFromBase64String(s, buffer, out var written) ? buffer[..written] : null;
    }
}
