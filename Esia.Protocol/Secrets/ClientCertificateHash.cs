using Esia.Protocol.Crypto;

namespace Esia.Protocol.Secrets;

/// <summary><c>client_certificate_hash</c>: Streebog-256 of the certificate's DER, upper-case hex (reference §4.5).</summary>
public static class ClientCertificateHash
{
    /// <summary>Computes the value a client sends.</summary>
    public static string Compute(EsiaCertificate certificate) => certificate.Streebog256Hex;

    /// <summary>Compares a received value with a certificate, ignoring case and surrounding white space.</summary>
    public static bool Matches(string? received, EsiaCertificate certificate) =>
        received is not null && string.Equals(received.Trim(), certificate.Streebog256Hex, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the value has the shape of a Streebog-256 hash: 64 hex characters.</summary>
    public static bool IsWellFormed(string? received) =>
        received is { Length: 64 } && received.All(char.IsAsciiHexDigit);
}
