using System.Text;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;
using Esia.TestSupport;

namespace Esia.Protocol.Tests;

/// <summary>
/// The fuzzers' seeds and findings (fixtures/fuzz/, found-* crashed before their fix) through the public API, in the
/// ordinary suite: no exception except the documented InvalidDataException for what is not a certificate or key.
/// </summary>
public class FuzzCorpusTests
{
    private static IEnumerable<byte[]> Corpus(string target) => Directory.GetFiles(Paths.Fixture("fuzz", target)).Select(File.ReadAllBytes);

    [Fact]
    public void CMS_inputs_are_verified_or_refused_with_a_reason()
    {
        foreach (var input in Corpus("cms").Concat(Corpus("secret")))
        {
            var verification = CmsSignature.Verify(input, "message"u8.ToArray(), [TestPki.ClientGost256.Certificate]);
            verification.Detail.Should().NotBeNullOrEmpty();
            CmsSignature.EmbeddedSigner(input);
        }
    }

    [Fact]
    public void JWT_inputs_parse_or_are_refused_and_never_throw_later()
    {
        foreach (var input in Corpus("jwt"))
        {
            var text = Encoding.UTF8.GetString(input).Trim();
            if (EsiaJwt.TryParse(text, out var jwt, out _))
            {
                _ = jwt!.Algorithm;
                _ = jwt.TokenType;
                _ = jwt.GetString("iss");
                _ = jwt.GetNumber("exp");
                EsiaTokenValidator.VerifySignature(jwt, [TestPki.EsiaGost.Certificate]);
            }
        }
    }

    [Fact]
    public void Certificate_and_key_inputs_are_read_or_refused_with_InvalidDataException()
    {
        foreach (var input in Corpus("certificate").Concat(Corpus("cms")))
        {
            Record(() => KeyMaterial.ReadCertificates(input)).Should().Match<Exception?>(e => e == null || e is InvalidDataException);
            Record(() => KeyMaterial.ReadPrivateKey(input)).Should().Match<Exception?>(e => e == null || e is InvalidDataException);
        }
    }

    [Fact]
    public void Client_secret_inputs_decode_or_are_refused_with_a_reason()
    {
        foreach (var input in Corpus("secret").Concat(Corpus("jwt")))
        {
            var decoded = ClientSecretCodec.Decode(Encoding.UTF8.GetString(input));
            decoded.Detail.Should().NotBeNullOrEmpty();
        }
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
