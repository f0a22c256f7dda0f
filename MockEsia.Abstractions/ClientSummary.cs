namespace MockEsia.Abstractions;

/// <summary>A client as the admin API shows it (<c>GET /__admin/clients</c>).</summary>
public sealed record ClientSummary(string ClientId, string Name, IReadOnlyList<CertificateSummary> Certificates, IReadOnlyList<string> RedirectUris, string RedirectMatching,
    IReadOnlyList<string> AllowedScopes, string TokenAlgorithm, IReadOnlyList<string> GrantTypes, bool AcceptV1SignatureOnV2, bool StrictState,
    bool StrictRedirectUriAtToken, string RefreshProfile, long? HeadlessPersonOid, int? AccessTokenLifetimeSeconds, int? IdTokenLifetimeSeconds,
    int? RefreshTokenLifetimeSeconds, bool AllowRsaClientKeys);

/// <summary>A certificate as the admin API shows it.</summary>
public sealed record CertificateSummary(string Subject, string Issuer, string ClientCertificateHash, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string KeyAlgorithm);
