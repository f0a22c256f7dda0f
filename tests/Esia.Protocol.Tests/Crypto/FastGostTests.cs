using RandomNumberGenerator = System.Security.Cryptography.RandomNumberGenerator;
using Esia.Protocol.Crypto;
using Esia.Protocol.Crypto.Fast;
using Esia.TestSupport;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Esia.Protocol.Tests.Crypto;

/// <summary>
/// The fast GOST R 34.10-2012-256 code against BouncyCastle's generic code: random keys and messages both ways, the
/// field and scalar arithmetic against big integers at the values that need the final subtraction, edge scalars, and
/// results at infinity refused. The case count is <c>FAST_GOST_CASES</c> (the issue note has the 100,000-case run).
/// </summary>
public class FastGostTests
{
    private static readonly BigInteger P = BigInteger.One.ShiftLeft(256).Subtract(BigInteger.ValueOf(617));

    public static TheoryData<string> Sets() => new(GostParameterSets.CryptoProA, GostParameterSets.CryptoProXchA, GostParameterSets.Tc26_256A);

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("FAST_GOST_CASES"), out var n) ? n : 150;

    [Theory]
    [MemberData(nameof(Sets))]
    public void Fast_and_generic_accept_each_others_signatures_and_refuse_altered_ones(string set)
    {
        var failures = new List<string>();
        Parallel.For(0, Cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var pair = GostKeys.Generate(set);
            var message = RandomNumberGenerator.GetBytes(1 + (i % 300));
            var fast = RawSignature.Sign(pair.Private, KeyAlgorithm.Gost2012_256, message, GostImplementation.Fast);
            var generic = RawSignature.Sign(pair.Private, KeyAlgorithm.Gost2012_256, message, GostImplementation.Generic);
            var altered = (byte[])fast.Clone();
            altered[i % 64] ^= (byte)(1 << (i % 8));
            var otherMessage = (byte[])message.Clone();
            otherMessage[i % message.Length] ^= 1;
            bool[] results =
            [
                RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, message, fast, GostImplementation.Generic),
                RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, message, generic, GostImplementation.Fast),
                RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, message, fast, GostImplementation.Fast),
                !RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, message, altered, GostImplementation.Fast),
                !RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, message, altered, GostImplementation.Generic),
                !RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, otherMessage, generic, GostImplementation.Fast),
            ];
            if (results.Any(ok => !ok))
            {
                lock (failures)
                {
                    failures.Add($"case {i}: {string.Join(',', results)}");
                }
            }
        });

        failures.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_fast_code_covers_the_three_sets_and_nothing_else(string set)
    {
        GostBackend.CoversFast(GostKeys.Generate(set).Public).Should().BeTrue();
        GostBackend.CoversFast(GostKeys.Generate(GostParameterSets.Tc26_512A).Public).Should().BeFalse();
        GostBackend.CoversFast(GostKeys.Generate("GostR3410-2001-CryptoPro-B").Public).Should().BeFalse();
        GostBackend.CoversFast(TestPki.ClientRsa.Certificate.PublicKey).Should().BeFalse();
    }

    [Fact]
    public void Sets_the_fast_code_does_not_cover_still_sign_and_verify_through_the_generic_path()
    {
        foreach (var set in new[] { "GostR3410-2001-CryptoPro-B", "GostR3410-2001-CryptoPro-C", "Tc26-Gost-3410-12-256-paramSetB" })
        {
            var pair = GostKeys.Generate(set);
            var signature = RawSignature.Sign(pair.Private, KeyAlgorithm.Gost2012_256, "m"u8, GostImplementation.Fast);
            RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, "m"u8, signature, GostImplementation.Fast).Should().BeTrue(set);
            RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, "n"u8, signature, GostImplementation.Fast).Should().BeFalse(set);
        }
    }

    [Fact]
    public void Field_arithmetic_matches_big_integers_at_the_edges_and_at_random()
    {
        var values = new List<BigInteger>
        {
            BigInteger.Zero, BigInteger.One, BigInteger.ValueOf(616), BigInteger.ValueOf(617), BigInteger.ValueOf(618),
            P.Subtract(BigInteger.One), P, P.Add(BigInteger.One), BigInteger.One.ShiftLeft(256).Subtract(BigInteger.One),
            BigInteger.One.ShiftLeft(255), BigInteger.One.ShiftLeft(64).Subtract(BigInteger.One), BigInteger.One.ShiftLeft(192),
        };
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[32];
            random.NextBytes(bytes);
            values.Add(new BigInteger(1, bytes));
        }

        foreach (var a in values)
        {
            var fa = Fe.FromLimbs(U256.From(a));
            Fe.Invert(fa, out var inverse);
            Check(inverse, a.Mod(P).SignValue == 0 ? BigInteger.Zero : a.ModInverse(P), $"1/{a}");
            Fe.Square(fa, out var square);
            Check(square, a.Multiply(a).Mod(P), $"{a}^2");
            Fe.MulSmall(fa, 8, out var eight);
            Check(eight, a.ShiftLeft(3).Mod(P), $"8*{a}");
            foreach (var b in values.Take(20))
            {
                var fb = Fe.FromLimbs(U256.From(b));
                Fe.Mul(fa, fb, out var product);
                Check(product, a.Multiply(b).Mod(P), $"{a}*{b}");
                Fe.Add(fa, fb, out var sum);
                Check(sum, a.Add(b).Mod(P), $"{a}+{b}");
                Fe.Sub(fa, fb, out var difference);
                Check(difference, a.Subtract(b).Mod(P), $"{a}-{b}");
            }
        }

        static void Check(in Fe actual, BigInteger expected, string what) =>
            actual.ToLimbs().ToBigInteger().Should().Be(expected, what);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Scalar_arithmetic_matches_big_integers(string set)
    {
        var (curve, domain) = Curve(set);
        var q = domain.N;
        var random = new Random(11);
        var values = new List<BigInteger> { BigInteger.One, BigInteger.Two, q.Subtract(BigInteger.One), q.Subtract(BigInteger.Two), q.ShiftRight(1) };
        for (var i = 0; i < 50; i++)
        {
            values.Add(new BigInteger(q.BitLength + 8, random).Mod(q.Subtract(BigInteger.One)).Add(BigInteger.One));
        }

        foreach (var a in values)
        {
            curve.Scalars.Invert(U256.From(a)).ToBigInteger().Should().Be(a.ModInverse(q));
            curve.Scalars.Negate(U256.From(a)).ToBigInteger().Should().Be(q.Subtract(a));
            foreach (var b in values.Take(10))
            {
                curve.Scalars.Mul(U256.From(a), U256.From(b)).ToBigInteger().Should().Be(a.Multiply(b).Mod(q));
                curve.Scalars.Add(U256.From(a), U256.From(b)).ToBigInteger().Should().Be(a.Add(b).Mod(q));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Base_point_multiples_match_BouncyCastle_for_edge_and_random_scalars(string set)
    {
        var (curve, domain) = Curve(set);
        var q = domain.N;
        var random = new Random(3);
        var scalars = new List<BigInteger>
        {
            BigInteger.One, BigInteger.Two, BigInteger.Three, q.Subtract(BigInteger.One), q.Subtract(BigInteger.Two),
            BigInteger.One.ShiftLeft(q.BitLength - 1), BigInteger.One.ShiftLeft(32), BigInteger.One.ShiftLeft(224).Subtract(BigInteger.One),
        };
        for (var i = 0; i < 30; i++)
        {
            scalars.Add(new BigInteger(q.BitLength, random).Mod(q));
        }

        foreach (var k in scalars.Where(k => k.SignValue > 0))
        {
            var expected = domain.G.Multiply(k).Normalize();
            var actual = curve.ToAffine(curve.MultiplyBase(U256.From(k)));
            actual.X.ToLimbs().ToBigInteger().Should().Be(expected.AffineXCoord.ToBigInteger(), $"x of {k}G");
            actual.Y.ToLimbs().ToBigInteger().Should().Be(expected.AffineYCoord.ToBigInteger(), $"y of {k}G");
        }

        curve.MultiplyBase(U256.Zero).IsInfinity.Should().BeTrue("0·G");
        curve.MultiplyBase(U256.From(q)).IsInfinity.Should().BeTrue("q·G");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Double_multiples_match_BouncyCastle_and_meet_infinity(string set)
    {
        var (curve, domain) = Curve(set);
        var q = domain.N;
        var random = new Random(5);
        var d = new BigInteger(q.BitLength, random).Mod(q);
        var point = domain.G.Multiply(d).Normalize();
        var odd = curve.OddMultiples(Affine(point), GostCurve256.KeyWindow)!;
        foreach (var (a, b) in new[] { (BigInteger.One, BigInteger.One), (q.Subtract(BigInteger.One), BigInteger.One), (BigInteger.Zero, BigInteger.Three) }
            .Concat(Enumerable.Range(0, 20).Select(_ => (new BigInteger(q.BitLength, random).Mod(q), new BigInteger(q.BitLength, random).Mod(q)))))
        {
            var expected = ECAlgorithms.SumOfTwoMultiplies(domain.G, a, point, b).Normalize();
            var actual = curve.MultiplyTwo(U256.From(a), odd, U256.From(b));
            if (expected.IsInfinity)
            {
                actual.IsInfinity.Should().BeTrue();
                continue;
            }

            curve.ToAffine(actual).X.ToLimbs().ToBigInteger().Should().Be(expected.AffineXCoord.ToBigInteger());
        }

        // a·G + b·Q at infinity: Q = d·G and a = −b·d.
        var b2 = BigInteger.Three;
        var a2 = q.Subtract(b2.Multiply(d).Mod(q));
        curve.MultiplyTwo(U256.From(a2), odd, U256.From(b2)).IsInfinity.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Signatures_whose_point_is_at_infinity_or_out_of_range_are_refused(string set)
    {
        var (curve, domain) = Curve(set);
        var q = U256.From(domain.N);
        // Key d = 1 (Q = G) and s = r make z1·G + z2·Q = (s − r)·v·G the point at infinity.
        var odd = curve.OddMultiples(curve.Generator, GostCurve256.KeyWindow)!;
        var r = new U256(12345, 0, 0, 0);
        curve.Verify(odd, U256.One, r, r).Should().BeFalse();
        curve.Verify(odd, U256.One, U256.Zero, r).Should().BeFalse();
        curve.Verify(odd, U256.One, r, U256.Zero).Should().BeFalse();
        curve.Verify(odd, U256.One, q, r).Should().BeFalse();
        curve.Verify(odd, U256.One, r, q).Should().BeFalse();
        curve.Verify(odd, U256.One, new U256(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue), r).Should().BeFalse();

        var pair = GostKeys.Generate(set);
        RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, "m"u8, new byte[64], GostImplementation.Fast).Should().BeFalse();
        RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, "m"u8, new byte[63], GostImplementation.Fast).Should().BeFalse();
        RawSignature.Verify(pair.Public, KeyAlgorithm.Gost2012_256, "m"u8, Enumerable.Repeat((byte)0xFF, 64).ToArray(), GostImplementation.Fast).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void A_hash_that_is_zero_mod_q_is_read_as_one_and_others_mod_q(string set)
    {
        // GOST R 34.10-2012 §6.1 step 2 (and OpenSSL's engine): e = α mod q, and e = 1 when that is zero.
        var (curve, domain) = Curve(set);
        FastGost.NumberOfHash(curve, LittleEndian(domain.N)).Should().Be(U256.One);
        FastGost.NumberOfHash(curve, LittleEndian(domain.N.Add(BigInteger.ValueOf(5)))).ToBigInteger().Should().Be(BigInteger.ValueOf(5));
        FastGost.NumberOfHash(curve, LittleEndian(BigInteger.Zero)).Should().Be(U256.One);

        // A signature made for e = 1 is the one BouncyCastle accepts for the hash that reads as 1.
        var pair = GostKeys.Generate(set);
        var (r, s) = curve.Sign(U256.From(((ECPrivateKeyParameters)pair.Private).D), U256.One);
        var verifier = new ECGost3410Signer();
        verifier.Init(false, pair.Public);
        verifier.VerifySignature(LittleEndian(BigInteger.One), r.ToBigInteger(), s.ToBigInteger()).Should().BeTrue();

        static byte[] LittleEndian(BigInteger value)
        {
            var bytes = new byte[32];
            var big = value.Mod(BigInteger.One.ShiftLeft(256)).ToByteArrayUnsigned();
            big.Reverse().ToArray().CopyTo(bytes, 0);
            return bytes;
        }
    }

    private static (GostCurve256 Curve, ECDomainParameters Domain) Curve(string set)
    {
        var domain = ((ECPublicKeyParameters)GostKeys.Generate(set).Public).Parameters;
        return (FastGost.CurveFor(domain)!, domain);
    }

    private static AffinePoint Affine(ECPoint point) =>
        new(Fe.FromLimbs(U256.From(point.AffineXCoord.ToBigInteger())), Fe.FromLimbs(U256.From(point.AffineYCoord.ToBigInteger())));
}
