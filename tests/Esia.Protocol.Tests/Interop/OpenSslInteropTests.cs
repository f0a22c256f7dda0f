using System.Text;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Esia.TestSupport;

namespace Esia.Protocol.Tests.Interop;

/// <summary>Our signatures checked by OpenSSL's GOST engine, and OpenSSL's by us, made fresh on every run.</summary>
public class OpenSslInteropTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("MOCKSYSopenid fullname2026.11.29 10:00:00 +0300" + Guid.NewGuid() + "http://localhost:8080/signin-esia");

    public static TheoryData<string> Clients() => new("clients/client-gost256", "clients/client-gost256-tc26", "clients/client-gost512", "esia/esia-gost256");

    private static string Digest(EsiaCertificate cert) => cert.KeyAlgorithm == KeyAlgorithm.Gost2012_512 ? "-md_gost12_512" : "-md_gost12_256";

    [OpenSslTheory]
    [MemberData(nameof(Clients))]
    public void OpenSsl_verifies_our_raw_signatures_and_rejects_them_reversed(string name)
    {
        var credential = TestPki.Get(name);
        var signature = credential.Sign(Message);
        using var data = OpenSsl.Temp(Message);
        using var sig = OpenSsl.Temp(signature);
        using var reversed = OpenSsl.Temp(signature.Reverse().ToArray());
        using var pub = OpenSsl.Temp(OpenSsl.Ok("x509", "-engine", "gost", "-in", TestPki.CertPath(name), "-pubkey", "-noout"));
        OpenSsl.Ok("dgst", "-engine", "gost", Digest(credential.Certificate), "-verify", pub.Path, "-signature", sig.Path, data.Path);
        OpenSsl.Run(["dgst", "-engine", "gost", Digest(credential.Certificate), "-verify", pub.Path, "-signature", reversed.Path, data.Path]).ExitCode.Should().NotBe(0);
    }

    [OpenSslTheory]
    [MemberData(nameof(Clients))]
    public void We_verify_fresh_OpenSsl_raw_signatures(string name)
    {
        var credential = TestPki.Get(name);
        using var data = OpenSsl.Temp(Message);
        var signature = OpenSsl.Ok("dgst", "-engine", "gost", Digest(credential.Certificate), "-sign", TestPki.KeyPath(name), data.Path);
        credential.Certificate.VerifyRaw(Message, signature).Should().BeTrue();
        credential.Certificate.VerifyRaw(Message, signature.Reverse().ToArray()).Should().BeFalse();
    }

    public static TheoryData<string> FastSets() => new("clients/client-gost256", "clients/client-gost256-tc26", "esia/esia-gost256");

    [OpenSslTheory]
    [MemberData(nameof(FastSets))]
    public void OpenSsl_verifies_the_fast_signers_signatures_on_every_set_it_covers(string name)
    {
        // CryptoPro-A, TC26-256-A and CryptoPro-XchA: the three sets over p = 2^256 - 617.
        var credential = TestPki.Get(name).WithSigning(GostImplementation.Fast);
        GostBackend.CoversFast(credential.PrivateKey).Should().BeTrue();
        using var pub = OpenSsl.Temp(OpenSsl.Ok("x509", "-engine", "gost", "-in", TestPki.CertPath(name), "-pubkey", "-noout"));
        for (var i = 0; i < 5; i++)
        {
            var message = Encoding.UTF8.GetBytes($"{i}:{Guid.NewGuid()}");
            using var data = OpenSsl.Temp(message);
            using var sig = OpenSsl.Temp(credential.Sign(message));
            OpenSsl.Ok("dgst", "-engine", "gost", "-md_gost12_256", "-verify", pub.Path, "-signature", sig.Path, data.Path);
        }
    }

    [OpenSslTheory]
    [MemberData(nameof(FastSets))]
    public void The_fast_and_the_generic_code_verify_fresh_OpenSsl_signatures_alike(string name)
    {
        var credential = TestPki.Get(name);
        for (var i = 0; i < 5; i++)
        {
            var message = Encoding.UTF8.GetBytes($"{i}:{Guid.NewGuid()}");
            using var data = OpenSsl.Temp(message);
            var signature = OpenSsl.Ok("dgst", "-engine", "gost", "-md_gost12_256", "-sign", TestPki.KeyPath(name), data.Path);
            foreach (var implementation in new[] { GostImplementation.Fast, GostImplementation.Generic })
            {
                RawSignature.Verify(credential.Certificate.PublicKey, KeyAlgorithm.Gost2012_256, message, signature, implementation).Should().BeTrue();
                RawSignature.Verify(credential.Certificate.PublicKey, KeyAlgorithm.Gost2012_256, message, signature.Reverse().ToArray(), implementation).Should().BeFalse();
                RawSignature.Verify(credential.Certificate.PublicKey, KeyAlgorithm.Gost2012_256, [.. message, 0], signature, implementation).Should().BeFalse();
            }
        }
    }

    [OpenSslTheory]
    [InlineData("clients/client-gost256", true, true)]
    [InlineData("clients/client-gost256", false, true)]
    [InlineData("clients/client-gost256", true, false)]
    [InlineData("clients/client-gost256-tc26", true, true)]
    [InlineData("clients/client-gost256-tc26", false, false)]
    [InlineData("clients/client-gost512", true, true)]
    [InlineData("clients/client-gost512", false, true)]
    [InlineData("clients/client-rsa", true, false)]
    public void OpenSsl_verifies_our_CMS(string name, bool detached, bool attributes)
    {
        var credential = TestPki.Get(name);
        using var cms = OpenSsl.Temp(CmsSignature.Sign(credential, Message, detached, attributes));
        using var data = OpenSsl.Temp(Message);
        string[] args = ["cms", "-verify", "-engine", "gost", "-binary", "-inform", "DER", "-in", cms.Path, "-CAfile", TestPki.CertPath(name), "-purpose", "any", "-out", "/dev/null"];
        OpenSsl.Ok(detached ? [.. args, "-content", data.Path] : args);
        using var other = OpenSsl.Temp("other content"u8.ToArray());
        if (detached)
        {
            OpenSsl.Run([.. args, "-content", other.Path]).ExitCode.Should().NotBe(0);
        }
    }

    [OpenSslTheory]
    [InlineData("cms", false, false)]
    [InlineData("cms", true, false)]
    [InlineData("cms", false, true)]
    [InlineData("smime", false, false)]
    [InlineData("smime", true, false)]
    public void We_verify_fresh_OpenSsl_CMS(string command, bool noattr, bool nodetach)
    {
        foreach (var name in new[] { "clients/client-gost256", "clients/client-gost256-tc26", "clients/client-gost512" })
        {
            var credential = TestPki.Get(name);
            using var data = OpenSsl.Temp(Message);
            var md = credential.Certificate.KeyAlgorithm == KeyAlgorithm.Gost2012_512 ? "md_gost12_512" : "md_gost12_256";
            List<string> args = [command, "-sign", "-engine", "gost", "-binary", "-in", data.Path, "-signer", TestPki.CertPath(name), "-inkey", TestPki.KeyPath(name), "-md", md, "-outform", "DER"];
            if (noattr)
            {
                args.Add("-noattr");
            }

            if (nodetach)
            {
                args.Add("-nodetach");
            }

            var cms = OpenSsl.Ok([.. args]);
            var result = CmsSignature.Verify(cms, Message, [credential.Certificate]);
            result.Success.Should().BeTrue($"{name}: {result.Detail}");
            result.HasSignedAttributes.Should().Be(!noattr);
            CmsSignature.Verify(cms, "tampered"u8.ToArray(), [credential.Certificate]).Success.Should().BeFalse();
        }
    }

    [OpenSslFact]
    public void OpenSsl_computes_the_same_client_certificate_hash()
    {
        foreach (var name in new[] { "clients/client-gost256", "clients/client-gost256-tc26", "clients/client-gost512", "clients/client-rsa" })
        {
            var output = Encoding.ASCII.GetString(OpenSsl.Ok("dgst", "-engine", "gost", "-md_gost12_256", "-r", Paths.Fixture("pki", name + ".cer")));
            output.Split(' ')[0].ToUpperInvariant().Should().Be(ClientCertificateHash.Compute(TestPki.Get(name).Certificate));
        }
    }

    [OpenSslFact]
    public void The_OpenSsl_command_line_signer_makes_signatures_we_verify()
    {
        var signer = new OpenSslCliSigner(TestPki.ClientGost256.Certificate, TestPki.KeyPath("clients/client-gost256"));
        var signature = signer.Sign(Message);
        signature.Should().HaveCount(64);
        TestPki.ClientGost256.Certificate.VerifyRaw(Message, signature).Should().BeTrue();
        var broken = new OpenSslCliSigner(TestPki.ClientGost256.Certificate, "/nonexistent/key.pem");
        var action = () => broken.Sign(Message);
        action.Should().Throw<InvalidOperationException>().WithMessage("*openssl dgst failed*");
    }
}
