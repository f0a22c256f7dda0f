namespace Esia.Protocol.Crypto.Fast;

/// <summary>The curve's arithmetic: Jacobian doubling and mixed addition, the way back to affine coordinates, NAF recoding.</summary>
internal sealed partial class GostCurve256
{
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
}
