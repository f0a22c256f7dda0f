using System.Diagnostics;
using FluentAssertions;
using Xunit;

namespace Esia.TestSupport;

/// <summary>Runs the openssl command with Debian's GOST engine.</summary>
public static class OpenSsl
{
    private static readonly Lazy<bool> EngineAvailable = new(() =>
    {
        try
        {
            return Run(["engine", "gost"]).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public static bool HasGostEngine => EngineAvailable.Value;

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public sealed record Result(int ExitCode, byte[] StdOut, string StdErr);

    public static Result Run(IEnumerable<string> arguments, byte[]? stdin = null)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToArray(), err.Result);
    }

    /// <summary>Runs and asserts success, returning stdout.</summary>
    public static byte[] Ok(params string[] arguments)
    {
        var result = Run(arguments);
        result.ExitCode.Should().Be(0, "openssl {0} failed: {1}", string.Join(' ', arguments), result.StdErr);
        return result.StdOut;
    }

    /// <summary>A temporary file holding the bytes, deleted with the scope.</summary>
    public static TempFile Temp(byte[] content) => new(content);

    public sealed class TempFile : IDisposable
    {
        public TempFile(byte[] content)
        {
            Path = System.IO.Path.GetTempFileName();
            File.WriteAllBytes(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}

/// <summary>A fact that needs OpenSSL's GOST engine: skipped without it, except in CI, where it runs and fails.</summary>
public sealed class OpenSslFactAttribute : FactAttribute
{
    public OpenSslFactAttribute()
    {
        if (!OpenSsl.HasGostEngine && !OpenSsl.RequiredByCi)
        {
            Skip = "openssl with the GOST engine is not installed (apt-get install -y libengine-gost-openssl)";
        }
    }
}

/// <summary>The theory form of <see cref="OpenSslFactAttribute"/>.</summary>
public sealed class OpenSslTheoryAttribute : TheoryAttribute
{
    public OpenSslTheoryAttribute()
    {
        if (!OpenSsl.HasGostEngine && !OpenSsl.RequiredByCi)
        {
            Skip = "openssl with the GOST engine is not installed (apt-get install -y libengine-gost-openssl)";
        }
    }
}

/// <summary>Raw GOST signatures made by OpenSSL, so that server tests do not sign with our own code.</summary>
public static class OpenSslSigner
{
    public static byte[] Sign(string message, string key = "clients/client-gost256")
    {
        using var data = OpenSsl.Temp(System.Text.Encoding.UTF8.GetBytes(message));
        var digest = key.Contains("512", StringComparison.Ordinal) ? "-md_gost12_512" : "-md_gost12_256";
        return OpenSsl.Ok("dgst", "-engine", "gost", digest, "-sign", TestPki.KeyPath(key), data.Path);
    }

    public static byte[] Cms(string message, string key = "clients/client-gost256")
    {
        using var data = OpenSsl.Temp(System.Text.Encoding.UTF8.GetBytes(message));
        return OpenSsl.Ok("cms", "-sign", "-engine", "gost", "-binary", "-in", data.Path, "-signer", TestPki.CertPath(key), "-inkey", TestPki.KeyPath(key), "-md", "md_gost12_256", "-outform", "DER");
    }
}
