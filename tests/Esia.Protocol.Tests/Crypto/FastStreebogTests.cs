using Esia.Protocol.Crypto;
using Esia.Protocol.Crypto.Fast;
using Esia.TestSupport;

namespace Esia.Protocol.Tests.Crypto;

/// <summary>The fast Streebog-256 against BouncyCastle's and OpenSSL's, length by length (block edges, padding, the counters' carries).</summary>
public class FastStreebogTests
{
    [Fact]
    public void Every_length_up_to_three_blocks_and_beyond_hashes_as_BouncyCastle_does()
    {
        var random = new Random(2026);
        foreach (var length in Enumerable.Range(0, 200).Concat([255, 256, 511, 512, 513, 4095, 4096, 65_537, 1_000_003]))
        {
            var data = new byte[length];
            random.NextBytes(data);
            Convert.ToHexString(FastStreebog.Hash256(data)).Should().Be(Convert.ToHexString(Streebog.Hash256(data)), $"length {length}");
        }
    }

    [Fact]
    public void Data_given_in_pieces_hashes_as_data_given_at_once()
    {
        var data = new byte[10_000];
        new Random(7).NextBytes(data);
        var digest = new FastStreebog();
        var at = 0;
        foreach (var piece in new[] { 1, 63, 64, 65, 127, 3000, 6680 })
        {
            digest.Update(data.AsSpan(at, piece));
            at += piece;
        }

        at.Should().Be(data.Length);
        Convert.ToHexString(digest.Final()).Should().Be(Convert.ToHexString(Streebog.Hash256(data)));
        Convert.ToHexString(FastStreebog.Hash256(new MemoryStream(data))).Should().Be(Convert.ToHexString(Streebog.Hash256(data)));
    }

    [Fact]
    public void The_standards_first_example_gives_its_published_hash()
    {
        // GOST R 34.11-2012, Appendix A, example 1: M1 is the 63 ASCII digits "012345678901…012" in byte order; its hash as
        // OpenSSL writes it (esia-protocol.md §16: the standard prints it byte-reversed, as a big-endian number).
        var m1 = System.Text.Encoding.ASCII.GetBytes("012345678901234567890123456789012345678901234567890123456789012");
        Convert.ToHexString(FastStreebog.Hash256(m1)).Should().Be("9D151EEFD8590B89DAA6BA6CB74AF9275DD051026BB149A452FD84E5E57B5500");
    }

    [OpenSslFact]
    public void OpenSSLs_engine_agrees_on_random_files()
    {
        foreach (var length in new[] { 0, 1, 64, 1000, 70_001 })
        {
            var data = new byte[length];
            new Random(length).NextBytes(data);
            using var file = OpenSsl.Temp(data);
            var output = System.Text.Encoding.ASCII.GetString(OpenSsl.Ok("dgst", "-engine", "gost", "-md_gost12_256", "-r", file.Path));
            output.Split(' ')[0].Should().BeEquivalentTo(Convert.ToHexString(FastStreebog.Hash256(data)), $"length {length}");
        }
    }
}
