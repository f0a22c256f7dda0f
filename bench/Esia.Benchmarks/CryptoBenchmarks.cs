using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.Protocol.Tokens;

namespace Esia.Benchmarks;

/// <summary>
/// Per-operation cost of the cryptography one login needs: verify the client's v2/ac and v3/te signatures, sign the
/// code and the access and id tokens. Keys are loaded once, as the server keeps them. GOST-256 sign and verify are
/// measured with both implementations (the client's key is CryptoPro-A).
/// </summary>
[MemoryDiagnoser]
public class CryptoBenchmarks
{
    private readonly byte[] _message = Encoding.UTF8.GetBytes(
        "MOCKSYSopenid fullname email2026.11.29 10:00:00 +0300b9a1e3a0-5f4e-4a51-9f0b-5b6d3c1a2e7fhttp://localhost:8080/signin-esia");

    private readonly byte[] _streebogInput = new byte[200];
    private EsiaCredential _client = null!;
    private EsiaCredential _esiaGost = null!;
    private EsiaCredential _esiaRsa = null!;
    private byte[] _rawSignature = null!;
    private byte[] _cms = null!;
    private EsiaCertificate[] _registered = null!;
    private JsonObject _claims = null!;
    private EsiaJwt _gostToken = null!;
    private EsiaJwt _rsaToken = null!;

    [GlobalSetup]
    public void Setup()
    {
        var pki = Path.Combine(FindRoot(), "fixtures", "pki");
        _client = EsiaCredential.Load(Path.Combine(pki, "clients/client-gost256.cer.pem"), Path.Combine(pki, "clients/client-gost256.key.pem"));
        _esiaGost = EsiaCredential.Load(Path.Combine(pki, "esia/esia-gost256.cer.pem"), Path.Combine(pki, "esia/esia-gost256.key.pem")).WithSigning(GostImplementation.Fast);
        _esiaRsa = EsiaCredential.Load(Path.Combine(pki, "esia/esia-rsa.cer.pem"), Path.Combine(pki, "esia/esia-rsa.key.pem"));
        _rawSignature = _client.Sign(_message);
        _cms = CmsSignature.Sign(_client, _message, detached: true, signedAttributes: true);
        _registered = [_client.Certificate];
        _claims = new JsonObject
        {
            ["nbf"] = 1796032800L,
            ["scope"] = "openid fullname?oid=1000000001 email?oid=1000000001",
            ["iss"] = "http://esia-portal1.test.gosuslugi.ru/",
            ["urn:esia:sid"] = Guid.NewGuid().ToString(),
            ["urn:esia:sbj_id"] = 1000000001L,
            ["exp"] = 1796036400L,
            ["iat"] = 1796032800L,
            ["client_id"] = "MOCKSYS",
        };
        EsiaJwt.TryParse(EsiaJwtWriter.Write(TokenTypes.Access, _claims, _esiaGost), out var gost, out _);
        EsiaJwt.TryParse(EsiaJwtWriter.Write(TokenTypes.Access, _claims, _esiaRsa), out var rsa, out _);
        _gostToken = gost!;
        _rsaToken = rsa!;
        new Random(1).NextBytes(_streebogInput);
    }

    [Benchmark(Description = "GOST-256 sign, generic (BouncyCastle)")]
    public byte[] GostSignGeneric() => RawSignature.Sign(_client.PrivateKey, KeyAlgorithm.Gost2012_256, _message, GostImplementation.Generic);

    [Benchmark(Description = "GOST-256 sign, fast")]
    public byte[] GostSignFast() => RawSignature.Sign(_client.PrivateKey, KeyAlgorithm.Gost2012_256, _message, GostImplementation.Fast);

    [Benchmark(Description = "GOST-256 verify, generic (BouncyCastle)")]
    public bool GostVerifyGeneric() => RawSignature.Verify(_client.Certificate.PublicKey, KeyAlgorithm.Gost2012_256, _message, _rawSignature, GostImplementation.Generic);

    [Benchmark(Description = "GOST-256 verify, fast")]
    public bool GostVerifyFast() => RawSignature.Verify(_client.Certificate.PublicKey, KeyAlgorithm.Gost2012_256, _message, _rawSignature, GostImplementation.Fast);

    [Benchmark(Description = "CMS detached verify (attrs)")]
    public bool CmsVerify() => CmsSignature.Verify(_cms, _message, _registered).Success;

    [Benchmark(Description = "Streebog-256, 200 B")]
    public byte[] Streebog256() => Streebog.Hash256(_streebogInput);

    [Benchmark(Description = "client_secret decode")]
    public int Decode() => ClientSecretCodec.Decode("e_QrlniKtC7Yfg1Y1cbPWPAizeU2DP042P0WrlpKaxOTSsWCF1RMgNYCMe71EtqlXpA3_9kWe4HVekwmt29BDg").Bytes.Length;

    [Benchmark(Description = "JWT sign GOST (fast, as MockEsia signs)")]
    public string JwtSignGost() => EsiaJwtWriter.Write(TokenTypes.Access, _claims, _esiaGost);

    [Benchmark(Description = "JWT verify GOST (fast)")]
    public bool JwtVerifyGost() => EsiaTokenValidator.VerifySignature(_gostToken, [_esiaGost.Certificate]).Success;

    [Benchmark(Description = "JWT sign RS256")]
    public string JwtSignRsa() => EsiaJwtWriter.Write(TokenTypes.Access, _claims, _esiaRsa);

    [Benchmark(Description = "JWT verify RS256")]
    public bool JwtVerifyRsa() => EsiaTokenValidator.VerifySignature(_rsaToken, [_esiaRsa.Certificate]).Success;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MockEsia.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
