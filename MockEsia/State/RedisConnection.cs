using StackExchange.Redis;

namespace MockEsia.State;

/// <summary>The one Redis connection of a MockEsia process (when <c>MockEsia:Redis</c> is set).</summary>
internal sealed class RedisConnection : IDisposable
{
    private RedisConnection(IConnectionMultiplexer multiplexer) => Multiplexer = multiplexer;

    /// <summary>The multiplexer (thread-safe, shared).</summary>
    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>Connects, or fails at start-up with the reason: a store that is configured but absent must not be silently replaced.</summary>
    public static RedisConnection Connect(string configuration)
    {
        try
        {
            return new RedisConnection(ConnectionMultiplexer.Connect(configuration));
        }
        catch (RedisConnectionException ex)
        {
            var why = ex.Message.ReplaceLineEndings(" ").Split(". ")[0].TrimEnd('.');
            throw new Configuration.StartupRefusal($"MockEsia:Redis is '{configuration}', but Redis does not answer there ({why}). Fix: start Redis, or remove the setting to keep state in memory.", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Multiplexer.Dispose();
}
