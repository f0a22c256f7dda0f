namespace MockEsia.Validation;

/// <summary>Which generation of ESIA's OAuth endpoints a request came to (reference §1).</summary>
internal enum ProtocolVersion
{
    /// <summary>The legacy <c>/aas/oauth2/ac</c> and <c>/aas/oauth2/te</c>: a CMS (PKCS#7) <c>client_secret</c> over the v1 string.</summary>
    V1,

    /// <summary><c>/aas/oauth2/v2/ac</c> and <c>/aas/oauth2/v3/te</c>: a raw GOST <c>client_secret</c> and <c>client_certificate_hash</c>.</summary>
    Current,
}
