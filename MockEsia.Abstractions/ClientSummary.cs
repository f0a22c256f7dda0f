namespace MockEsia.Abstractions;

/// <summary>A client as the admin API shows it (<c>GET /__admin/clients</c>).</summary>
public sealed record ClientSummary(string ClientId, string Name, IReadOnlyList<CertificateSummary> Certificates, IReadOnlyList<string> RedirectUris, string RedirectMatching,
    IReadOnlyList<string> AllowedScopes, string TokenAlgorithm, IReadOnlyList<string> GrantTypes, bool AcceptV1SignatureOnV2, bool StrictState,
    bool StrictRedirectUriAtToken, string RefreshProfile, long? HeadlessPersonOid, int? AccessTokenLifetimeSeconds, int? IdTokenLifetimeSeconds,
    int? RefreshTokenLifetimeSeconds, bool AllowRsaClientKeys)
{
    /// <summary>The API ЕПГУ services (form codes) the client may use.</summary>
    public IReadOnlyList<string> EpguServices { get; init; } = [];
}

/// <summary>A certificate as the admin API shows it.</summary>
public sealed record CertificateSummary(string Subject, string Issuer, string ClientCertificateHash, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string KeyAlgorithm);

/// <summary>
/// What the dashboard edits on a registered client (<c>POST /__admin/clients/{clientId}/settings</c>): null members stay
/// as they are. The certificates are changed by registering the client again.
/// </summary>
public sealed record ClientSettings
{
    /// <summary>The redirect URIs.</summary>
    public List<string>? RedirectUris { get; init; }

    /// <summary>See <see cref="ClientDefinition.RedirectMatching"/>.</summary>
    public RedirectMatching? RedirectMatching { get; init; }

    /// <summary>See <see cref="ClientDefinition.AcceptV1SignatureOnV2"/>.</summary>
    public bool? AcceptV1SignatureOnV2 { get; init; }

    /// <summary>See <see cref="ClientDefinition.StrictState"/>.</summary>
    public bool? StrictState { get; init; }

    /// <summary>See <see cref="ClientDefinition.StrictRedirectUriAtToken"/>.</summary>
    public bool? StrictRedirectUriAtToken { get; init; }

    /// <summary>See <see cref="ClientDefinition.RefreshProfile"/>.</summary>
    public RefreshSignatureProfile? RefreshProfile { get; init; }
}
