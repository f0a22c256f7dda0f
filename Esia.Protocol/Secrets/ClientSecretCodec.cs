using Esia.Protocol.Crypto;

namespace Esia.Protocol.Secrets;

/// <summary>The base64 flavours real clients send (reference §15.2).</summary>
public enum Base64Flavour
{
    /// <summary>URL-safe alphabet, no padding (the most common; ESIA's own form).</summary>
    UrlUnpadded,

    /// <summary>URL-safe alphabet with <c>=</c> padding.</summary>
    UrlPadded,

    /// <summary>Standard alphabet <c>+/</c>, with or without padding.</summary>
    Standard,

    /// <summary>URL-safe, padding stripped and replaced by one digit counting the <c>=</c> removed (Microsoft UrlTokenEncode).</summary>
    UrlPadCountDigit,
}

/// <summary>What a decoded <c>client_secret</c> contains.</summary>
public enum ClientSecretForm
{
    /// <summary>A raw signature (v2/v3).</summary>
    Raw,

    /// <summary>A CMS SignedData (v1).</summary>
    Cms,
}

/// <summary>Why a <c>client_secret</c> could not be decoded.</summary>
public enum ClientSecretDecodeFailure
{
    /// <summary>Missing or empty.</summary>
    Empty,

    /// <summary>Characters outside every base64 alphabet.</summary>
    InvalidCharacters,

    /// <summary>A length no base64 flavour produces, or padding in the wrong place.</summary>
    InvalidBase64,

    /// <summary>Decodes, but to something that is neither a complete DER structure nor a raw signature of a known length.</summary>
    UnrecognisedContent,
}

/// <summary>A decoded <c>client_secret</c>, or the reason it could not be decoded.</summary>
public sealed record DecodedClientSecret(byte[] Bytes, ClientSecretForm Form, Base64Flavour Flavour, ClientSecretDecodeFailure? Failure, string Detail)
{
    /// <summary>True when decoded.</summary>
    public bool Success => Failure is null;
}

/// <summary>Encodes and tolerantly decodes <c>client_secret</c> values.</summary>
public static class ClientSecretCodec
{
    private static readonly int[] RawLengths = [64, 128, 256, 384, 512];

    /// <summary>Encodes signature bytes in the given flavour.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, Base64Flavour flavour = Base64Flavour.UrlUnpadded)
    {
        var standard = Convert.ToBase64String(bytes);
        var url = standard.Replace('+', '-').Replace('/', '_');
        return flavour switch
        {
            Base64Flavour.Standard => standard,
            Base64Flavour.UrlPadded => url,
            Base64Flavour.UrlUnpadded => url.TrimEnd('='),
            Base64Flavour.UrlPadCountDigit => url.TrimEnd('=') + (url.Length - url.TrimEnd('=').Length).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(flavour), flavour, null),
        };
    }

    /// <summary>
    /// Decodes any of the flavours. A space is read as <c>+</c> (a literal <c>+</c> that arrived un-escaped in a query).
    /// Which interpretation is right is decided by the content: a complete DER structure (CMS) or a raw signature of
    /// a known length (64 or 128 bytes for GOST, a modulus size for RSA).
    /// </summary>
    public static DecodedClientSecret Decode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Failed(ClientSecretDecodeFailure.Empty, "client_secret is empty.");
        }

        var text = value.Trim().Replace(' ', '+');
        var standardAlphabet = text.AsSpan().IndexOfAny('+', '/') >= 0;
        var urlAlphabet = text.AsSpan().IndexOfAny('-', '_') >= 0;
        if (standardAlphabet && urlAlphabet)
        {
            return Failed(ClientSecretDecodeFailure.InvalidCharacters, "client_secret mixes the standard (+/) and URL-safe (-_) base64 alphabets.");
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_' or '='))
            {
                return Failed(ClientSecretDecodeFailure.InvalidCharacters, $"client_secret contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}', which is in no base64 alphabet.");
            }
        }

        var padded = text.EndsWith('=');
        var plainFlavour = standardAlphabet ? Base64Flavour.Standard : padded ? Base64Flavour.UrlPadded : Base64Flavour.UrlUnpadded;
        var plain = TryBase64(text);
        if (plain is not null && Classify(plain) is { } plainForm)
        {
            return new DecodedClientSecret(plain, plainForm, plainFlavour, null, $"{plainFlavour} base64, {plain.Length} bytes, {plainForm}.");
        }

        if (!standardAlphabet && !padded && text[^1] is '0' or '1' or '2')
        {
            var digit = text[^1] - '0';
            var body = text[..^1];
            if ((body.Length + digit) % 4 == 0 && TryBase64(body) is { } withDigit && Classify(withDigit) is { } digitForm)
            {
                return new DecodedClientSecret(withDigit, digitForm, Base64Flavour.UrlPadCountDigit, null, $"URL-safe base64 with a pad-count digit, {withDigit.Length} bytes, {digitForm}.");
            }
        }

        if (plain is null)
        {
            return Failed(ClientSecretDecodeFailure.InvalidBase64, $"client_secret ({text.Length} characters) is not valid base64 in any flavour (a length of 4n+1, or padding in the middle).");
        }

        return Failed(ClientSecretDecodeFailure.UnrecognisedContent,
            $"client_secret decodes to {plain.Length} bytes that are neither a raw signature (64 bytes for GOST-256, 128 for GOST-512) nor a complete CMS structure (truncated or padded?).");
    }

    private static ClientSecretForm? Classify(byte[] bytes)
    {
        // A raw signature is random bytes: one in 65,536 GOST-256 signatures starts 30 3E and so reads as a whole DER
        // SEQUENCE. At a raw signature's length, only a PKCS#7 ContentInfo is taken for CMS.
        var rawLength = Array.IndexOf(RawLengths, bytes.Length) >= 0;
        if (CmsSignature.IsWholeDerSequence(bytes) && (!rawLength || CmsSignature.BeginsWithPkcs7ContentType(bytes)))
        {
            return ClientSecretForm.Cms;
        }

        return rawLength ? ClientSecretForm.Raw : null;
    }

    private static byte[]? TryBase64(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        var firstPad = standard.IndexOf('=', StringComparison.Ordinal);
        if (firstPad >= 0 && standard.AsSpan(firstPad).Trim('=').Length != 0)
        {
            return null;
        }

        var unpadded = standard.TrimEnd('=');
        if (unpadded.Length % 4 == 1)
        {
            return null;
        }

        var repadded = unpadded + new string('=', (4 - (unpadded.Length % 4)) % 4);
        if (firstPad >= 0 && repadded.Length != standard.Length)
        {
            return null;
        }

        var buffer = new byte[repadded.Length / 4 * 3];
        return Convert.TryFromBase64String(repadded, buffer, out var written) ? buffer[..written] : null;
    }

    private static DecodedClientSecret Failed(ClientSecretDecodeFailure failure, string detail) =>
        new([], ClientSecretForm.Raw, Base64Flavour.UrlUnpadded, failure, detail);
}
