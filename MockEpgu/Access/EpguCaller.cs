namespace MockEpgu.Access;

/// <summary>
/// Who calls API ЕПГУ, as the bearer token and ESIA's records say (epgu-api.md §1.3): the system, the person (none for an
/// organisation's impersonal token), the scopes, the organisation the token acts for, the person's APIPGU consent and
/// their place in that organisation.
/// </summary>
/// <param name="ClientId">The system (<c>client_id</c>).</param>
/// <param name="PersonOid">The person (<c>urn:esia:sbj_id</c>); null for a token of the organisation itself.</param>
/// <param name="Scopes">The token's scopes, bare (without <c>?oid=</c> or <c>?org_oid=</c>).</param>
/// <param name="OrganizationOid">The organisation of an organisation scope (<c>…?org_oid=</c>); null for a person applying for themselves.</param>
/// <param name="Consented">Whether the person gave this system a live APIPGU consent.</param>
/// <param name="Membership">The person's place in <paramref name="OrganizationOid"/>; null when they hold none.</param>
public sealed record EpguCaller(string ClientId, long? PersonOid, IReadOnlySet<string> Scopes, long? OrganizationOid, bool Consented, Organization? Membership)
{
    /// <summary>The API ЕПГУ scope (epgu-api.md §1.3).</summary>
    public const string ApiOrderScope = "http://lk.gosuslugi.ru/api-order";

    /// <summary>Whether the token acts for an organisation (ЮЛ/ИП) rather than a person for themselves.</summary>
    public bool ForOrganisation => OrganizationOid is not null;

    /// <summary>The applicant type of the service table: <c>PERSON</c>, <c>LEGAL</c> or <c>BUSINESSMAN</c>.</summary>
    public string ApplicantType => !ForOrganisation ? "PERSON"
        : Membership?.Type is { } type && (type.Contains("BUSINESS", StringComparison.OrdinalIgnoreCase) || type.Contains("ИП", StringComparison.Ordinal)) ? "BUSINESSMAN" : "LEGAL";

    /// <summary>Whose orders these are: the organisation's, or the person's.</summary>
    public long OwnerOid => OrganizationOid ?? PersonOid ?? 0;
}

/// <summary>The bearer token checked: the caller, or why it is refused with 401.</summary>
/// <param name="Caller">The caller, when the token is good.</param>
/// <param name="Refused">Why not (MockEsia's diagnosis), when it is not.</param>
public sealed record EpguAuthentication(EpguCaller? Caller, string? Refused)
{
    /// <summary>A good token.</summary>
    public static EpguAuthentication Of(EpguCaller caller) => new(caller, null);

    /// <summary>A refused token.</summary>
    public static EpguAuthentication Deny(string why) => new(null, why);
}
