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
internal sealed class GostCurve256
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

    public AffinePoint ToAffine(in JacobianPoint point)
    {
        Fe.Invert(point.Z, out var zInv);
        Fe.Square(zInv, out var zInv2);
        Fe.Mul(point.X, zInv2, out var x);
        Fe.Mul(zInv2, zInv, out var zInv3);
        Fe.Mul(point.Y, zInv3, out var y);
        return new AffinePoint(Fe.Normalized(x), Fe.Normalized(y));
    }

    /// <summary>In place: p = 2p.</summary>
    public void Double(ref JacobianPoint p)
    {
        if (_aIsMinus3)
        {
            // dbl-2001-b: 3M + 5S.
            Fe.Square(p.Z, out var delta);
            Fe.Square(p.Y, out var gamma);
            Fe.Mul(p.X, gamma, out var beta);
            Fe.Sub(p.X, delta, out var t1);
            Fe.Add(p.X, delta, out var t2);
            Fe.Mul(t1, t2, out var alpha);
            Fe.MulSmall(alpha, 3, out alpha);
            Fe.Add(p.Y, p.Z, out var yz);
            Fe.Square(yz, out yz);
            Fe.Sub(yz, gamma, out yz);
            Fe.Sub(yz, delta, out p.Z);
            Fe.MulSmall(beta, 4, out var beta4);
            Fe.Square(alpha, out var x3);
            Fe.Double(beta4, out var beta8);
            Fe.Sub(x3, beta8, out p.X);
            Fe.Sub(beta4, p.X, out var t3);
            Fe.Mul(alpha, t3, out var y3);
            Fe.Square(gamma, out var gamma2);
            Fe.MulSmall(gamma2, 8, out gamma2);
            Fe.Sub(y3, gamma2, out p.Y);
        }
        else
        {
            // dbl-2007-bl: 1M + 8S + 1·a.
            Fe.Square(p.X, out var xx);
            Fe.Square(p.Y, out var yy);
            Fe.Square(yy, out var yyyy);
            Fe.Square(p.Z, out var zz);
            Fe.Add(p.X, yy, out var s);
            Fe.Square(s, out s);
            Fe.Sub(s, xx, out s);
            Fe.Sub(s, yyyy, out s);
            Fe.Double(s, out s);
            Fe.Square(zz, out var zzzz);
            Fe.Mul(_a, zzzz, out var azzzz);
            Fe.MulSmall(xx, 3, out var m);
            Fe.Add(m, azzzz, out m);
            Fe.Square(m, out var t);
            Fe.Double(s, out var s2);
            Fe.Sub(t, s2, out t);
            Fe.Add(p.Y, p.Z, out var yz);
            Fe.Square(yz, out yz);
            Fe.Sub(yz, yy, out yz);
            Fe.Sub(yz, zz, out p.Z);
            p.X = t;
            Fe.Sub(s, t, out var st);
            Fe.Mul(m, st, out var y3);
            Fe.MulSmall(yyyy, 8, out yyyy);
            Fe.Sub(y3, yyyy, out p.Y);
        }
    }

    /// <summary>In place: p = p + q for an affine q (madd-2007-bl: 7M + 4S), with the equal and opposite cases.</summary>
    public void AddMixed(ref JacobianPoint p, in AffinePoint q)
    {
        if (p.IsInfinity)
        {
            p = JacobianPoint.From(q);
            return;
        }

        Fe.Square(p.Z, out var z1z1);
        Fe.Mul(q.X, z1z1, out var u2);
        Fe.Mul(p.Z, z1z1, out var z1Cubed);
        Fe.Mul(q.Y, z1Cubed, out var s2);
        Fe.Sub(u2, p.X, out var h);
        Fe.Sub(s2, p.Y, out var rHalf);
        if (h.IsZero)
        {
            if (rHalf.IsZero)
            {
                p = JacobianPoint.From(q);
                Double(ref p);
            }
            else
            {
                p = JacobianPoint.Infinity;
            }

            return;
        }

        Fe.Square(h, out var hh);
        Fe.MulSmall(hh, 4, out var i);
        Fe.Mul(h, i, out var j);
        Fe.Double(rHalf, out var r);
        Fe.Mul(p.X, i, out var v);
        Fe.Square(r, out var x3);
        Fe.Sub(x3, j, out x3);
        Fe.Double(v, out var v2);
        Fe.Sub(x3, v2, out x3);
        Fe.Sub(v, x3, out var vx);
        Fe.Mul(r, vx, out var y3);
        Fe.Mul(p.Y, j, out var yj);
        Fe.Double(yj, out yj);
        Fe.Sub(y3, yj, out y3);
        Fe.Add(p.Z, h, out var z3);
        Fe.Square(z3, out z3);
        Fe.Sub(z3, z1z1, out z3);
        Fe.Sub(z3, hh, out p.Z);
        p.X = x3;
        p.Y = y3;
    }

    /// <summary>Width-w non-adjacent form of k, least significant digit first; returns the number of digits.</summary>
    internal static int Naf(in U256 k, int window, Span<sbyte> digits)
    {
        Span<ulong> n = [k.L0, k.L1, k.L2, k.L3, 0];
        var mask = (1UL << window) - 1;
        var half = 1L << (window - 1);
        var length = 0;
        while ((n[0] | n[1] | n[2] | n[3] | n[4]) != 0)
        {
            long digit = 0;
            if ((n[0] & 1) != 0)
            {
                digit = (long)(n[0] & mask);
                if (digit >= half)
                {
                    digit -= 1L << window;
                }

                // n −= digit: subtract a positive digit, add the magnitude of a negative one.
                ulong carry = 0;
                if (digit > 0)
                {
                    for (var limb = 0; limb < 5; limb++)
                    {
                        n[limb] = Fe.SubBorrow(n[limb], limb == 0 ? (ulong)digit : 0, ref carry);
                    }
                }
                else
                {
                    for (var limb = 0; limb < 5; limb++)
                    {
                        n[limb] = Fe.AddCarry(n[limb], limb == 0 ? (ulong)(-digit) : 0, ref carry);
                    }
                }
            }

            digits[length++] = (sbyte)digit;
            for (var limb = 0; limb < 4; limb++)
            {
                n[limb] = (n[limb] >> 1) | (n[limb + 1] << 63);
            }

            n[4] >>= 1;
        }

        return length;
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

    // Montgomery's trick: one inversion for the whole batch (no point may be at infinity).
    private static AffinePoint[] BatchToAffine(JacobianPoint[] points)
    {
        var result = new AffinePoint[points.Length];
        if (points.Length == 0)
        {
            return result;
        }

        var prefix = new Fe[points.Length];
        prefix[0] = points[0].Z;
        for (var i = 1; i < points.Length; i++)
        {
            Fe.Mul(prefix[i - 1], points[i].Z, out prefix[i]);
        }

        Fe.Invert(prefix[^1], out var inverse);
        for (var i = points.Length - 1; i >= 0; i--)
        {
            Fe zInv;
            if (i > 0)
            {
                Fe.Mul(inverse, prefix[i - 1], out zInv);
                Fe.Mul(inverse, points[i].Z, out inverse);
            }
            else
            {
                zInv = inverse;
            }

            Fe.Square(zInv, out var zInv2);
            Fe.Mul(points[i].X, zInv2, out var x);
            Fe.Mul(zInv2, zInv, out var zInv3);
            Fe.Mul(points[i].Y, zInv3, out var y);
            result[i] = new AffinePoint(Fe.Normalized(x), Fe.Normalized(y));
        }

        return result;
    }
}
