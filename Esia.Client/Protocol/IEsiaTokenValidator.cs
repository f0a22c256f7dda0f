using Esia.Protocol.Tokens;

namespace Esia.Client.Protocol;

/// <summary>Validates ESIA's tokens; the default is <see cref="EsiaTokenValidator"/> (signature, iss, audience, times, subject).</summary>
public interface IEsiaTokenValidator
{
    /// <summary>Validates one token against what it must satisfy.</summary>
    TokenValidation Validate(string token, TokenExpectations expected);
}

/// <summary>The full validation of <see cref="EsiaTokenValidator"/>.</summary>
public sealed class DefaultEsiaTokenValidator : IEsiaTokenValidator
{
    /// <inheritdoc />
    public TokenValidation Validate(string token, TokenExpectations expected) => EsiaTokenValidator.Validate(token, expected);
}
