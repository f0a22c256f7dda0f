using System.Security.Cryptography;

namespace Esia.Protocol.Crypto.Fast;

/// <summary>
/// A short Weierstrass curve y² = x³ + ax + b over the field of p = 2^256 − 617 with a base point of prime order q:
/// GOST R 34.10-2012 signing and verification on it. Signing multiplies the fixed base point with a comb (8 teeth,
/// 255 precomputed points: 31 doublings and 32 additions); verification computes z1·G + z2·Q in one chain of
/// doublings with interleaved width-8 (G) and width-5 (Q) NAF digits and checks x without an inversion. Formulas:
/// Jacobian doubling dbl-2001-b (a = −3) or dbl-2007-bl (any a), mixed addition madd-2007-bl (the Explicit-Formulas
/// Database). Not constant-time: for verification and MockEsia's own test keys, never for an integrator's key.
/// </summary>
internal sealed partial class GostCurve256
{
    private const int CombTeeth = 8;
    private const int CombSpacing = 32;
    private const int BaseWindow = 8;
    internal const int KeyWindow = 5;

    private static readonly U256 P = new(0xFFFFFFFFFFFFFD97, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    private readonly Fe _a;
    private readonly bool _aIsMinus3;
    private readonly AffinePoint[] _comb;
    private readonly AffinePoint[] _baseOdd;

    public GostCurve256(in U256 a, in U256 b, in AffinePoint generator, in U256 order)
    {
        _a = Fe.FromLimbs(a);
        _aIsMinus3 = U256.Compare(a, new U256(P.L0 - 3, P.L1, P.L2, P.L3)) == 0;
        B = Fe.FromLimbs(b);
        Generator = generator;
        Scalars = new ScalarField(order);
        if (!IsOnCurve(generator))
        {
            throw new ArgumentException("The base point is not on the curve.", nameof(generator));
        }

        _comb = BuildComb(generator);
        _baseOdd = OddMultiples(generator, BaseWindow) ?? throw new ArgumentException("The base point has a small order.", nameof(generator));
    }

    public static U256 FieldPrime => P;

    public Fe B { get; }

    public AffinePoint Generator { get; }

    public ScalarField Scalars { get; }

    public U256 Order => Scalars.Order;

    public bool IsOnCurve(in AffinePoint point)
    {
        Fe.Square(point.Y, out var y2);
        Fe.Square(point.X, out var x2);
        Fe.Mul(x2, point.X, out var x3);
        Fe.Mul(_a, point.X, out var ax);
        Fe.Add(x3, ax, out var rhs);
        Fe.Add(rhs, B, out rhs);
        return Fe.Equal(y2, rhs);
    }

    /// <summary>
    /// Odd multiples P, 3P, …, (2^(w−1) − 1)P for width-w NAF digits, affine; null when a multiple is the point at
    /// infinity (a point of small order, which no valid key is).
    /// </summary>
    public AffinePoint[]? OddMultiples(in AffinePoint point, int window)
    {
        var count = 1 << (window - 2);
        var twice = JacobianPoint.From(point);
        Double(ref twice);
        if (twice.IsInfinity)
        {
            return null;
        }

        var twiceAffine = ToAffine(twice);
        var jacobian = new JacobianPoint[count];
        jacobian[0] = JacobianPoint.From(point);
        for (var i = 1; i < count; i++)
        {
            jacobian[i] = jacobian[i - 1];
            AddMixed(ref jacobian[i], twiceAffine);
            if (jacobian[i].IsInfinity)
            {
                return null;
            }
        }

        return BatchToAffine(jacobian);
    }

    /// <summary>Signs the number e (1 ≤ e &lt; q) with the private scalar d: (r, s) per GOST R 34.10-2012 §6.1.</summary>
    public (U256 R, U256 S) Sign(in U256 d, in U256 e)
    {
        while (true)
        {
            var k = RandomScalar();
            var point = MultiplyBase(k);
            if (point.IsInfinity)
            {
                continue;
            }

            var r = ToAffine(point).X.ToLimbs().ReducedBelow(Order);
            if (r.IsZero)
            {
                continue;
            }

            var s = Scalars.Add(Scalars.Mul(r, d), Scalars.Mul(k, e));
            if (!s.IsZero)
            {
                return (r, s);
            }
        }
    }

    /// <summary>Verifies (r, s) over the number e (1 ≤ e &lt; q) with a public key given by its odd multiples (§6.2).</summary>
    public bool Verify(AffinePoint[] keyOdd, in U256 e, in U256 r, in U256 s)
    {
        if (r.IsZero || s.IsZero || U256.Compare(r, Order) >= 0 || U256.Compare(s, Order) >= 0)
        {
            return false;
        }

        var v = Scalars.Invert(e);
        var z1 = Scalars.Mul(s, v);
        var z2 = Scalars.Negate(Scalars.Mul(r, v));
        var c = MultiplyTwo(z1, keyOdd, z2);
        if (c.IsInfinity)
        {
            return false;
        }

        // x(C) mod q == r, tested as X == (r + jq)·Z² for every r + jq below p: no inversion needed.
        Fe.Square(c.Z, out var zz);
        var candidate = r;
        while (U256.Compare(candidate, P) < 0)
        {
            Fe.Mul(Fe.FromLimbs(candidate), zz, out var scaled);
            if (Fe.Equal(scaled, c.X))
            {
                return true;
            }

            candidate = U256.Add(candidate, Order, out var carry);
            if (carry != 0)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>k·G with the comb.</summary>
    public JacobianPoint MultiplyBase(in U256 k)
    {
        var result = JacobianPoint.Infinity;
        for (var column = CombSpacing - 1; column >= 0; column--)
        {
            Double(ref result);
            var index = 0;
            for (var tooth = 0; tooth < CombTeeth; tooth++)
            {
                index |= k.Bit(column + (tooth * CombSpacing)) << tooth;
            }

            if (index != 0)
            {
                AddMixed(ref result, _comb[index]);
            }
        }

        return result;
    }

    /// <summary>a·G + b·Q in one chain of doublings.</summary>
    public JacobianPoint MultiplyTwo(in U256 a, AffinePoint[] keyOdd, in U256 b)
    {
        Span<sbyte> nafA = stackalloc sbyte[258];
        Span<sbyte> nafB = stackalloc sbyte[258];
        var lengthA = Naf(a, BaseWindow, nafA);
        var lengthB = Naf(b, KeyWindow, nafB);
        var result = JacobianPoint.Infinity;
        for (var i = Math.Max(lengthA, lengthB) - 1; i >= 0; i--)
        {
            Double(ref result);
            AddDigit(ref result, nafA[i], _baseOdd);
            AddDigit(ref result, nafB[i], keyOdd);
        }

        return result;
    }

    private void AddDigit(ref JacobianPoint result, sbyte digit, AffinePoint[] odd)
    {
        if (digit > 0)
        {
            AddMixed(ref result, odd[digit >> 1]);
        }
        else if (digit < 0)
        {
            AddMixed(ref result, odd[(-digit) >> 1].Negated());
        }
    }

    private U256 RandomScalar()
    {
        Span<byte> bytes = stackalloc byte[32];
        var topBits = Order.BitLength;
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var candidate = U256.FromBigEndian(bytes);
            var excess = 256 - topBits;
            candidate = new U256(candidate.L0, candidate.L1, candidate.L2, excess == 0 ? candidate.L3 : candidate.L3 & (ulong.MaxValue >> excess));
            if (!candidate.IsZero && U256.Compare(candidate, Order) < 0)
            {
                return candidate;
            }
        }
    }

    // T[j] = Σ 2^(32·i)·G over the bits i of j, for j = 1 … 255 (T[0] unused).
    private AffinePoint[] BuildComb(in AffinePoint generator)
    {
        var teeth = new AffinePoint[CombTeeth];
        var running = JacobianPoint.From(generator);
        for (var i = 0; i < CombTeeth; i++)
        {
            teeth[i] = ToAffine(running);
            for (var d = 0; d < CombSpacing; d++)
            {
                Double(ref running);
            }
        }

        var table = new AffinePoint[1 << CombTeeth];
        for (var high = 0; high < CombTeeth; high++)
        {
            var start = 1 << high;
            table[start] = teeth[high];
            var sums = new JacobianPoint[start - 1];
            for (var low = 1; low < start; low++)
            {
                sums[low - 1] = JacobianPoint.From(table[low]);
                AddMixed(ref sums[low - 1], teeth[high]);
            }

            var affine = BatchToAffine(sums);
            affine.CopyTo(table, start + 1);
        }

        return table;
    }
}
