namespace MockEsia.Abstractions;

/// <summary>
/// Which certificate MockEsia's HTTPS endpoint presents to new connections (<c>PUT /__admin/tls?presentation=…</c>):
/// the harness's way to check that an app refuses an ESIA it cannot authenticate.
/// </summary>
public enum TlsPresentation
{
    /// <summary>A certificate for MockEsia's configured host names from its local test CA (the default).</summary>
    Valid,

    /// <summary>A certificate from the same CA for another host (<c>wrong-host.invalid</c>).</summary>
    WrongHost,

    /// <summary>A certificate for the right host names from a CA nobody trusts.</summary>
    UntrustedCa,
}
