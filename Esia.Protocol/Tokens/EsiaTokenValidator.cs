using Esia.Protocol.Crypto;

namespace Esia.Protocol.Tokens;

/// <summary>Why a token was refused.</summary>
public enum TokenFailure
{
    /// <summary>Not a parsable JWT.</summary>
    Malformed,

    /// <summary><c>alg: none</c> or no alg.</summary>
    AlgorithmNone,

    /// <summary>An alg ESIA does not use, or one that does not match the trusted keys.</summary>
    AlgorithmUnsupported,

    /// <summary>No trusted certificate verifies the signature.</summary>
    SignatureInvalid,

    /// <summary><c>iss</c> is not the expected issuer.</summary>
    IssuerMismatch,

    /// <summary><c>aud</c> (id_token) or <c>client_id</c> (access token) is not this client.</summary>
    AudienceMismatch,

    /// <summary><c>exp</c> has passed.</summary>
    Expired,

    /// <summary><c>nbf</c> is in the future.</summary>
    NotYetValid,

    /// <summary><c>iat</c> is in the future.</summary>
    IssuedInFuture,

    /// <summary>A required claim is missing.</summary>
    MissingClaim,

    /// <summary>The header's <c>sbt</c> is not the expected token kind.</summary>
    WrongTokenType,

    /// <summary>The subject differs from the one expected (id_token <c>sub</c> against access token <c>urn:esia:sbj_id</c>).</summary>
    SubjectMismatch,
}

/// <summary>What a token must satisfy.</summary>
public sealed record TokenExpectations
{
    /// <summary>The certificates ESIA may have signed with (several during a rotation).</summary>
    public required IReadOnlyCollection<EsiaCertificate> TrustedCertificates { get; init; }

    /// <summary>Accepted issuers (e.g. <c>http://esia-portal1.test.gosuslugi.ru/</c>).</summary>
    public required IReadOnlyCollection<string> Issuers { get; init; }

    /// <summary>The client's mnemonic: <c>aud</c> of an id_token, <c>client_id</c> of an access token.</summary>
    public required string ClientId { get; init; }

    /// <summary>The expected <c>sbt</c>: <see cref="TokenTypes.Access"/> or <see cref="TokenTypes.Id"/>.</summary>
    public required string TokenType { get; init; }

    /// <summary>Now, from the caller's clock.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Leeway for <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>When set, the subject the token must carry.</summary>
    public long? Subject { get; init; }
}

/// <summary>The outcome of a token validation.</summary>
public sealed record TokenValidation(EsiaJwt? Token, TokenFailure? Failure, string Detail, EsiaCertificate? SignedBy)
{
    /// <summary>True when every check passed.</summary>
    public bool Success => Failure is null;

    /// <summary>The subject: <c>sub</c> of an id_token, <c>urn:esia:sbj_id</c> of an access token.</summary>
    public long? Subject => Token?.GetNumber("sub") ?? Token?.GetNumber("urn:esia:sbj_id");
}

/// <summary>Validates ESIA tokens as the reference's §6.4 describes: signature, then <c>iss</c>, audience and times.</summary>
public static class EsiaTokenValidator
{
    /// <summary>Checks only the signature; the certificate that verified it is returned on success.</summary>
    public static TokenValidation VerifySignature(EsiaJwt jwt, IReadOnlyCollection<EsiaCertificate> trusted) => VerifySignature(jwt, trusted, GostBackend.Verification);

    /// <summary>Checks the signature against the trusted certificates with the named GOST implementation (a server chooses its own).</summary>
    public static TokenValidation VerifySignature(EsiaJwt jwt, IReadOnlyCollection<EsiaCertificate> trusted, GostImplementation implementation)
    {
        var alg = jwt.Algorithm;
        if (string.IsNullOrEmpty(alg) || string.Equals(alg, "none", StringComparison.OrdinalIgnoreCase))
        {
            return new(jwt, TokenFailure.AlgorithmNone, "The token is unsigned (alg is 'none' or missing).", null);
        }

        if (KeyAlgorithms.FromJwtAlgorithm(alg) is not { } family)
        {
            return new(jwt, TokenFailure.AlgorithmUnsupported, $"alg '{alg}' is not one ESIA uses (GOST3410_2012_256, GOST3410_2012_512, RS256).", null);
        }

        var candidates = trusted.Where(c => c.KeyAlgorithm == family).ToArray();
        if (candidates.Length == 0)
        {
            return new(jwt, TokenFailure.AlgorithmUnsupported, $"alg '{alg}' matches no trusted certificate's key type.", null);
        }

        var signer = candidates.FirstOrDefault(c => c.VerifyRaw(jwt.SigningInput, jwt.Signature, implementation));
        return signer is null
            ? new(jwt, TokenFailure.SignatureInvalid, $"The {alg} signature verifies with none of the {candidates.Length} trusted certificate(s).", null)
            : new(jwt, null, "Signature verified.", signer);
    }

    /// <summary>Parses and validates a token; the first failing check is reported.</summary>
    public static TokenValidation Validate(string? token, TokenExpectations expected)
    {
        if (!EsiaJwt.TryParse(token, out var jwt, out var error) || jwt is null)
        {
            return new(null, TokenFailure.Malformed, error, null);
        }

        var signature = VerifySignature(jwt, expected.TrustedCertificates);
        if (!signature.Success)
        {
            return signature;
        }

        if (jwt.TokenType is { } sbt && sbt != expected.TokenType)
        {
            return Fail(jwt, TokenFailure.WrongTokenType, $"The token is of kind '{sbt}', not '{expected.TokenType}'.");
        }

        var issuer = jwt.GetString("iss");
        if (issuer is null || !expected.Issuers.Contains(issuer, StringComparer.Ordinal))
        {
            return Fail(jwt, TokenFailure.IssuerMismatch, $"iss '{issuer}' is not among the expected issuers ({string.Join(", ", expected.Issuers)}).");
        }

        var audienceClaim = expected.TokenType == TokenTypes.Id ? "aud" : "client_id";
        var audience = jwt.GetString(audienceClaim);
        if (audience != expected.ClientId)
        {
            return Fail(jwt, TokenFailure.AudienceMismatch, $"{audienceClaim} '{audience}' is not this client ('{expected.ClientId}').");
        }

        var now = expected.Now.ToUnixTimeSeconds();
        var skew = (long)expected.ClockSkew.TotalSeconds;
        if (jwt.GetNumber("exp") is not { } exp)
        {
            return Fail(jwt, TokenFailure.MissingClaim, "exp is missing.");
        }

        if (now > exp + skew)
        {
            return Fail(jwt, TokenFailure.Expired, $"exp {exp} has passed (now {now}).");
        }

        if (jwt.GetNumber("nbf") is { } nbf && now + skew < nbf)
        {
            return Fail(jwt, TokenFailure.NotYetValid, $"nbf {nbf} is in the future (now {now}).");
        }

        if (jwt.GetNumber("iat") is { } iat && now + skew < iat)
        {
            return Fail(jwt, TokenFailure.IssuedInFuture, $"iat {iat} is in the future (now {now}).");
        }

        var subject = expected.TokenType == TokenTypes.Id ? jwt.GetNumber("sub") : jwt.GetNumber("urn:esia:sbj_id");
        if (subject is null)
        {
            return Fail(jwt, TokenFailure.MissingClaim, expected.TokenType == TokenTypes.Id ? "sub is missing." : "urn:esia:sbj_id is missing.");
        }

        if (expected.Subject is { } wanted && subject != wanted)
        {
            return Fail(jwt, TokenFailure.SubjectMismatch, $"The subject {subject} differs from the expected {wanted}.");
        }

        return new(jwt, null, "Valid.", signature.SignedBy);
    }

    private static TokenValidation Fail(EsiaJwt jwt, TokenFailure failure, string detail) => new(jwt, failure, detail, null);
}
