namespace MockEsia.Abstractions;

/// <summary>How a <c>redirect_uri</c> is compared with the registration (reference §3.3).</summary>
public enum RedirectMatching
{
    /// <summary>By host only, as ESIA apparently does: any port and path on a registered domain.</summary>
    Domain,

    /// <summary>The full URL must equal a registered one.</summary>
    Exact,
}

/// <summary>Which signed string a refresh_token grant must sign (reference §5.3, unconfirmed).</summary>
public enum RefreshSignatureProfile
{
    /// <summary><c>client_id+scope+scope_org+timestamp+state+redirect_uri</c>, with <c>client_certificate_hash</c> (ilimurzin/esia 4.x).</summary>
    Strict,

    /// <summary><c>client_id+scope+timestamp+state+refresh_token</c>, hash optional (AISGorod).</summary>
    Alternative,

    /// <summary>Either profile.</summary>
    Either,
}
