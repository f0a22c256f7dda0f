using Conformance.Specs.Harness;
using Esia.Protocol.Crypto;

namespace Conformance.Specs.Reports;

/// <summary>The app's certificate at a moment: its days left, and whether it is expired or due for renewal.</summary>
/// <param name="Certificate">The certificate, from the target file.</param>
/// <param name="DaysLeft">Whole days until it expires; negative once expired.</param>
/// <param name="Expired">Expired (or not yet valid): ESIA refuses it, and the pack cannot be «готово к подаче».</param>
/// <param name="Due">Expires within <see cref="AppCertificates.WarningDays"/> days: a successor must be registered with ESIA.</param>
public sealed record AppCertificate(EsiaCertificate Certificate, int DaysLeft, bool Expired, bool Due)
{
    /// <summary>One line for the runner's console.</summary>
    public string English => Expired
        ? $"App certificate {Certificate.Subject}: EXPIRED or not yet valid (valid {Certificate.NotBefore:yyyy-MM-dd} to {Certificate.NotAfter:yyyy-MM-dd}): ESIA refuses it (ESIA-007053); the approval pack is not ready."
        : $"App certificate {Certificate.Subject}: valid until {Certificate.NotAfter:yyyy-MM-dd}, {DaysLeft} days left" +
          (Due ? $". WARNING: it expires within {AppCertificates.WarningDays} days: register its successor with ESIA now." : ".");

    /// <summary>The same in Russian, for the pack.</summary>
    public string Russian => Expired
        ? $"сертификат недействителен (срок {Certificate.NotBefore:yyyy-MM-dd} — {Certificate.NotAfter:yyyy-MM-dd}): ЕСИА его не примет (ESIA-007053)"
        : $"осталось {DaysLeft} дн." + (Due ? $" — истекает в ближайшие {AppCertificates.WarningDays} дней: зарегистрируйте в ЕСИА сертификат на смену" : "");
}

/// <summary>The app's certificates (the target file's) judged at a moment.</summary>
public static class AppCertificates
{
    /// <summary>How many days ahead an expiry is warned of.</summary>
    public const int WarningDays = 30;

    /// <summary>The target's certificates at <paramref name="at"/>.</summary>
    public static IReadOnlyList<AppCertificate> Of(TargetApp target, DateTimeOffset at) =>
        [.. target.ReadCertificates().Select(c => new AppCertificate(c, (int)Math.Floor((c.NotAfter - at).TotalDays), !c.IsValidAt(at), c.NotAfter - at < TimeSpan.FromDays(WarningDays)))];
}
