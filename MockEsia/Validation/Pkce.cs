using System.Security.Cryptography;
using System.Text;
using Esia.Protocol;
using Esia.Protocol.Errors;
using Esia.Protocol.Tokens;
using MockEsia.Configuration;

namespace MockEsia.Validation;

/// <summary>
/// PKCE (reference §3.1: optional, ESIA-007039/007040; method and the te parameter's name unknown). Checked only when
/// the client sends <c>code_challenge</c> at <c>v2/ac</c> or <c>code_verifier</c> at <c>te</c>; a flow without either
/// goes on as before. The method named by <c>code_challenge_method</c> is honoured; without one, the reading
/// <see cref="ReadingOptions.PkceMethod"/> decides.
/// </summary>
internal static class Pkce
{
    /// <summary>The challenge and its method from an authorization request, or the refusal of a malformed one.</summary>
    public static (string? Challenge, string? Method, Refusal? Refusal) Challenge(RequestParameters p, PkceMethodReading reading)
    {
        var challenge = p[EsiaParameters.CodeChallenge];
        if (string.IsNullOrEmpty(challenge))
        {
            return (null, null, null);
        }

        var method = p[EsiaParameters.CodeChallengeMethod] is { Length: > 0 } named ? named : reading == PkceMethodReading.S256 ? "S256" : "plain";
        if (method is not ("S256" or "plain"))
        {
            return (null, null, new Refusal(EsiaErrors.InvalidRequest, "pkce.method", EsiaParameters.CodeChallengeMethod,
                $"code_challenge_method is '{method}'; PKCE knows 'S256' and 'plain'.", "Send code_challenge_method=S256."));
        }

        if (challenge.Length is < 43 or > 128 || !challenge.All(IsUnreserved))
        {
            return (null, null, new Refusal(EsiaErrors.InvalidRequest, "pkce.challenge", EsiaParameters.CodeChallenge,
                $"code_challenge has {challenge.Length} characters; RFC 7636 wants 43 to 128 of [A-Za-z0-9-._~] (S256: base64url of the SHA-256, 43 characters).",
                "Send base64url(SHA-256(code_verifier)) without padding."));
        }

        return (challenge, method, null);
    }

    /// <summary>Checks the verifier at te against what the code was issued for; null when PKCE holds or was not used.</summary>
    public static Refusal? Verify(string? challenge, string? method, string? verifier)
    {
        if (challenge is null)
        {
            return string.IsNullOrEmpty(verifier) ? null : new Refusal(EsiaErrors.PkceChallengeMissing, "pkce.challenge", EsiaParameters.CodeVerifier,
                "code_verifier is sent, but the authorization request had no code_challenge.", "Send code_challenge (and code_challenge_method) at v2/ac, or no code_verifier at te.");
        }

        if (string.IsNullOrEmpty(verifier))
        {
            return Refusal.Missing(EsiaParameters.CodeVerifier);
        }

        var expected = method == "S256" ? Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) : verifier;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge)) ? null
            : new Refusal(EsiaErrors.PkceMismatch, "pkce.verifier", EsiaParameters.CodeVerifier,
                method == "S256"
                    ? $"base64url(SHA-256(code_verifier)) is {expected}, but the code_challenge at v2/ac was {challenge} (method S256)."
                    : $"code_verifier differs from the code_challenge sent at v2/ac (method plain).",
                "Send the code_verifier whose challenge went to v2/ac with this login.");
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
