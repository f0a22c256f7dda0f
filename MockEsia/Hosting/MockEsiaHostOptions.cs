namespace MockEsia.Hosting;

/// <summary>How <see cref="MockEsiaHost"/> starts MockEsia inside a test process.</summary>
public sealed class MockEsiaHostOptions
{
    /// <summary>
    /// The fixtures folder (with <c>pki/</c>, <c>clients/</c>, <c>users/</c>, <c>epgu/</c>); null for the one bundled
    /// beside MockEsia's assembly (<c>MockEsia.Fixtures/</c>, which the package copies to the test's output).
    /// </summary>
    public string? FixturesPath { get; set; }

    /// <summary>A folder of the test's own client files (as <c>MockEsia:ClientsPath</c>, or <c>clients add</c> writes them).</summary>
    public string? ClientsFolder { get; set; }

    /// <summary>
    /// Clients of the test's own, registered beside the bundled ones. They are written as client files into a folder of
    /// their own, so an admin reset keeps them; give their certificates inline (<see cref="ClientDefinition.CertificatesPem"/>)
    /// or as absolute paths. Not together with <see cref="ClientsFolder"/>.
    /// </summary>
    public IList<ClientDefinition> Clients { get; } = [];

    /// <summary>The admin token (<c>MockEsia:AdminToken</c>); the host's <see cref="MockEsiaHost.Admin"/> sends it.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Any other setting by its configuration key, e.g. <c>["MockEsia:AccessTokenLifetime"] = "00:01:00"</c>.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The least severe log level written (Warning: a test's output shows only what went wrong).</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Warning;
}
