namespace MockEsia.Configuration;

/// <summary>
/// MockEsia refuses to start: a configuration it must not run with, or cannot (a production issuer, no fixtures,
/// Redis away, an unreadable TLS folder, a bad file under <c>MockEsia:StrictConfiguration</c>). The message is one
/// line per problem, each naming the setting or file and the fix; <c>MockEsia</c> prints it and exits with 2, no stack trace.
/// </summary>
public sealed class StartupRefusal(string message, Exception? inner = null) : InvalidOperationException(message, inner)
{
    /// <summary>The exit code of a refused start.</summary>
    public const int ExitCode = 2;

    /// <summary>What to tell a person about an exception that stopped start-up, in one line; null for an exception that is a bug.</summary>
    public static string? Explain(Exception ex) => ex switch
    {
        StartupRefusal refusal => refusal.Message,
        IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
            $"{io.Message.TrimEnd('.')}. Fix: stop the program that listens there, or give MockEsia another port (--urls http://localhost:PORT).",
        _ => null,
    };
}
