using System.Collections.Concurrent;
using Esia.Protocol.Crypto;
using Esia.Protocol.Crypto.Fast;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Esia.LoadDriver;

/// <summary>
/// GOST R 34.10-2012 signing split in two: the expensive, message-independent half (a random k and r = x(kG) mod q)
/// is computed before the measured window; the message-dependent half (s = r·d + k·e mod q, two modular
/// multiplications) at request time. The result is an ordinary s‖r signature, each nonce used once, so the server
/// does exactly the verification it would for any client; only the driver's own CPU leaves the measured window.
/// </summary>
public sealed class PresignedNonces
{
    private readonly ECPrivateKeyParameters _key;
    private readonly ConcurrentQueue<(BigInteger K, BigInteger R)> _nonces = new();
    private readonly int _half;

    /// <summary>Precomputes <paramref name="count"/> nonces for a GOST key, in parallel.</summary>
    public PresignedNonces(EsiaCredential credential, int count)
    {
        _key = (ECPrivateKeyParameters)credential.PrivateKey;
        _half = (_key.Parameters.N.BitLength + 7) / 8;
        var n = _key.Parameters.N;
        var curve = FastGost.CurveFor(_key.Parameters);
        Parallel.For(0, count, () => new SecureRandom(), (_, _, random) =>
        {
            while (true)
            {
                var k = new BigInteger(n.BitLength, random);
                if (k.SignValue == 0 || k.CompareTo(n) >= 0)
                {
                    continue;
                }

                // The fast comb where it covers the key's set (about 20 µs), BouncyCastle otherwise.
                var x = curve is not null
                    ? curve.ToAffine(curve.MultiplyBase(U256.From(k))).X.ToLimbs().ToBigInteger()
                    : _key.Parameters.G.Multiply(k).Normalize().AffineXCoord.ToBigInteger();
                var r = x.Mod(n);
                if (r.SignValue != 0)
                {
                    _nonces.Enqueue((k, r));
                    return random;
                }
            }
        }, _ => { });
    }

    /// <summary>Signs with the next precomputed nonce; falls back to a full signature when they run out.</summary>
    public byte[] Sign(EsiaCredential credential, byte[] message)
    {
        if (!_nonces.TryDequeue(out var nonce))
        {
            return credential.Sign(message);
        }

        var digest = Streebog.Hash256(message);
        Array.Reverse(digest);
        var n = _key.Parameters.N;
        var e = new BigInteger(1, digest).Mod(n);
        if (e.SignValue == 0)
        {
            e = BigInteger.One;
        }

        var s = nonce.R.Multiply(_key.D).Add(nonce.K.Multiply(e)).Mod(n);
        var signature = new byte[2 * _half];
        var sBytes = s.ToByteArrayUnsigned();
        var rBytes = nonce.R.ToByteArrayUnsigned();
        sBytes.CopyTo(signature, _half - sBytes.Length);
        rBytes.CopyTo(signature, (2 * _half) - rBytes.Length);
        return signature;
    }
}
