using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace MockEsia.Testcontainers;

/// <summary>The MockEsia container's own settings beside Testcontainers' (immutable, merged by the builder).</summary>
public sealed class MockEsiaConfiguration : ContainerConfiguration
{
    /// <summary>Settings of MockEsia's own.</summary>
    public MockEsiaConfiguration(string? adminToken = null, bool? https = null)
    {
        AdminToken = adminToken;
        Https = https;
    }

    /// <summary>Testcontainers' settings.</summary>
    public MockEsiaConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Testcontainers' settings.</summary>
    public MockEsiaConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>A copy.</summary>
    public MockEsiaConfiguration(MockEsiaConfiguration resourceConfiguration)
        : this(new MockEsiaConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>The old settings overridden by the new.</summary>
    public MockEsiaConfiguration(MockEsiaConfiguration oldValue, MockEsiaConfiguration newValue)
        : base(oldValue, newValue)
    {
        AdminToken = newValue.AdminToken ?? oldValue.AdminToken;
        Https = newValue.Https ?? oldValue.Https;
    }

    /// <summary>The admin token, when the admin API has one.</summary>
    public string? AdminToken { get; }

    /// <summary>Whether HTTPS is served on 8443.</summary>
    public bool? Https { get; }
}
