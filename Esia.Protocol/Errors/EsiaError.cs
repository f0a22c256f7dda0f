namespace Esia.Protocol.Errors;

/// <summary>One entry of ESIA's error catalogue (reference §7.2).</summary>
/// <param name="Code">The code, e.g. <c>ESIA-007004</c>.</param>
/// <param name="OAuthError">The RFC 6749 <c>error</c> name ESIA sends with it.</param>
/// <param name="Text">The text after the code in <c>error_description</c>: ESIA's English text where one has been observed, else the Russian meaning.</param>
/// <param name="Russian">The meaning in Russian, for pages and reports.</param>
/// <param name="Observed">Whether the <c>error</c> name and text were seen from real ESIA (false: inferred, reference [L]).</param>
public sealed record EsiaError(string Code, string OAuthError, string Text, string Russian, bool Observed)
{
    /// <summary>The <c>error_description</c> value: <c>ESIA-0070xx: text</c>.</summary>
    public string Description => $"{Code}: {Text}";

    /// <summary>The description for a missing parameter (ESIA-007014 names it in brackets).</summary>
    public string DescriptionFor(string parameter) => Code == EsiaErrors.MissingParameter.Code
        ? $"{Code}: The request doesn`t contain the mandatory parameter [{parameter}]."
        : Description;
}
