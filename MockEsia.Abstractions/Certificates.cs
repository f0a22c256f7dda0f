namespace MockEsia.Abstractions;

/// <summary>
/// One certificate MockEsia knows and how long it has left (<c>GET /__admin/certificates</c>): a registered system's,
/// one of ESIA's signing keys, or the HTTPS test CA.
/// </summary>
/// <param name="Kind"><see cref="CertificateKinds.Client"/>, <see cref="CertificateKinds.EsiaSigning"/> or <see cref="CertificateKinds.TlsCa"/>.</param>
/// <param name="Owner">The client id, the signing key's name (<c>gost</c>, <c>gost-next</c>, <c>rsa</c>, <c>rsa-next</c>) or <c>ca</c>.</param>
/// <param name="Subject">The certificate's subject.</param>
/// <param name="NotBefore">Valid from.</param>
/// <param name="NotAfter">Valid until.</param>
/// <param name="DaysLeft">Whole days from MockEsia's clock to <paramref name="NotAfter"/>; negative once expired.</param>
/// <param name="Warning">Expired, not yet valid, or expiring within 30 days: what to do; null otherwise.</param>
public sealed record CertificateStatus(string Kind, string Owner, string Subject, DateTimeOffset NotBefore, DateTimeOffset NotAfter, int DaysLeft, string? Warning);

/// <summary>The kinds of <see cref="CertificateStatus"/>.</summary>
public static class CertificateKinds
{
    /// <summary>A registered system's certificate.</summary>
    public const string Client = "client";

    /// <summary>One of ESIA's token-signing certificates (MockEsia's).</summary>
    public const string EsiaSigning = "esia-signing";

    /// <summary>The local test CA behind MockEsia's HTTPS.</summary>
    public const string TlsCa = "tls-ca";
}

/// <summary>ESIA's signing keys in MockEsia (<c>GET /__admin/keys</c>): the active GOST and RSA certificates and what esia.zip publishes.</summary>
/// <param name="Active">The GOST certificate tokens are signed with now.</param>
/// <param name="ActiveRsa">The RSA certificate tokens of RS256 clients are signed with now.</param>
/// <param name="Published">What <c>/public/esia.zip</c> holds.</param>
public sealed record SigningKeysState(CertificateSummary Active, CertificateSummary ActiveRsa, IReadOnlyList<PublishedCertificate> Published);

/// <summary>A certificate in <c>/public/esia.zip</c> and its file name there.</summary>
/// <param name="FileName">The file name in the archive.</param>
/// <param name="Certificate">The certificate.</param>
public sealed record PublishedCertificate(string FileName, CertificateSummary Certificate);
