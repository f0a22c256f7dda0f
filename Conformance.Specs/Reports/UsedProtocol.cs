using Conformance.Specs.Harness;
using Conformance.Specs.Runtime;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;

namespace Conformance.Specs.Reports;

/// <summary>What the app actually used, read from MockEsia's journal: endpoints, request signatures and scopes.</summary>
/// <param name="Endpoints">ESIA's endpoints the app called, e.g. <c>/aas/oauth2/v2/ac</c>.</param>
/// <param name="Signatures">How the app signed its requests (v1 CMS or raw v2/v3, and the key algorithm), in Russian.</param>
/// <param name="Scopes">The scopes it requested.</param>
/// <param name="RefreshProfiles">
/// The refresh signature profiles the app's successful refreshes matched (<c>Strict</c>, <c>Alternative</c>, <c>v1</c>):
/// the readings exclude each other, so the pack says which one the app follows (docs/readings.md).
/// </param>
/// <param name="SentCertificateHash">Whether any request of the app carried <c>client_certificate_hash</c> (v1 requests do not).</param>
public sealed record UsedProtocol(IReadOnlyList<string> Endpoints, IReadOnlyList<string> Signatures, IReadOnlyList<string> Scopes, IReadOnlyList<string> RefreshProfiles, bool SentCertificateHash)
{
    /// <summary>Reads a run's journal; <paramref name="certificates"/> are the app's, to name the key algorithm it signed with.</summary>
    public static UsedProtocol Of(RunResult run, IReadOnlyList<EsiaCertificate> certificates)
    {
        var entries = run.Scenarios.SelectMany(s => s.Journal).Select(JournalFacts.Parse).Where(e => e.IsAuthorization() || e.IsToken()).ToArray();
        var endpoints = entries.Select(e => e.Path).Distinct().Order(StringComparer.Ordinal).ToArray();
        var signatures = entries.Where(e => e.Checks.Any(c => c.Name == EsiaParameters.ClientSecret && c.Passed))
            .Select(e => $"{(EndpointNames.IsRetired(e.Endpoint) ? "CMS (PKCS#7, v1)" : "подпись без CMS (v2/v3)")}, {KeyOf(e, certificates)}")
            .Distinct().ToArray();
        var scopes = entries.Where(e => e.IsAuthorization()).Select(e => e.Parameter(EsiaParameters.Scope)).OfType<string>().Distinct().ToArray();
        var refreshProfiles = entries.Where(e => e.IsRefresh()).SelectMany(e => e.Checks.Where(c => c.Name == EsiaParameters.ClientSecret && c.Passed))
            .Select(c => RefreshProfileOf(c.Detail)).OfType<string>().Distinct().ToArray();
        return new UsedProtocol(endpoints, signatures, scopes, refreshProfiles, entries.Any(e => e.Parameter(EsiaParameters.ClientCertificateHash) is not null));
    }

    // The journal's client_secret check names the signed string that verified ("verified over the V3RefreshStrict string …").
    private static string? RefreshProfileOf(string detail) =>
        detail.Contains($"the {SignedStringKind.V3RefreshStrict} string", StringComparison.Ordinal) ? "Strict (client_id+scope+scope_org+timestamp+state+redirect_uri)"
        : detail.Contains($"the {SignedStringKind.V3RefreshAlternative} string", StringComparison.Ordinal) ? "Alternative (client_id+scope+timestamp+state+refresh_token)"
        : detail.Contains($"the {SignedStringKind.V1} string", StringComparison.Ordinal) ? "v1 (scope+timestamp+client_id+state, CMS)"
        : null;

    private static string KeyOf(JournalEntry entry, IReadOnlyList<EsiaCertificate> certificates)
    {
        var detail = entry.Checks.First(c => c.Name == EsiaParameters.ClientSecret).Detail;
        var certificate = certificates.FirstOrDefault(c => detail.Contains(c.Subject, StringComparison.Ordinal)) ?? certificates.FirstOrDefault();
        return certificate?.KeyAlgorithm switch
        {
            null => "ключ не определён",
            KeyAlgorithm.Rsa => "RSA",
            { } gost => $"ГОСТ Р 34.10-2012 ({gost})",
        };
    }
}
