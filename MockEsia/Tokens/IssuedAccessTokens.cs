using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MockEsia.Tokens;

/// <summary>
/// The access tokens this process signed, unaltered, with one of its own keys: <c>/rs</c> accepts their signature
/// without verifying it again, because verifying would only recompute what the issuer already knows (all of
/// <see cref="SigningKeys.All"/> stay trusted for the life of the process). Any other token — from another replica or an
/// earlier run, tampered by a fault, or forged — is not here and gets the full signature check; claims are checked
/// for every token. Bounded: the oldest entries are forgotten first, and a forgotten token is simply verified again.
/// </summary>
internal sealed class IssuedAccessTokens
{
    /// <summary>How many tokens are remembered at most.</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<UInt128, byte> _known = new();
    private readonly ConcurrentQueue<UInt128> _order = new();

    /// <summary>How many tokens are remembered now.</summary>
    public int Count => _known.Count;

    /// <summary>Remembers a token this process has just signed with a trusted key.</summary>
    public void Add(string token)
    {
        var key = KeyOf(token);
        if (!_known.TryAdd(key, 0))
        {
            return;
        }

        _order.Enqueue(key);
        while (_known.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _known.TryRemove(oldest, out _);
        }
    }

    /// <summary>Whether this exact token (every byte of header, claims and signature) was signed here.</summary>
    public bool Contains(string token) => _known.ContainsKey(KeyOf(token));

    private static UInt128 KeyOf(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }
}
