using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;

namespace Esia.Protocol.Crypto.Fast;

/// <summary>
/// GOST R 34.10-2012-256 with Streebog-256 on BouncyCastle key objects, through <see cref="GostCurve256"/> when the key's
/// parameter set lies over p = 2^256 − 617. Curves are built once per parameter set, and each key's own data (the
/// private scalar, the public key's odd multiples) once per key object. No heap allocation per operation beyond the
/// returned signature.
/// </summary>
internal static class FastGost
{
    private static readonly ConcurrentDictionary<string, GostCurve256?> Curves = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<ECPublicKeyParameters, PublicKey> PublicKeys = new();
    private static readonly ConditionalWeakTable<ECPrivateKeyParameters, PrivateKey> PrivateKeys = new();

    [ThreadStatic]
    private static Gost3411_2012_256Digest? _digest;

    /// <summary>Whether this key's parameter set is one the fast code covers.</summary>
    public static bool Covers(AsymmetricKeyParameter key) => key switch
    {
        ECPublicKeyParameters pub => PublicKeys.GetValue(pub, Build).Curve is not null,
        ECPrivateKeyParameters priv => PrivateKeys.GetValue(priv, Build).Curve is not null,
        _ => false,
    };

    /// <summary>Signs into 64 bytes (s‖r, big-endian halves); false when the key's set is not covered.</summary>
    public static bool TrySign(AsymmetricKeyParameter key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        if (key is not ECPrivateKeyParameters priv || PrivateKeys.GetValue(priv, Build) is not { Curve: { } curve } entry)
        {
            return false;
        }

        var (r, s) = curve.Sign(entry.D, HashNumber(curve, data));
        s.WriteBigEndian(signature);
        r.WriteBigEndian(signature[32..]);
        return true;
    }

    /// <summary>Verifies s‖r; false in <paramref name="covered"/> when the key's set is not covered (the caller falls back).</summary>
    public static bool Verify(AsymmetricKeyParameter key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, out bool covered)
    {
        covered = false;
        if (key is not ECPublicKeyParameters pub || PublicKeys.GetValue(pub, Build) is not { Curve: { } curve, OddMultiples: { } odd })
        {
            return false;
        }

        covered = true;
        if (signature.Length != 64)
        {
            return false;
        }

        var s = U256.FromBigEndian(signature);
        var r = U256.FromBigEndian(signature[32..]);
        return curve.Verify(odd, HashNumber(curve, data), r, s);
    }

    /// <summary>The curve for a BouncyCastle domain, or null when it is not over p = 2^256 − 617 with a 256-bit order.</summary>
    internal static GostCurve256? CurveFor(ECDomainParameters domain)
    {
        if (domain.Curve is not Org.BouncyCastle.Math.EC.FpCurve fp || domain.N.BitLength > 256
            || !fp.Q.Equals(GostCurve256.FieldPrime.ToBigInteger()))
        {
            return null;
        }

        var g = domain.G.Normalize();
        var id = string.Join(':', fp.A.ToBigInteger().ToString(16), fp.B.ToBigInteger().ToString(16),
            g.AffineXCoord.ToBigInteger().ToString(16), g.AffineYCoord.ToBigInteger().ToString(16), domain.N.ToString(16));
        return Curves.GetOrAdd(id, _ => new GostCurve256(
            U256.From(fp.A.ToBigInteger()), U256.From(fp.B.ToBigInteger()),
            new AffinePoint(Fe.FromLimbs(U256.From(g.AffineXCoord.ToBigInteger())), Fe.FromLimbs(U256.From(g.AffineYCoord.ToBigInteger()))),
            U256.From(domain.N)));
    }

    /// <summary>The message's Streebog-256 read little-endian as a number, reduced mod q; zero becomes one (§6.1 step 2).</summary>
    internal static U256 HashNumber(GostCurve256 curve, ReadOnlySpan<byte> data)
    {
        var digest = _digest ??= new Gost3411_2012_256Digest();
        Span<byte> hash = stackalloc byte[32];
        digest.BlockUpdate(data);
        digest.DoFinal(hash);
        return NumberOfHash(curve, hash);
    }

    /// <summary>
    /// A hash read little-endian, mod q, zero read as one (GOST R 34.10-2012 §6.1 step 2, as OpenSSL's engine does;
    /// BouncyCastle keeps zero, which no real hash meets).
    /// </summary>
    internal static U256 NumberOfHash(GostCurve256 curve, ReadOnlySpan<byte> hash)
    {
        var e = U256.FromLittleEndian(hash).ReducedBelow(curve.Order);
        return e.IsZero ? U256.One : e;
    }

    private static PublicKey Build(ECPublicKeyParameters key)
    {
        var curve = CurveFor(key.Parameters);
        if (curve is null || key.Q.IsInfinity)
        {
            return new PublicKey(null, null);
        }

        var q = key.Q.Normalize();
        var point = new AffinePoint(Fe.FromLimbs(U256.From(q.AffineXCoord.ToBigInteger())), Fe.FromLimbs(U256.From(q.AffineYCoord.ToBigInteger())));
        return curve.IsOnCurve(point) ? new PublicKey(curve, curve.OddMultiples(point, GostCurve256.KeyWindow)) : new PublicKey(curve, null);
    }

    private static PrivateKey Build(ECPrivateKeyParameters key)
    {
        var curve = CurveFor(key.Parameters);
        if (curve is null || key.D.SignValue <= 0 || key.D.BitLength > 256)
        {
            return new PrivateKey(null, default);
        }

        var d = U256.From(key.D);
        return U256.Compare(d, curve.Order) < 0 ? new PrivateKey(curve, d) : new PrivateKey(null, default);
    }

    // OddMultiples null: a covered set but a key no verification can accept (off the curve or of small order).
    private sealed record PublicKey(GostCurve256? Curve, AffinePoint[]? OddMultiples);

    private sealed record PrivateKey(GostCurve256? Curve, U256 D);
}
