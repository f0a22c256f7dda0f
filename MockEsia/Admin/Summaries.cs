using Esia.Protocol.Crypto;
using MockEsia.Clients;

namespace MockEsia.Admin;

/// <summary>The admin API's views of registrations and certificates.</summary>
internal static class Summaries
{
    /// <summary>Summarises a registration.</summary>
    public static ClientSummary Summary(this ClientRegistration c) => new(c.ClientId, c.Name, c.Certificates.Select(Summary).ToArray(),
        c.RedirectUris.Select(u => u.OriginalString).ToArray(), c.RedirectMatching.ToString(), c.AllowedScopes, c.TokenAlgorithm.JwtAlgorithm(), c.GrantTypes,
        c.AcceptV1SignatureOnV2, c.StrictState, c.StrictRedirectUriAtToken, c.RefreshProfile.ToString(), c.HeadlessPersonOid,
        Seconds(c.AccessTokenLifetime), Seconds(c.IdTokenLifetime), Seconds(c.RefreshTokenLifetime), c.AllowRsaClientKeys)
    {
        EpguServices = c.EpguServices,
    };

    /// <summary>Summarises a certificate.</summary>
    public static CertificateSummary Summary(this EsiaCertificate c) => new(c.Subject, c.Issuer, c.Streebog256Hex, c.NotBefore, c.NotAfter, c.KeyAlgorithm.ToString());

    private static int? Seconds(TimeSpan? lifetime) => lifetime is { } t ? (int)t.TotalSeconds : null;
}
