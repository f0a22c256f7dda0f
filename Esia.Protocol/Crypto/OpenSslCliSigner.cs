using System.Diagnostics;

namespace Esia.Protocol.Crypto;

/// <summary>
/// Signs with the <c>openssl</c> command and Debian's GOST engine (<c>libengine-gost-openssl</c>):
/// <c>openssl dgst -engine gost -md_gost12_256 -sign key.pem</c>. Its output is already in ESIA's s‖r order.
/// Useful where the private key must stay in a file handled by OpenSSL, and as an independent second signer.
/// </summary>
public sealed class OpenSslCliSigner : IMessageSigner
{
    private readonly string _privateKeyPath;
    private readonly string _openssl;

    /// <summary>Creates a signer for a PEM private key file belonging to <paramref name="certificate"/>.</summary>
    public OpenSslCliSigner(EsiaCertificate certificate, string privateKeyPath, string openssl = "openssl")
    {
        Certificate = certificate;
        _privateKeyPath = privateKeyPath;
        _openssl = openssl;
    }

    /// <inheritdoc />
    public EsiaCertificate Certificate { get; }

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var digest = Certificate.KeyAlgorithm switch
        {
            KeyAlgorithm.Gost2012_256 => "-md_gost12_256",
            KeyAlgorithm.Gost2012_512 => "-md_gost12_512",
            _ => "-sha256",
        };
        var start = new ProcessStartInfo(_openssl)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["dgst", "-engine", "gost", digest, "-sign", _privateKeyPath, "-binary"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{_openssl}'.");
        var stderr = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(output);
        try
        {
            process.StandardInput.BaseStream.Write(message);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // openssl exited before reading the message (a bad key, say): its exit code and stderr below say why.
        }

        stdout.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl dgst failed ({process.ExitCode}): {stderr.GetAwaiter().GetResult().Trim()}");
        }

        return output.ToArray();
    }
}
