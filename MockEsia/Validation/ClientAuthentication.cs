using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Errors;
using Esia.Protocol.Secrets;
using MockEsia.Clients;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;
using MockEsia.Diagnostics;
using MockEsia.Journal;

namespace MockEsia.Validation;

/// <summary>The outcome of checking a request's <c>client_secret</c>.</summary>
/// <param name="Refusal">Null when the client proved itself.</param>
/// <param name="Matched">Which signed string the signature verified over.</param>
/// <param name="Certificate">The registered certificate that verified it.</param>
/// <param name="Doctor">The signature doctor's finding when the proof failed.</param>
internal sealed record ClientProof(Refusal? Refusal, SignedStringKind? Matched, EsiaCertificate? Certificate, DoctorFinding? Doctor = null)
{
    /// <summary>The string the signature verified over (secrets in it shortened) and its Streebog-256, for the journal.</summary>
    public string? Evidence { get; init; }

    /// <summary>Describes a successful proof for the journal.</summary>
    public string Describe() => Refusal?.Why ?? $"verified over the {Matched} string with {Certificate?.Subject}; {Evidence}";
}

/// <summary>
/// Checks what a client proves about itself: <c>client_certificate_hash</c> and the <c>client_secret</c> signature,
/// raw (v2/v3) or CMS (v1), against the certificates registered for it, at the mock's current time.
/// </summary>
/// <param name="doctor">Explains failed proofs.</param>
/// <param name="options">The GOST implementation this server verifies with (<c>MockEsia:Gost</c>) and the readings.</param>
/// <param name="readings">The readings in force (the API-key signature's form).</param>
/// <param name="log">Where RSA client keys allowed for legacy testing are reported.</param>
/// <param name="clients">The other systems, whose certificates a wrong hash may name.</param>
internal sealed class ClientAuthentication(SignatureDoctor doctor, IOptions<MockEsiaOptions> options, ServerReadings readings, ILogger<ClientAuthentication> log, ClientRegistry clients)
{
    private GostImplementation Gost => options.Value.Gost;

    /// <summary>
    /// The client's proof of a request, the one check every ESIA endpoint makes the same way: v2/v3 (<see cref="ProtocolVersion.Current"/>),
    /// a raw signature over one of <paramref name="kinds"/> with <c>client_certificate_hash</c> (required unless
    /// <paramref name="hashRequired"/> is false); v1, a CMS over the v1 string. Noted in the journal (the check and the
    /// signature doctor's finding); returns the refusal when the proof failed.
    /// </summary>
    public Refusal? Prove(HttpContext context, ClientRegistration client, RequestParameters p, ProtocolVersion version, IReadOnlyList<SignedStringKind> kinds, DateTimeOffset now,
        bool hashRequired = true)
    {
        var fields = RequestChecks.Fields(p);
        var proof = version == ProtocolVersion.Current ? VerifyRaw(client, p, fields, kinds, hashRequired, now) : VerifyCms(client, p, fields, now);
        var record = RequestRecord.Of(context);
        record.Check(EsiaParameters.ClientSecret, proof.Refusal is null, proof.Describe());
        record.Doctor = proof.Doctor?.ToString();
        return proof.Refusal;
    }

    /// <summary>
    /// The organisation API-key token's proof (reference §5.4): a signature over the UTF-8 key, a detached CMS or a raw
    /// GOST signature as the reading <c>ApiKeySignature</c> takes. Noted in the journal; returns the refusal's reason.
    /// </summary>
    public string? ProveApiKey(HttpContext context, ClientRegistration client, string key, DecodedClientSecret decoded)
    {
        var reading = readings.Current.Readings.ApiKeySignature;
        var message = System.Text.Encoding.UTF8.GetBytes(key);
        var verified = decoded.Form == ClientSecretForm.Cms
            ? reading != ApiKeySignatureReading.Raw && CmsSignature.Verify(decoded.Bytes, message, client.Certificates).Success
            : reading != ApiKeySignatureReading.Cms && client.Certificates.Any(c => c.VerifyRaw(message, decoded.Bytes, Gost));
        var why = verified ? null : (decoded.Form, reading) switch
        {
            (ClientSecretForm.Cms, ApiKeySignatureReading.Raw) => "The signature is a CMS, but the reading ApiKeySignature=Raw takes only a raw GOST signature.",
            (ClientSecretForm.Raw, ApiKeySignatureReading.Cms) => "The signature is raw, but the reading ApiKeySignature=Cms takes only a detached CMS (CAdES-BES).",
            _ => $"The {(decoded.Form == ClientSecretForm.Cms ? "CMS" : "raw")} signature does not verify over the API key '{key}' (UTF-8) with a certificate of {client.ClientId}.",
        };
        RequestRecord.Of(context).Check("signature", verified, why ?? $"{decoded.Form} signature over the API key verified with {client.ClientId}'s certificate");
        return why;
    }

    // v2/v3: a raw GOST signature over one of the kinds, with the certificate named by its hash.
    private ClientProof VerifyRaw(ClientRegistration client, RequestParameters p, SignedStringFields fields, IReadOnlyList<SignedStringKind> kinds, bool hashRequired, DateTimeOffset now) =>
        Masked(KeyAlgorithmChecked(client, VerifyRawUnmasked(client, p, fields, kinds, hashRequired, now)), fields);

    // v1: a CMS SignedData over the v1 string, signed by a registered, currently valid certificate.
    private ClientProof VerifyCms(ClientRegistration client, RequestParameters p, SignedStringFields fields, DateTimeOffset now) =>
        Masked(KeyAlgorithmChecked(client, VerifyCmsUnmasked(client, p, fields, now)), fields);

    // ESIA no longer takes RSA client keys (reference §2): a proof made with one stands only under the client's legacy
    // switch, and then every use is logged as a warning and noted in the journal.
    private ClientProof KeyAlgorithmChecked(ClientRegistration client, ClientProof proof)
    {
        if (proof.Refusal is not null || proof.Certificate?.KeyAlgorithm != KeyAlgorithm.Rsa)
        {
            return proof;
        }

        if (!client.AllowRsaClientKeys)
        {
            return Fail(new Refusal(EsiaErrors.ClientSecretWrong, "certificate.algorithm", EsiaParameters.ClientSecret,
                $"The request is signed with an RSA key ({proof.Certificate.Subject}); ESIA no longer takes RSA client keys.",
                $"Sign with a GOST R 34.10-2012 key, or set allowRsaClientKeys on {client.ClientId} for legacy testing."));
        }

        log.LogWarning("{ClientId} signed with an RSA key ({Subject}), allowed by allowRsaClientKeys for legacy testing; ESIA refuses RSA client keys",
            client.ClientId, proof.Certificate.Subject);
        return proof with { Evidence = proof.Evidence + "; RSA client key, allowed by allowRsaClientKeys for legacy testing (ESIA refuses it)" };
    }

    // Diagnoses quote signed strings, which hold the code or refresh token: shorten those before anything is logged.
    private static ClientProof Masked(ClientProof proof, SignedStringFields fields)
    {
        string M(string text) => SecretText.Without(SecretText.Without(text, fields.Code), fields.RefreshToken);

        return proof with
        {
            Refusal = proof.Refusal is { } r ? r with { Why = M(r.Why), Fix = r.Fix is null ? null : M(r.Fix) } : null,
            Doctor = proof.Doctor is { } d ? d with { Cause = M(d.Cause), Expected = M(d.Expected), Matched = d.Matched is null ? null : M(d.Matched), Fix = M(d.Fix) } : null,
        };
    }

    private ClientProof VerifyRawUnmasked(ClientRegistration client, RequestParameters p, SignedStringFields fields, IReadOnlyList<SignedStringKind> kinds, bool hashRequired, DateTimeOffset now)
    {
        if (Spaces(p) is { } spaces)
        {
            return Fail(spaces);
        }

        var decoded = ClientSecretCodec.Decode(p[EsiaParameters.ClientSecret]);
        if (decoded.Success && decoded.Form == ClientSecretForm.Cms && client.AcceptV1SignatureOnV2)
        {
            return VerifyCms(client, decoded, fields, now, doctor);
        }

        var hash = p[EsiaParameters.ClientCertificateHash];
        EsiaCertificate? certificate = null;
        if (string.IsNullOrEmpty(hash))
        {
            if (hashRequired)
            {
                return Fail(Refusal.Missing(EsiaParameters.ClientCertificateHash));
            }
        }
        else if (CheckHash(client, hash, out certificate) is { } hashRefusal)
        {
            return Fail(hashRefusal, new DoctorFinding(hashRefusal.Why, client.Certificates[0].Streebog256Hex, null, hashRefusal.Fix!, client.Certificates.Count * 3));
        }

        var candidates = certificate is not null ? [certificate] : client.Certificates;
        if (!decoded.Success)
        {
            return Encoding(decoded, SignedString.Build(kinds[0], fields));
        }

        if (decoded.Form == ClientSecretForm.Cms)
        {
            var finding = doctor.DiagnoseCms(client, kinds[0], fields, decoded.Bytes);
            return Fail(Secret("client_secret.format", "client_secret is a CMS/PKCS#7 container, but v2/v3 endpoints take the raw GOST signature (64 bytes for a 256-bit key). " + finding.Cause,
                "Sign with a raw signer (openssl dgst -sign, BouncyCastle ECGOST3410-2012-256), not with openssl cms/smime."), finding);
        }

        if (ActiveCertificate(candidates, now, out var inactive) is not { } active)
        {
            return Fail(inactive!);
        }

        foreach (var cert in active)
        {
            foreach (var kind in kinds)
            {
                if (cert.VerifyRaw(SignedString.Bytes(kind, fields), decoded.Bytes, Gost))
                {
                    return new ClientProof(null, kind, cert) { Evidence = Evidence(kind, fields) };
                }
            }
        }

        var diagnosis = doctor.DiagnoseRaw(client, kinds[0], fields, decoded.Bytes, active);
        return Fail(Secret("client_secret.signature", $"The signature does not verify over the expected string. {diagnosis.Cause}", diagnosis.Fix), diagnosis);
    }

    private ClientProof VerifyCmsUnmasked(ClientRegistration client, RequestParameters p, SignedStringFields fields, DateTimeOffset now)
    {
        if (Spaces(p) is { } spaces)
        {
            return Fail(spaces);
        }

        var decoded = ClientSecretCodec.Decode(p[EsiaParameters.ClientSecret]);
        if (!decoded.Success)
        {
            return Encoding(decoded, SignedString.Build(SignedStringKind.V1, fields));
        }

        if (decoded.Form == ClientSecretForm.Raw)
        {
            var finding = doctor.DiagnoseRawOnV1(client, fields, decoded.Bytes);
            return Fail(Secret("client_secret.format", finding.Cause, finding.Fix), finding);
        }

        return VerifyCms(client, decoded, fields, now, doctor);
    }

    private static ClientProof VerifyCms(ClientRegistration client, DecodedClientSecret decoded, SignedStringFields fields, DateTimeOffset now, SignatureDoctor doctor)
    {
        var message = SignedString.Bytes(SignedStringKind.V1, fields);
        var result = CmsSignature.Verify(decoded.Bytes, message, client.Certificates);
        if (!result.Success)
        {
            var finding = doctor.DiagnoseCms(client, SignedStringKind.V1, fields, decoded.Bytes);
            if (finding.Matched == finding.Expected)
            {
                // The right string, signed by the wrong key: one cause (the key), one fix.
                return Fail(Secret("client_secret.cms", finding.Cause, finding.Fix), finding);
            }

            var why = finding.Matched is null ? result.Detail : $"{result.Detail} {finding.Cause}";
            return Fail(Secret("client_secret.cms", why, $"Sign exactly '{System.Text.Encoding.UTF8.GetString(message)}' ({SignedString.Formula(SignedStringKind.V1)})."), finding);
        }

        if (!result.Signer!.IsValidAt(now))
        {
            return Fail(Inactive(result.Signer, now));
        }

        return new ClientProof(null, SignedStringKind.V1, result.Signer) { Evidence = Evidence(SignedStringKind.V1, fields) };
    }

    private Refusal? CheckHash(ClientRegistration client, string hash, out EsiaCertificate? certificate)
    {
        certificate = null;
        if (hash.Length != hash.Trim().Length && readings.Current.Readings.ClientSecretSpaces == ClientSecretSpacesReading.Refuse)
        {
            return new Refusal(EsiaErrors.ClientSecretWrong, EsiaParameters.ClientCertificateHash, EsiaParameters.ClientCertificateHash,
                "client_certificate_hash has white space around it.", "Send the 64 hex characters alone (reading ClientSecretSpaces=Repair trims them).");
        }

        certificate = client.Certificates.FirstOrDefault(c => ClientCertificateHash.Matches(hash, c));
        if (certificate is not null)
        {
            return null;
        }

        // A certificate this system had registered until a re-registration removed it (its certificate change).
        if (clients.Removed(client.ClientId, c => ClientCertificateHash.Matches(hash, c)) is { } removed)
        {
            return new Refusal(EsiaErrors.ClientSecretWrong, "client_certificate_hash.removed", EsiaParameters.ClientCertificateHash,
                $"client_certificate_hash is the hash of {removed.Certificate.Subject} (valid until {removed.Certificate.NotAfter:yyyy-MM-dd}), a certificate registered for {client.ClientId} until it was removed from the registration at {removed.RemovedAt:u}: requests signed with it are refused.",
                $"Sign with the certificate registered for {client.ClientId} now ({client.Certificates[0].Subject}, hash {client.Certificates[0].Streebog256Hex}).");
        }

        // Another system's certificate: the one real report of this case came back ESIA-007005 (reference §7.2, ekapusta #7).
        if (clients.All.FirstOrDefault(other => other.ClientId != client.ClientId && other.Certificates.Any(c => ClientCertificateHash.Matches(hash, c))) is { } owner)
        {
            var foreign = $"client_certificate_hash is the hash of a certificate registered for {owner.ClientId}, not for {client.ClientId}.";
            var fix = $"Sign with {client.ClientId}'s own key and send its certificate's hash ({client.Certificates[0].Streebog256Hex}).";
            return readings.Current.Readings.ForeignCertificateHash == ForeignCertificateHashReading.UnauthorizedClient
                ? new Refusal(EsiaErrors.UnauthorizedClient, "client_certificate_hash.foreign", EsiaParameters.ClientCertificateHash, foreign, fix)
                : new Refusal(EsiaErrors.ClientSecretWrong, EsiaParameters.ClientCertificateHash, EsiaParameters.ClientCertificateHash, foreign, fix);
        }

        var trimmed = hash.Trim();
        var why = client.Certificates.FirstOrDefault(c => string.Equals(c.Sha1Hex, trimmed, StringComparison.OrdinalIgnoreCase)) is not null
            ? "client_certificate_hash is the SHA-1 fingerprint of the registered certificate; ESIA expects its Streebog-256 (GOST R 34.11-2012) hash."
            : client.Certificates.FirstOrDefault(c => string.Equals(c.Sha256Hex, trimmed, StringComparison.OrdinalIgnoreCase)) is not null
                ? "client_certificate_hash is the SHA-256 fingerprint of the registered certificate; ESIA expects its Streebog-256 (GOST R 34.11-2012) hash."
                : !ClientCertificateHash.IsWellFormed(trimmed)
                    ? $"client_certificate_hash has {trimmed.Length} characters; a Streebog-256 hash is 64 hex characters."
                    : "client_certificate_hash matches none of the certificates registered for this client.";
        return new Refusal(EsiaErrors.ClientSecretWrong, EsiaParameters.ClientCertificateHash, EsiaParameters.ClientCertificateHash, why,
            $"Send the upper-case hex Streebog-256 of the certificate's DER: {client.Certificates[0].Streebog256Hex} for the first registered certificate.");
    }

    private static IReadOnlyList<EsiaCertificate>? ActiveCertificate(IReadOnlyList<EsiaCertificate> candidates, DateTimeOffset now, out Refusal? refusal)
    {
        var active = candidates.Where(c => c.IsValidAt(now)).ToArray();
        refusal = active.Length == 0 ? Inactive(candidates[0], now) : null;
        return active.Length == 0 ? null : active;
    }

    private static Refusal Inactive(EsiaCertificate certificate, DateTimeOffset now) => new(
        EsiaErrors.ClientSecretWrong, "certificate.validity", EsiaParameters.ClientCertificateHash,
        now < certificate.NotBefore
            ? $"The client certificate is not valid yet: valid from {certificate.NotBefore:u}, now is {now:u}."
            : $"The client certificate has expired: valid until {certificate.NotAfter:u}, now is {now:u}.",
        "Register a current certificate.");

    private static Refusal Secret(string check, string why, string fix) => new(EsiaErrors.ClientSecretWrong, check, EsiaParameters.ClientSecret, why, fix);

    // The signed string with the code or refresh token shortened, and the Streebog-256 of the real string.
    private static string Evidence(SignedStringKind kind, SignedStringFields fields)
    {
        var text = SignedString.Build(kind, fields);
        var shown = SecretText.Without(SecretText.Without(text, fields.Code), fields.RefreshToken);

        return $"signed string '{shown}', Streebog-256 {Convert.ToHexString(Streebog.Hash256(System.Text.Encoding.UTF8.GetBytes(text)))}";
    }

    private static ClientProof Encoding(DecodedClientSecret decoded, string expected) => Fail(
        Secret("client_secret.encoding", decoded.Detail, "Send base64url (or base64) of the signature bytes."),
        new DoctorFinding($"The client_secret could not be decoded: {decoded.Detail}", expected, null, "Send base64url (or base64) of the signature bytes.", 0));

    private static ClientProof Fail(Refusal refusal, DoctorFinding? finding = null) => new(refusal, null, null, finding);

    // White space in client_secret: a '+' that arrived unescaped (a space), or padding around it. Refused unless the reading
    // ClientSecretSpaces=Repair reads spaces as '+' and trims (reference §15.7 asks for %2B).
    private Refusal? Spaces(RequestParameters p) =>
        readings.Current.Readings.ClientSecretSpaces == ClientSecretSpacesReading.Refuse && p[EsiaParameters.ClientSecret] is { } secret && secret.Any(char.IsWhiteSpace)
            ? Secret("client_secret.spaces", secret.Trim().Contains(' ', StringComparison.Ordinal)
                    ? "client_secret contains a space: a '+' of standard base64 sent without escaping arrives as a space."
                    : "client_secret has white space around it.",
                "URL-encode client_secret (a '+' as %2B), or use base64url (reference §15.7; reading ClientSecretSpaces=Repair reads spaces as '+').")
            : null;
}
