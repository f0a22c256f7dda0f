using Esia.Protocol.Crypto;

namespace Esia.TestSupport;

/// <summary>The OpenSSL-made test PKI in fixtures/pki, loaded once.</summary>
public static class TestPki
{
    private static readonly Dictionary<string, Lazy<EsiaCredential>> Credentials = new[]
    {
        "clients/client-gost256", "clients/client-gost256-tc26", "clients/client-gost512", "clients/client-rsa",
        "clients/client-expired", "clients/client-notyet", "clients/client-other",
        "esia/esia-gost256", "esia/esia-gost256-next", "esia/esia-rsa", "esia/esia-rsa-next",
    }.ToDictionary(n => n, n => new Lazy<EsiaCredential>(() => EsiaCredential.Load(Paths.Fixture("pki", n + ".cer.pem"), Paths.Fixture("pki", n + ".key.pem"))));

    public static EsiaCredential Get(string name) => Credentials[name].Value;

    public static EsiaCredential ClientGost256 => Get("clients/client-gost256");

    public static EsiaCredential ClientTc26 => Get("clients/client-gost256-tc26");

    public static EsiaCredential ClientGost512 => Get("clients/client-gost512");

    public static EsiaCredential ClientRsa => Get("clients/client-rsa");

    public static EsiaCredential ClientOther => Get("clients/client-other");

    public static EsiaCredential EsiaGost => Get("esia/esia-gost256");

    public static EsiaCredential EsiaRsa => Get("esia/esia-rsa");

    public static string KeyPath(string name) => Paths.Fixture("pki", name + ".key.pem");

    public static string CertPath(string name) => Paths.Fixture("pki", name + ".cer.pem");
}
