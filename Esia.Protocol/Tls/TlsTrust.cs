using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Esia.Protocol.Tls;

/// <summary>
/// The HTTP handler for calls to an ESIA: TLS validated against given roots when there are any (a test CA such as
/// MockEsia's), the system's trust store otherwise. Used by <c>Esia.Client</c> (<c>TlsTrustedRoots</c>) and by MockEsia's
/// drift proxy (<c>--upstream-ca</c>).
/// </summary>
public static class TlsTrust
{
    /// <summary>A handler that accepts ESIA's certificate only if it names the host and chains to one of <paramref name="roots"/> (or, with none, to the system's trust store).</summary>
    public static SocketsHttpHandler Handler(IReadOnlyCollection<X509Certificate2> roots)
    {
        var handler = new SocketsHttpHandler();
        if (roots.Count > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, roots);
        }

        return handler;
    }

    /// <summary>Whether a server certificate is acceptable: right host, and a chain to one of the roots.</summary>
    public static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, IReadOnlyCollection<X509Certificate2> roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
