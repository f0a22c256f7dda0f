using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using MockEsia.Abstractions;

namespace MockEsia.Testcontainers;

/// <summary>
/// Builds a MockEsia container from the image (<see cref="DefaultImage"/> unless <c>WithImage</c> names another):
/// HTTP on 8080, HTTPS on 8443 with <see cref="WithHttps"/>, the test's own clients written into the image's clients
/// folder, and ready once <c>/health</c> answers 200.
/// </summary>
public sealed class MockEsiaBuilder : ContainerBuilder<MockEsiaBuilder, MockEsiaContainer, MockEsiaConfiguration>
{
    /// <summary>The image built from this repository's Dockerfile (<c>docker build -t mockesia .</c>).</summary>
    public const string DefaultImage = "mockesia";

    /// <summary>MockEsia's HTTP port in the container.</summary>
    public const ushort HttpPort = 8080;

    /// <summary>MockEsia's HTTPS port in the container (with <see cref="WithHttps"/>).</summary>
    public const ushort HttpsPort = 8443;

    /// <summary>The image's folder for the integrator's client files (<c>MockEsia:ClientsPath</c>).</summary>
    public const string ClientsFolder = "/data/clients";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A builder for the default image.</summary>
    public MockEsiaBuilder()
        : this(new MockEsiaConfiguration()) => DockerResourceConfiguration = Init().DockerResourceConfiguration;

    private MockEsiaBuilder(MockEsiaConfiguration configuration)
        : base(configuration) => DockerResourceConfiguration = configuration;

    /// <inheritdoc />
    protected override MockEsiaConfiguration DockerResourceConfiguration { get; }

    /// <summary>Registers a client of the test's own, written as a client file into <see cref="ClientsFolder"/> (give its certificate inline).</summary>
    public MockEsiaBuilder WithClient(ClientDefinition client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var name = string.Concat(client.ClientId.Where(char.IsAsciiLetterOrDigit));
        return WithResourceMapping(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(client, Json)), FilePath.Of($"{ClientsFolder}/{name}.json"));
    }

    /// <summary>Protects the admin API with this token (<c>MockEsia:AdminToken</c>); the container's admin clients send it.</summary>
    public MockEsiaBuilder WithAdminToken(string token) =>
        Merge(DockerResourceConfiguration, new MockEsiaConfiguration(adminToken: token)).WithEnvironment("MockEsia__AdminToken", token);

    /// <summary>Serves HTTPS on <see cref="HttpsPort"/> too, from the container's generated test CA (<see cref="MockEsiaContainer.GetCaCertificatePemAsync"/>).</summary>
    public MockEsiaBuilder WithHttps() =>
        Merge(DockerResourceConfiguration, new MockEsiaConfiguration(https: true)).WithEnvironment("MockEsia__Https__Enabled", "true").WithPortBinding(HttpsPort, true);

    /// <summary>Any MockEsia setting by its configuration key, e.g. <c>WithSetting("MockEsia:AccessTokenLifetime", "00:01:00")</c>.</summary>
    public MockEsiaBuilder WithSetting(string key, string value) => WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);

    /// <inheritdoc />
    public override MockEsiaContainer Build()
    {
        Validate();
        return new MockEsiaContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override MockEsiaBuilder Init() => base.Init()
        .WithImage(DefaultImage)
        .WithPortBinding(HttpPort, true)
        // A client file that does not load stops the container with one line naming it, instead of a silent default.
        .WithEnvironment("MockEsia__StrictConfiguration", "true")
        .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(HttpPort).ForPath("/health")));

    /// <inheritdoc />
    protected override MockEsiaBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new MockEsiaConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override MockEsiaBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new MockEsiaConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override MockEsiaBuilder Merge(MockEsiaConfiguration oldValue, MockEsiaConfiguration newValue) => new(new MockEsiaConfiguration(oldValue, newValue));
}
