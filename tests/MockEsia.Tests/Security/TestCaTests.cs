using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MockEsia.Tls;

namespace MockEsia.Tests.Security;

/// <summary>docs/security.md, finding 5: the HTTPS test CA's key is its owner's alone, and the CA can vouch only for the hosts MockEsia serves, for 90 days.</summary>
public sealed class TestCaTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("ca").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_private_key_is_written_0600_and_tightened_when_found_wider()
    {
        TestCertificateAuthority.LoadOrCreate(_folder, ["localhost", "127.0.0.1"], Now);
        var key = Path.Combine(_folder, "ca.key.pem");
        File.GetUnixFileMode(key).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        TestCertificateAuthority.LoadOrCreate(_folder, ["localhost", "127.0.0.1"], Now.AddDays(1));
        File.GetUnixFileMode(key).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void The_CA_lives_90_days_and_is_made_again_near_its_end_or_when_the_hosts_change()
    {
        var first = TestCertificateAuthority.LoadOrCreate(_folder, ["localhost", "127.0.0.1"], Now).Certificate;
        (first.NotAfter - first.NotBefore).Should().BeLessThanOrEqualTo(TimeSpan.FromDays(91));
        first.Extensions["2.5.29.30"]!.Critical.Should().BeTrue("name constraints are critical (RFC 5280 §4.2.1.10)");

        TestCertificateAuthority.LoadOrCreate(_folder, ["localhost", "127.0.0.1"], Now.AddDays(30)).Certificate.Thumbprint.Should().Be(first.Thumbprint, "kept while valid");
        TestCertificateAuthority.LoadOrCreate(_folder, ["localhost", "127.0.0.1"], Now.AddDays(85)).Certificate.Thumbprint.Should().NotBe(first.Thumbprint, "made again near its end");
        var renewed = TestCertificateAuthority.LoadOrCreate(_folder, ["localhost", "127.0.0.1"], Now.AddDays(85)).Certificate;
        TestCertificateAuthority.LoadOrCreate(_folder, ["localhost", "127.0.0.1", "mockesia"], Now.AddDays(86)).Certificate.Thumbprint.Should().NotBe(renewed.Thumbprint, "made again for new hosts");
    }

    [Fact]
    public void A_certificate_the_CA_key_signs_for_another_host_does_not_chain()
    {
        var authority = TestCertificateAuthority.LoadOrCreate(_folder, ["localhost", "127.0.0.1"], Now);
        using var ca = X509Certificate2.CreateFromPemFile(Path.Combine(_folder, "ca.cer.pem"), Path.Combine(_folder, "ca.key.pem"));

        Chain(authority.Current, ca).Should().BeTrue("MockEsia's own server certificate chains");
        Chain(Leaf(ca, "bank.example"), ca).Should().BeFalse("a leaked CA key cannot vouch for another site");
    }

    private static bool Chain(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(ca.RawData));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.AddHours(1).UtcDateTime;
        return chain.Build(leaf);
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        return request.Create(ca, Now.AddDays(-1), Now.AddDays(30), [1, 2, 3, 4]);
    }
}
