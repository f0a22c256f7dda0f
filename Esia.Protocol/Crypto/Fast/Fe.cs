using System.Runtime.CompilerServices;

namespace Esia.Protocol.Crypto.Fast;

/// <summary>
/// An element of the field of p = 2^256 − 617, the prime of GOST R 34.10-2012's CryptoPro-A, CryptoPro-XchA and
/// TC26-256-A parameter sets, in four 64-bit limbs (least significant first). Values are kept below 2^256 but not
/// always below p (2^256 &lt; 2p, so at most one subtraction of p normalises them): reduction is pseudo-Mersenne,
/// 2^256 ≡ 617 (mod p). Not constant-time: it serves verification and MockEsia's own test keys only.
/// </summary>
internal struct Fe
{
    internal const ulong C = 617;

    public ulong L0;
    public ulong L1;
    public ulong L2;
    public ulong L3;

    public Fe(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    public static Fe One => new(1, 0, 0, 0);

    public static Fe FromLimbs(in U256 value) => new(value.L0, value.L1, value.L2, value.L3);

    public readonly U256 ToLimbs()
    {
        var n = Normalized(this);
        return new U256(n.L0, n.L1, n.L2, n.L3);
    }

    /// <summary>r = a + b (mod p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in Fe a, in Fe b, out Fe r)
    {
        ulong carry = 0;
        var r0 = AddCarry(a.L0, b.L0, ref carry);
        var r1 = AddCarry(a.L1, b.L1, ref carry);
        var r2 = AddCarry(a.L2, b.L2, ref carry);
        var r3 = AddCarry(a.L3, b.L3, ref carry);
        while (carry != 0)
        {
            // The sum wrapped past 2^256 ≡ 617: add 617. A second wrap leaves a small value; the loop ends.
            carry = 0;
            r0 = AddCarry(r0, C, ref carry);
            r1 = AddCarry(r1, 0, ref carry);
            r2 = AddCarry(r2, 0, ref carry);
            r3 = AddCarry(r3, 0, ref carry);
        }

        r = new Fe(r0, r1, r2, r3);
    }

    /// <summary>r = a − b (mod p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(in Fe a, in Fe b, out Fe r)
    {
        ulong borrow = 0;
        var r0 = SubBorrow(a.L0, b.L0, ref borrow);
        var r1 = SubBorrow(a.L1, b.L1, ref borrow);
        var r2 = SubBorrow(a.L2, b.L2, ref borrow);
        var r3 = SubBorrow(a.L3, b.L3, ref borrow);
        while (borrow != 0)
        {
            // The difference wrapped below zero, i.e. 2^256 ≡ 617 too much: take 617 off again.
            borrow = 0;
            r0 = SubBorrow(r0, C, ref borrow);
            r1 = SubBorrow(r1, 0, ref borrow);
            r2 = SubBorrow(r2, 0, ref borrow);
            r3 = SubBorrow(r3, 0, ref borrow);
        }

        r = new Fe(r0, r1, r2, r3);
    }

    /// <summary>r = 2a (mod p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double(in Fe a, out Fe r) => Add(a, a, out r);

    /// <summary>r = a · b (mod p): a 512-bit schoolbook product folded twice with 2^256 ≡ 617.</summary>
    public static void Mul(in Fe a, in Fe b, out Fe r)
    {
        ulong c = 0;
        var t0 = MulAdd(a.L0, b.L0, 0, ref c);
        var t1 = MulAdd(a.L0, b.L1, 0, ref c);
        var t2 = MulAdd(a.L0, b.L2, 0, ref c);
        var t3 = MulAdd(a.L0, b.L3, 0, ref c);
        var t4 = c;

        c = 0;
        t1 = MulAdd(a.L1, b.L0, t1, ref c);
        t2 = MulAdd(a.L1, b.L1, t2, ref c);
        t3 = MulAdd(a.L1, b.L2, t3, ref c);
        t4 = MulAdd(a.L1, b.L3, t4, ref c);
        var t5 = c;

        c = 0;
        t2 = MulAdd(a.L2, b.L0, t2, ref c);
        t3 = MulAdd(a.L2, b.L1, t3, ref c);
        t4 = MulAdd(a.L2, b.L2, t4, ref c);
        t5 = MulAdd(a.L2, b.L3, t5, ref c);
        var t6 = c;

        c = 0;
        t3 = MulAdd(a.L3, b.L0, t3, ref c);
        t4 = MulAdd(a.L3, b.L1, t4, ref c);
        t5 = MulAdd(a.L3, b.L2, t5, ref c);
        t6 = MulAdd(a.L3, b.L3, t6, ref c);
        var t7 = c;

        Reduce(t0, t1, t2, t3, t4, t5, t6, t7, out r);
    }

    /// <summary>r = a² (mod p), with the cross products computed once.</summary>
    public static void Square(in Fe a, out Fe r)
    {
        // Cross products a_i·a_j (i < j), doubled, plus the squares on the diagonal.
        ulong c = 0;
        var t1 = MulAdd(a.L0, a.L1, 0, ref c);
        var t2 = MulAdd(a.L0, a.L2, 0, ref c);
        var t3 = MulAdd(a.L0, a.L3, 0, ref c);
        var t4 = c;

        c = 0;
        t3 = MulAdd(a.L1, a.L2, t3, ref c);
        t4 = MulAdd(a.L1, a.L3, t4, ref c);
        var t5 = c;

        c = 0;
        t5 = MulAdd(a.L2, a.L3, t5, ref c);
        var t6 = c;

        var t7 = t6 >> 63;
        t6 = (t6 << 1) | (t5 >> 63);
        t5 = (t5 << 1) | (t4 >> 63);
        t4 = (t4 << 1) | (t3 >> 63);
        t3 = (t3 << 1) | (t2 >> 63);
        t2 = (t2 << 1) | (t1 >> 63);
        t1 <<= 1;

        ulong carry = 0;
        var h = Math.BigMul(a.L0, a.L0, out var t0);
        t1 = AddCarry(t1, h, ref carry);
        h = Math.BigMul(a.L1, a.L1, out var l);
        t2 = AddCarry(t2, l, ref carry);
        t3 = AddCarry(t3, h, ref carry);
        h = Math.BigMul(a.L2, a.L2, out l);
        t4 = AddCarry(t4, l, ref carry);
        t5 = AddCarry(t5, h, ref carry);
        h = Math.BigMul(a.L3, a.L3, out l);
        t6 = AddCarry(t6, l, ref carry);
        t7 = AddCarry(t7, h, ref carry);

        Reduce(t0, t1, t2, t3, t4, t5, t6, t7, out r);
    }

    /// <summary>r = a · k (mod p) for a small k.</summary>
    public static void MulSmall(in Fe a, ulong k, out Fe r)
    {
        ulong c = 0;
        var r0 = MulAdd(a.L0, k, 0, ref c);
        var r1 = MulAdd(a.L1, k, 0, ref c);
        var r2 = MulAdd(a.L2, k, 0, ref c);
        var r3 = MulAdd(a.L3, k, 0, ref c);
        Fold(r0, r1, r2, r3, c, out r);
    }

    /// <summary>r = a^(p−2) = a⁻¹ (mod p) by Fermat, in 4-bit windows; zero stays zero.</summary>
    public static void Invert(in Fe a, out Fe r)
    {
        Span<Fe> powers = stackalloc Fe[16];
        powers[0] = One;
        powers[1] = a;
        for (var i = 2; i < 16; i++)
        {
            Mul(powers[i - 1], a, out powers[i]);
        }

        // p − 2 = 2^256 − 619: limbs FFFF…FFFF, FFFF…FFFF, FFFF…FFFF, FFFF…FD95.
        ReadOnlySpan<ulong> exponent = [0xFFFFFFFFFFFFFD95, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue];
        var x = One;
        for (var limb = 3; limb >= 0; limb--)
        {
            for (var shift = 60; shift >= 0; shift -= 4)
            {
                Square(x, out x);
                Square(x, out x);
                Square(x, out x);
                Square(x, out x);
                var nibble = (int)((exponent[limb] >> shift) & 0xF);
                if (nibble != 0)
                {
                    Mul(x, powers[nibble], out x);
                }
            }
        }

        r = x;
    }

    /// <summary>The canonical representative, below p.</summary>
    public static Fe Normalized(in Fe a)
    {
        // a ≥ p exactly when a + 617 overflows 2^256; then a − p is that sum without its carry.
        ulong carry = 0;
        var r0 = AddCarry(a.L0, C, ref carry);
        var r1 = AddCarry(a.L1, 0, ref carry);
        var r2 = AddCarry(a.L2, 0, ref carry);
        var r3 = AddCarry(a.L3, 0, ref carry);
        return carry != 0 ? new Fe(r0, r1, r2, r3) : a;
    }

    public readonly bool IsZero
    {
        get
        {
            var n = Normalized(this);
            return (n.L0 | n.L1 | n.L2 | n.L3) == 0;
        }
    }

    public static bool Equal(in Fe a, in Fe b)
    {
        var x = Normalized(a);
        var y = Normalized(b);
        return x.L0 == y.L0 && x.L1 == y.L1 && x.L2 == y.L2 && x.L3 == y.L3;
    }

    private static void Reduce(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7, out Fe r)
    {
        // t = H·2^256 + L ≡ H·617 + L.
        ulong c = 0;
        var r0 = MulAdd(t4, C, t0, ref c);
        var r1 = MulAdd(t5, C, t1, ref c);
        var r2 = MulAdd(t6, C, t2, ref c);
        var r3 = MulAdd(t7, C, t3, ref c);
        Fold(r0, r1, r2, r3, c, out r);
    }

    // r0..r3 + top·2^256 with a small top: add top·617; a wrap past 2^256 leaves a small value, add 617 once more.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fold(ulong r0, ulong r1, ulong r2, ulong r3, ulong top, out Fe r)
    {
        ulong carry = 0;
        r0 = AddCarry(r0, top * C, ref carry);
        r1 = AddCarry(r1, 0, ref carry);
        r2 = AddCarry(r2, 0, ref carry);
        r3 = AddCarry(r3, 0, ref carry);
        if (carry != 0)
        {
            r0 += C;
        }

        r = new Fe(r0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulAdd(ulong a, ulong b, ulong addend, ref ulong carry)
    {
        // a·b + addend + carry < 2^128: no overflow. Math.BigMul's UInt128 form keeps both halves in registers.
        var t = Math.BigMul(a, b) + addend + carry;
        carry = (ulong)(t >> 64);
        return (ulong)t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AddCarry(ulong a, ulong b, ref ulong carry)
    {
        var sum = a + b;
        var c1 = sum < a ? 1UL : 0UL;
        var result = sum + carry;
        var c2 = result < sum ? 1UL : 0UL;
        carry = c1 | c2;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SubBorrow(ulong a, ulong b, ref ulong borrow)
    {
        var diff = a - b;
        var b1 = a < b ? 1UL : 0UL;
        var result = diff - borrow;
        var b2 = diff < borrow ? 1UL : 0UL;
        borrow = b1 | b2;
        return result;
    }
}
