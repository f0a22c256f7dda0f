using System.Security.Cryptography;
using System.Text;

namespace MockEsia.Journal;

/// <summary>A token's fingerprint: the first 16 hex digits of the SHA-256 of its text (names a token, never reveals it).</summary>
internal static class TokenFingerprint
{
    /// <summary>The fingerprint of a token.</summary>
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}
