using System.Text;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Secrets;
using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Journal;

namespace MockEsia.Diagnostics;

/// <summary>The doctor's finding: why a signature failed, what was expected, what it really signs, and a fix.</summary>
/// <param name="Cause">The cause in plain words.</param>
/// <param name="Expected">The string the server expected to be signed.</param>
/// <param name="Matched">The string the signature verifies over, when a candidate matched.</param>
/// <param name="Fix">A one-line fix.</param>
/// <param name="CandidatesTried">How many candidate strings were tried.</param>
internal sealed record DoctorFinding(string Cause, string Expected, string? Matched, string Fix, int CandidatesTried)
{
    /// <summary>One line for the journal and the log.</summary>
    public override string ToString() =>
        $"{Cause} Expected: '{Expected}'." + (Matched is null ? "" : $" The signature verifies over: '{Matched}'.") + $" Fix: {Fix} ({CandidatesTried} candidates tried)";
}

/// <summary>
/// Finds out why a <c>client_secret</c> did not verify by trying the mistakes real clients make: another request
/// kind's string, fields in the wrong order, <c>scope_org</c> sent but not signed, a state, timestamp or redirect_uri
/// from an earlier request, the redirect_uri's query dropped, byte-reversed CSP output, CMS for raw and back, another
/// registered certificate. Says honestly when no candidate matched.
/// </summary>
/// <param name="clients">The registered clients (another client's certificate is a candidate).</param>
/// <param name="journal">Recent requests (an earlier request's values are candidates).</param>
/// <param name="options">The GOST implementation this server verifies with.</param>
internal sealed class SignatureDoctor(ClientRegistry clients, RequestJournal journal, IOptions<MockEsiaOptions> options)
{
    private const int RecentEntries = 30;

    /// <summary>Diagnoses a raw signature that did not verify over <paramref name="expectedKind"/>'s string.</summary>
    public DoctorFinding DiagnoseRaw(ClientRegistration client, SignedStringKind expectedKind, SignedStringFields sent, byte[] signature, IReadOnlyList<EsiaCertificate> certificates)
    {
        var expected = SignedString.Build(expectedKind, sent);
        var tried = 0;
        bool Verifies(string message, IEnumerable<EsiaCertificate> certs, byte[] sig)
        {
            var bytes = Encoding.UTF8.GetBytes(message);
            foreach (var cert in certs)
            {
                tried++;
                if (cert.VerifyRaw(bytes, sig, options.Value.Gost))
                {
                    return true;
                }
            }

            return false;
        }

        DoctorFinding Found(string cause, string matched, string fix) => new(cause, expected, matched, fix, tried);

        if (Verifies(expected, certificates, signature.Reverse().ToArray()))
        {
            return Found("The signature is byte-reversed: CryptoPro CSP output not mirrored.", expected, "Reverse the CSP signature bytes before base64 (ESIA wants s‖r, big-endian).");
        }

        if (sent.ScopeOrg.Length > 0 && Verifies(SignedString.Build(expectedKind, sent with { ScopeOrg = "" }), certificates, signature))
        {
            return Found("scope_org is sent as a parameter but left out of the signed string.", SignedString.Build(expectedKind, sent with { ScopeOrg = "" }), "Put scope_org right after scope in the signed string.");
        }

        foreach (var kind in Enum.GetValues<SignedStringKind>().Where(k => k != expectedKind))
        {
            var other = SignedString.Build(kind, sent);
            if (other != expected && Verifies(other, certificates, signature))
            {
                if (RefreshProfileOf(kind) is { } signedProfile && RefreshProfileOf(expectedKind) is { } clientProfile)
                {
                    return Found($"The signature verifies over the {signedProfile} refresh profile's string ({SignedString.Formula(kind)}), but {client.ClientId}'s " +
                        $"refreshProfile is {clientProfile} ({SignedString.Formula(expectedKind)}). ESIA's refresh string is unknown (reference §5.3).", other,
                        $"Set refreshProfile to {signedProfile} (or Either) for {client.ClientId} to accept it, or sign the {clientProfile} string.");
                }

                var cause = kind == SignedStringKind.V1
                    ? $"The v1 string was signed ({SignedString.Formula(kind)}), but this endpoint expects {SignedString.Formula(expectedKind)}."
                    : $"The string of another request kind was signed ({SignedString.Formula(kind)}); this endpoint expects {SignedString.Formula(expectedKind)}.";
                return Found(cause, other, $"Sign {SignedString.Formula(expectedKind)}.");
            }
        }

        foreach (var (name, matched) in Reorderings(expectedKind, sent))
        {
            if (Verifies(matched, certificates, signature))
            {
                return Found($"The fields are concatenated in the wrong order ({name}).", matched, $"Concatenate {SignedString.Formula(expectedKind)} in that order.");
            }
        }

        if (Uri.TryCreate(sent.RedirectUri, UriKind.Absolute, out var redirect) && redirect.Query.Length > 0)
        {
            var withoutQuery = sent with { RedirectUri = sent.RedirectUri[..sent.RedirectUri.IndexOf('?', StringComparison.Ordinal)] };
            var candidate = SignedString.Build(expectedKind, withoutQuery);
            if (Verifies(candidate, certificates, signature))
            {
                return Found("The signed redirect_uri lacks the query that the sent redirect_uri has.", candidate, "Sign redirect_uri exactly as sent, query included.");
            }
        }

        foreach (var (field, value, candidate) in EarlierValues(client, expectedKind, sent))
        {
            if (Verifies(candidate, certificates, signature))
            {
                return Found($"The signature covers a different {field} ('{value}', from an earlier request) than the one sent.", candidate, $"Sign the {field} you send in this request.");
            }
        }

        foreach (var other in clients.All)
        {
            var foreign = other.Certificates.Where(c => !certificates.Any(r => r.Der.AsSpan().SequenceEqual(c.Der))).ToArray();
            if (foreign.Length > 0 && Verifies(expected, foreign, signature))
            {
                return Found(other.ClientId == client.ClientId
                        ? "Signed with another certificate registered for this client than the one named by client_certificate_hash."
                        : $"Signed with the certificate registered for {other.ClientId}, not one of {client.ClientId}'s.",
                    expected, "Sign with the key of the certificate whose hash you send, and register it for this client.");
            }
        }

        return new DoctorFinding(
            $"No candidate matched: the signature verifies over none of the strings tried, with any certificate registered here. The key may be unregistered, or the signed string differs in a way not tried.",
            expected, null, $"Sign exactly '{expected}' as UTF-8 with the registered key.", tried);
    }

    /// <summary>Diagnoses a CMS sent where a raw signature is expected, or a CMS that failed on a v1 endpoint.</summary>
    public DoctorFinding DiagnoseCms(ClientRegistration client, SignedStringKind expectedKind, SignedStringFields sent, byte[] cms)
    {
        var expected = SignedString.Build(expectedKind, sent);
        var candidates = Enum.GetValues<SignedStringKind>().Select(k => (Kind: k, Text: SignedString.Build(k, sent))).DistinctBy(c => c.Text).ToArray();
        var signer = CmsSignature.EmbeddedSigner(cms);
        var registered = clients.All.SelectMany(c => c.Certificates).ToArray();
        foreach (var (kind, text) in candidates)
        {
            var result = CmsSignature.Verify(cms, Encoding.UTF8.GetBytes(text), signer is null ? registered : [signer]);
            if (result.Success)
            {
                var wrongForm = expectedKind != SignedStringKind.V1;
                var registeredSigner = client.Certificates.Any(c => c.Der.AsSpan().SequenceEqual(result.Signer!.Der));
                if (!wrongForm && kind == expectedKind && !registeredSigner)
                {
                    var rsa = result.Signer!.KeyAlgorithm == KeyAlgorithm.Rsa ? " It has an RSA key, which ESIA no longer takes." : "";
                    return new DoctorFinding($"The CMS signs the right string, but its signer ({result.Signer!.Subject}) is not registered for {client.ClientId}.{rsa}",
                        expected, text, rsa.Length > 0 ? "Sign with the GOST R 34.10-2012 key registered for " + client.ClientId + "."
                            : $"Sign with the key of a certificate registered for {client.ClientId}, or register this certificate for it.", candidates.Length);
                }

                var cause = wrongForm
                    ? $"client_secret is a CMS/PKCS#7 over the {Name(kind)} string; this endpoint takes a raw GOST signature over {SignedString.Formula(expectedKind)}."
                    : $"The CMS signs the {Name(kind)} string, not {SignedString.Formula(expectedKind)}.";
                var unregistered = registeredSigner ? "" : $" Its signer ({result.Signer!.Subject}) is not registered for {client.ClientId} either.";
                return new DoctorFinding(cause + unregistered, expected, text,
                    wrongForm ? "Use a raw signer (openssl dgst -sign) on v2/ac and v3/te, or the v1 endpoints for CMS." : $"Sign {SignedString.Formula(expectedKind)}.", candidates.Length);
            }
        }

        return new DoctorFinding("No candidate matched: the CMS verifies over none of the strings tried.", expected, null, $"Sign exactly '{expected}'.", candidates.Length);
    }

    /// <summary>Diagnoses a raw signature sent to a v1 endpoint, which takes CMS.</summary>
    public DoctorFinding DiagnoseRawOnV1(ClientRegistration client, SignedStringFields sent, byte[] signature)
    {
        var finding = DiagnoseRaw(client, SignedStringKind.V1, sent, signature, client.Certificates);
        var matched = client.Certificates.Any(c => c.VerifyRaw(Encoding.UTF8.GetBytes(SignedString.Build(SignedStringKind.V1, sent)), signature, options.Value.Gost))
            ? SignedString.Build(SignedStringKind.V1, sent)
            : finding.Matched;
        return new DoctorFinding("client_secret is a raw signature, but the v1 endpoints take a CMS/PKCS#7 SignedData." + (matched is null ? "" : " The raw signature itself is over: '" + matched + "'."),
            finding.Expected, matched, "Use v2/ac and v3/te for raw signatures, or send CMS here.", finding.CandidatesTried);
    }

    private static string? RefreshProfileOf(SignedStringKind kind) => kind switch
    {
        SignedStringKind.V3RefreshStrict => nameof(RefreshSignatureProfile.Strict),
        SignedStringKind.V3RefreshAlternative => nameof(RefreshSignatureProfile.Alternative),
        _ => null,
    };

    private static string Name(SignedStringKind kind) => kind switch
    {
        SignedStringKind.V1 => "v1",
        SignedStringKind.V2Authorize => EndpointNames.AuthorizeV2,
        SignedStringKind.V3AuthorizationCode => "v3/te authorization_code",
        SignedStringKind.V3RefreshStrict => "v3/te refresh (strict)",
        SignedStringKind.V3RefreshAlternative => "v3/te refresh (alternative)",
        _ => "v3/te client_credentials",
    };

    private static IEnumerable<(string Name, string Text)> Reorderings(SignedStringKind kind, SignedStringFields f)
    {
        (string Name, string Value)[] fields =
        [
            (EsiaParameters.ClientId, f.ClientId), (EsiaParameters.Scope, f.Scope + f.ScopeOrg), (EsiaParameters.Timestamp, f.Timestamp), (EsiaParameters.State, f.State), (EsiaParameters.RedirectUri, f.RedirectUri),
        ];
        var suffix = kind switch
        {
            SignedStringKind.V3AuthorizationCode => f.Code,
            SignedStringKind.V3RefreshAlternative => f.RefreshToken,
            _ => "",
        };
        var expected = SignedString.Build(kind, f);
        var seen = new HashSet<string>(StringComparer.Ordinal) { expected };
        foreach (var order in Permutations(fields))
        {
            var text = string.Concat(order.Select(o => o.Value)) + suffix;
            if (seen.Add(text))
            {
                yield return (string.Join(" + ", order.Select(o => o.Name)) + (suffix.Length > 0 ? " + …" : ""), text);
            }
        }
    }

    private static IEnumerable<(string Name, string Value)[]> Permutations((string Name, string Value)[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    private IEnumerable<(string Field, string Value, string Text)> EarlierValues(ClientRegistration client, SignedStringKind kind, SignedStringFields f)
    {
        var recent = journal.Query(new JournalQuery { ClientId = client.ClientId }, RecentEntries);
        foreach (var field in new[] { EsiaParameters.State, EsiaParameters.Timestamp, EsiaParameters.RedirectUri })
        {
            foreach (var value in recent.Select(e => e.Parameters.GetValueOrDefault(field)).OfType<string>().Distinct())
            {
                var changed = field switch
                {
                    EsiaParameters.State => f with { State = value },
                    EsiaParameters.Timestamp => f with { Timestamp = value },
                    _ => f with { RedirectUri = value },
                };
                var text = SignedString.Build(kind, changed);
                if (text != SignedString.Build(kind, f))
                {
                    yield return (field, value, text);
                }
            }
        }
    }
}
