using System.Text.Json.Nodes;
using Esia.Protocol.Crypto;

namespace MockEsia.Faults;

/// <summary>How one token is being signed.</summary>
internal sealed class TokenSignature
{
    /// <summary>The JOSE header, to change.</summary>
    public required JsonObject Header { get; init; }

    /// <summary>The key ESIA signs this client's tokens with.</summary>
    public required EsiaCredential Credential { get; init; }

    /// <summary>A key no <c>esia.zip</c> publishes.</summary>
    public required EsiaCredential Rogue { get; init; }

    /// <summary>Signs the signing input.</summary>
    public required Func<byte[], byte[]> Sign { get; set; }
}
