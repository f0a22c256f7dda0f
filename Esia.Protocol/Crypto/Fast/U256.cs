using System.Buffers.Binary;

namespace Esia.Protocol.Crypto.Fast;

/// <summary>A 256-bit unsigned integer in four 64-bit limbs (least significant first): scalars and raw coordinates.</summary>
internal readonly struct U256
{
    public readonly ulong L0;
    public readonly ulong L1;
    public readonly ulong L2;
    public readonly ulong L3;

    public U256(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    public static U256 Zero => default;

    public static U256 One => new(1, 0, 0, 0);

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    public ulong this[int limb] => limb switch { 0 => L0, 1 => L1, 2 => L2, _ => L3 };

    public int Bit(int index) => index >= 256 ? 0 : (int)((this[index >> 6] >> (index & 63)) & 1);

    public int BitLength => L3 != 0 ? 256 - System.Numerics.BitOperations.LeadingZeroCount(L3)
        : L2 != 0 ? 192 - System.Numerics.BitOperations.LeadingZeroCount(L2)
        : L1 != 0 ? 128 - System.Numerics.BitOperations.LeadingZeroCount(L1)
        : 64 - System.Numerics.BitOperations.LeadingZeroCount(L0);

    /// <summary>Reads 32 big-endian bytes.</summary>
    public static U256 FromBigEndian(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes));

    /// <summary>Reads 32 little-endian bytes (GOST's reading of a hash as a number).</summary>
    public static U256 FromLittleEndian(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));

    /// <summary>Reads a BouncyCastle integer below 2^256.</summary>
    public static U256 From(Org.BouncyCastle.Math.BigInteger value)
    {
        Span<byte> bytes = stackalloc byte[32];
        var raw = value.ToByteArrayUnsigned();
        if (value.SignValue < 0 || raw.Length > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Not a 256-bit unsigned value.");
        }

        raw.CopyTo(bytes[(32 - raw.Length)..]);
        return FromBigEndian(bytes);
    }

    public Org.BouncyCastle.Math.BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteBigEndian(bytes);
        return new Org.BouncyCastle.Math.BigInteger(1, bytes.ToArray());
    }

    /// <summary>Writes 32 big-endian bytes.</summary>
    public void WriteBigEndian(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, L3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], L2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], L1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], L0);
    }

    public static int Compare(in U256 a, in U256 b) =>
        a.L3 != b.L3 ? a.L3.CompareTo(b.L3) : a.L2 != b.L2 ? a.L2.CompareTo(b.L2) : a.L1 != b.L1 ? a.L1.CompareTo(b.L1) : a.L0.CompareTo(b.L0);

    /// <summary>a + b, with the carry out of 2^256.</summary>
    public static U256 Add(in U256 a, in U256 b, out ulong carry)
    {
        carry = 0;
        var r0 = Fe.AddCarry(a.L0, b.L0, ref carry);
        var r1 = Fe.AddCarry(a.L1, b.L1, ref carry);
        var r2 = Fe.AddCarry(a.L2, b.L2, ref carry);
        var r3 = Fe.AddCarry(a.L3, b.L3, ref carry);
        return new U256(r0, r1, r2, r3);
    }

    /// <summary>a − b modulo 2^256, with the borrow.</summary>
    public static U256 Sub(in U256 a, in U256 b, out ulong borrow)
    {
        borrow = 0;
        var r0 = Fe.SubBorrow(a.L0, b.L0, ref borrow);
        var r1 = Fe.SubBorrow(a.L1, b.L1, ref borrow);
        var r2 = Fe.SubBorrow(a.L2, b.L2, ref borrow);
        var r3 = Fe.SubBorrow(a.L3, b.L3, ref borrow);
        return new U256(r0, r1, r2, r3);
    }

    /// <summary>This value reduced below <paramref name="modulus"/> by repeated subtraction (for values a few multiples above it).</summary>
    public U256 ReducedBelow(in U256 modulus)
    {
        var value = this;
        while (Compare(value, modulus) >= 0)
        {
            value = Sub(value, modulus, out _);
        }

        return value;
    }
}
