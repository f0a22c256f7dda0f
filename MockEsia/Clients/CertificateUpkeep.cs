using Esia.Protocol.Crypto;

namespace MockEsia.Clients;

/// <summary>
/// Certificate upkeep is part of running an ESIA integration: a registered certificate that has expired, is not yet
/// valid, or expires within 30 days is said so the same way by <c>clients add</c>, the start page and the start-up log.
/// </summary>
internal static class CertificateUpkeep
{
    /// <summary>How far ahead an expiry is announced.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    /// <summary>The warning for a certificate at <paramref name="now"/>, or null when it is good for longer than the horizon.</summary>
    public static string? Warning(EsiaCertificate certificate, DateTimeOffset now) => Warning(certificate, now, Horizon);

    /// <summary>The warning for a certificate at <paramref name="now"/>, or null when it is good for longer than <paramref name="horizon"/>.</summary>
    public static string? Warning(EsiaCertificate certificate, DateTimeOffset now, TimeSpan horizon) =>
        now > certificate.NotAfter ? $"the certificate {certificate.Subject} expired on {certificate.NotAfter:yyyy-MM-dd}: ESIA refuses it (ESIA-007053)"
        : now < certificate.NotBefore ? $"the certificate {certificate.Subject} is not valid until {certificate.NotBefore:yyyy-MM-dd}: ESIA refuses it until then (ESIA-007053)"
        : certificate.NotAfter - now < horizon ? $"the certificate {certificate.Subject} expires on {certificate.NotAfter:yyyy-MM-dd}, in {(int)(certificate.NotAfter - now).TotalDays} days: register its successor"
        : null;
}
