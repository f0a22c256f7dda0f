using System.Text;
using Esia.Protocol.Crypto;
using Esia.Protocol.Errors;
using Esia.Protocol.Secrets;
using MockEsia.Clients;

namespace MockEsia.Validation;

/// <summary>The outcome of checking a request's <c>client_secret</c>.</summary>
/// <param name="Refusal">Null when the client proved itself.</param>
/// <param name="Matched">Which signed string the signature verified over.</param>
/// <param name="Certificate">The registered certificate that verified it.</param>
public sealed record ClientProof(Refusal? Refusal, SignedStringKind? Matched, EsiaCertificate? Certificate);

/// <summary>
/// Checks what a client proves about itself: <c>client_certificate_hash</c> and the <c>client_secret</c> signature,
/// raw (v2/v3) or CMS (v1), against the certificates registered for it, at the mock's current time.
/// </summary>
public sealed class ClientAuthentication
{
    /// <summary>v2/v3: a raw GOST signature over one of <paramref name="kinds"/>, with the certificate named by its hash.</summary>
    public ClientProof VerifyRaw(ClientRegistration client, RequestParameters p, SignedStringFields fields, IReadOnlyList<SignedStringKind> kinds, bool hashRequired, DateTimeOffset now)
    {
        var decoded = ClientSecretCodec.Decode(p["client_secret"]);
        if (decoded.Success && decoded.Form == ClientSecretForm.Cms && client.AcceptV1SignatureOnV2)
        {
            return VerifyCms(client, decoded, fields, now);
        }

        var hash = p["client_certificate_hash"];
        EsiaCertificate? certificate = null;
        if (string.IsNullOrEmpty(hash))
        {
            if (hashRequired)
            {
                return Fail(Refusal.Missing("client_certificate_hash"));
            }
        }
        else if (CheckHash(client, hash, out certificate) is { } hashRefusal)
        {
            return Fail(hashRefusal);
        }

        var candidates = certificate is not null ? [certificate] : client.Certificates;
        if (!decoded.Success)
        {
            return Fail(Secret("client_secret.encoding", decoded.Detail, "Send base64url (or base64) of the raw signature bytes."));
        }

        if (decoded.Form == ClientSecretForm.Cms)
        {
            return Fail(Secret("client_secret.format", "client_secret is a CMS/PKCS#7 container, but v2/v3 endpoints take the raw GOST signature (64 bytes for a 256-bit key).",
                "Sign with a raw signer (openssl dgst -sign, BouncyCastle ECGOST3410-2012-256), not with openssl cms/smime."));
        }

        if (ActiveCertificate(candidates, now, out var inactive) is not { } active)
        {
            return Fail(inactive!);
        }

        foreach (var cert in active)
        {
            foreach (var kind in kinds)
            {
                if (cert.VerifyRaw(SignedString.Bytes(kind, fields), decoded.Bytes))
                {
                    return new ClientProof(null, kind, cert);
                }
            }
        }

        var expected = SignedString.Build(kinds[0], fields);
        var reversed = decoded.Bytes.Reverse().ToArray();
        var why = active.Any(c => kinds.Any(k => c.VerifyRaw(SignedString.Bytes(k, fields), reversed)))
            ? "The signature is byte-reversed: CryptoPro CSP output must be mirrored byte by byte before sending (s‖r, big-endian)."
            : active.Any(c => c.VerifyRaw(SignedString.Bytes(SignedStringKind.V1, fields), decoded.Bytes))
                ? "The signature verifies over the v1 string (scope+timestamp+client_id+state), but this endpoint expects " + SignedString.Formula(kinds[0]) + "."
                : $"The signature does not verify over the expected string '{expected}' ({SignedString.Formula(kinds[0])}) with the registered certificate.";
        return Fail(Secret("client_secret.signature", why, $"Sign exactly '{expected}' as UTF-8."));
    }

    /// <summary>v1: a CMS SignedData over the v1 string, signed by a registered, currently valid certificate.</summary>
    public ClientProof VerifyCms(ClientRegistration client, RequestParameters p, SignedStringFields fields, DateTimeOffset now)
    {
        var decoded = ClientSecretCodec.Decode(p["client_secret"]);
        if (!decoded.Success)
        {
            return Fail(Secret("client_secret.encoding", decoded.Detail, "Send base64url (or base64) of the DER CMS."));
        }

        if (decoded.Form == ClientSecretForm.Raw)
        {
            return Fail(Secret("client_secret.format", "client_secret is a raw signature, but the v1 endpoints take a CMS/PKCS#7 SignedData.", "Use v2/ac and v3/te for raw signatures."));
        }

        return VerifyCms(client, decoded, fields, now);
    }

    private static ClientProof VerifyCms(ClientRegistration client, DecodedClientSecret decoded, SignedStringFields fields, DateTimeOffset now)
    {
        var message = SignedString.Bytes(SignedStringKind.V1, fields);
        var result = CmsSignature.Verify(decoded.Bytes, message, client.Certificates);
        if (!result.Success)
        {
            return Fail(Secret("client_secret.cms", result.Detail, $"Sign exactly '{Encoding.UTF8.GetString(message)}' ({SignedString.Formula(SignedStringKind.V1)})."));
        }

        if (!result.Signer!.IsValidAt(now))
        {
            return Fail(Inactive(result.Signer, now));
        }

        return new ClientProof(null, SignedStringKind.V1, result.Signer);
    }

    private static Refusal? CheckHash(ClientRegistration client, string hash, out EsiaCertificate? certificate)
    {
        certificate = client.Certificates.FirstOrDefault(c => ClientCertificateHash.Matches(hash, c));
        if (certificate is not null)
        {
            return null;
        }

        var trimmed = hash.Trim();
        var why = client.Certificates.FirstOrDefault(c => string.Equals(c.Sha1Hex, trimmed, StringComparison.OrdinalIgnoreCase)) is not null
            ? "client_certificate_hash is the SHA-1 fingerprint of the registered certificate; ESIA expects its Streebog-256 (GOST R 34.11-2012) hash."
            : client.Certificates.FirstOrDefault(c => string.Equals(c.Sha256Hex, trimmed, StringComparison.OrdinalIgnoreCase)) is not null
                ? "client_certificate_hash is the SHA-256 fingerprint of the registered certificate; ESIA expects its Streebog-256 (GOST R 34.11-2012) hash."
                : !ClientCertificateHash.IsWellFormed(trimmed)
                    ? $"client_certificate_hash has {trimmed.Length} characters; a Streebog-256 hash is 64 hex characters."
                    : "client_certificate_hash matches none of the certificates registered for this client.";
        return new Refusal(EsiaErrors.ClientSecretWrong, "client_certificate_hash", "client_certificate_hash", why,
            $"Send the upper-case hex Streebog-256 of the certificate's DER: {client.Certificates[0].Streebog256Hex} for the first registered certificate.");
    }

    private static IReadOnlyList<EsiaCertificate>? ActiveCertificate(IReadOnlyList<EsiaCertificate> candidates, DateTimeOffset now, out Refusal? refusal)
    {
        var active = candidates.Where(c => c.IsValidAt(now)).ToArray();
        refusal = active.Length == 0 ? Inactive(candidates[0], now) : null;
        return active.Length == 0 ? null : active;
    }

    private static Refusal Inactive(EsiaCertificate certificate, DateTimeOffset now) => new(
        EsiaErrors.ClientSecretWrong, "certificate.validity", "client_certificate_hash",
        now < certificate.NotBefore
            ? $"The client certificate is not valid yet: valid from {certificate.NotBefore:u}, now is {now:u}."
            : $"The client certificate has expired: valid until {certificate.NotAfter:u}, now is {now:u}.",
        "Register a current certificate.");

    private static Refusal Secret(string check, string why, string fix) => new(EsiaErrors.ClientSecretWrong, check, "client_secret", why, fix);

    private static ClientProof Fail(Refusal refusal) => new(refusal, null, null);
}
