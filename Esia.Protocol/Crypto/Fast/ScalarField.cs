namespace Esia.Protocol.Crypto.Fast;

/// <summary>Arithmetic modulo a curve's subgroup order q (odd, below 2^256) in Montgomery form with R = 2^256.</summary>
internal sealed class ScalarField
{
    private readonly U256 _q;
    private readonly ulong _qInv; // −q⁻¹ mod 2^64
    private readonly U256 _r2;    // R² mod q
    private readonly U256 _qMinus2;

    public ScalarField(in U256 q)
    {
        if ((q.L0 & 1) == 0 || q.BitLength < 2)
        {
            throw new ArgumentException("The order must be odd and above 2.", nameof(q));
        }

        _q = q;
        // Newton's iteration for q⁻¹ mod 2^64 doubles the correct low bits each step (q·q ≡ 1 mod 8 to start).
        var inv = q.L0;
        for (var i = 0; i < 5; i++)
        {
            inv *= 2 - (q.L0 * inv);
        }

        _qInv = 0 - inv;
        var big = q.ToBigInteger();
        _r2 = U256.From(Org.BouncyCastle.Math.BigInteger.One.ShiftLeft(512).Mod(big));
        _qMinus2 = U256.Sub(q, new U256(2, 0, 0, 0), out _);
    }

    public U256 Order => _q;

    /// <summary>a · b mod q for a, b below q.</summary>
    public U256 Mul(in U256 a, in U256 b) => MontMul(MontMul(a, b), _r2);

    /// <summary>a + b mod q for a, b below q.</summary>
    public U256 Add(in U256 a, in U256 b)
    {
        var sum = U256.Add(a, b, out var carry);
        return carry != 0 || U256.Compare(sum, _q) >= 0 ? U256.Sub(sum, _q, out _) : sum;
    }

    /// <summary>q − a for 0 &lt; a &lt; q; zero for zero.</summary>
    public U256 Negate(in U256 a) => a.IsZero ? a : U256.Sub(_q, a, out _);

    /// <summary>a⁻¹ mod q by Fermat (q is prime); a must be non-zero and below q.</summary>
    public U256 Invert(in U256 a)
    {
        Span<U256> powers = stackalloc U256[16];
        powers[0] = MontMul(U256.One, _r2);
        powers[1] = MontMul(a, _r2);
        for (var i = 2; i < 16; i++)
        {
            powers[i] = MontMul(powers[i - 1], powers[1]);
        }

        var x = powers[0];
        for (var limb = 3; limb >= 0; limb--)
        {
            for (var shift = 60; shift >= 0; shift -= 4)
            {
                x = MontMul(x, x);
                x = MontMul(x, x);
                x = MontMul(x, x);
                x = MontMul(x, x);
                var nibble = (int)((_qMinus2[limb] >> shift) & 0xF);
                if (nibble != 0)
                {
                    x = MontMul(x, powers[nibble]);
                }
            }
        }

        return MontMul(x, U256.One);
    }

    // a·b·R⁻¹ mod q (CIOS, four limbs, one step per limb of b).
    private U256 MontMul(in U256 a, in U256 b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
        Step(a, b.L0, ref t0, ref t1, ref t2, ref t3, ref t4);
        Step(a, b.L1, ref t0, ref t1, ref t2, ref t3, ref t4);
        Step(a, b.L2, ref t0, ref t1, ref t2, ref t3, ref t4);
        Step(a, b.L3, ref t0, ref t1, ref t2, ref t3, ref t4);
        var result = new U256(t0, t1, t2, t3);
        return t4 != 0 || U256.Compare(result, _q) >= 0 ? U256.Sub(result, _q, out _) : result;
    }

    // t = (t + a·bi + m·q) / 2^64 with m chosen so that the division is exact.
    private void Step(in U256 a, ulong bi, ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3, ref ulong t4)
    {
        ulong c = 0;
        t0 = Fe.MulAdd(a.L0, bi, t0, ref c);
        t1 = Fe.MulAdd(a.L1, bi, t1, ref c);
        t2 = Fe.MulAdd(a.L2, bi, t2, ref c);
        t3 = Fe.MulAdd(a.L3, bi, t3, ref c);
        ulong carry = 0;
        t4 = Fe.AddCarry(t4, c, ref carry);
        var t5 = carry;

        var m = t0 * _qInv;
        c = 0;
        _ = Fe.MulAdd(m, _q.L0, t0, ref c);
        t0 = Fe.MulAdd(m, _q.L1, t1, ref c);
        t1 = Fe.MulAdd(m, _q.L2, t2, ref c);
        t2 = Fe.MulAdd(m, _q.L3, t3, ref c);
        carry = 0;
        t3 = Fe.AddCarry(t4, c, ref carry);
        t4 = t5 + carry;
    }
}
