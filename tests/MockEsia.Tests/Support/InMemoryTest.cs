namespace MockEsia.Tests.Support;

/// <summary>A test class with its own in-memory MockEsia (frozen clock) and a client for it.</summary>
public abstract class InMemoryTest : IAsyncLifetime
{
    protected MockEsiaHost Host { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    protected DateTimeOffset Now => Host.Clock.GetUtcNow();

    public virtual async Task InitializeAsync()
    {
        Host = await MockEsiaHost.StartAsync();
        Client = Host.Client();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
