using Esia.Protocol;
using Esia.Protocol.Errors;
using Esia.Protocol.Scopes;
using Esia.Protocol.Secrets;
using MockEsia.Configuration;
using MockEsia.Consents;
using MockEsia.People;
using MockEsia.State;
using MockEsia.Tokens;
using MockEsia.Validation;

namespace MockEsia.Endpoints.Token;

/// <summary>
/// te, <c>grant_type=client_credentials</c>: a system's own token for system or organisation scopes; or, with
/// <c>scope=prm_chg?oid=&lt;oid&gt;</c>, a person's token renewed without the person on the consents they gave the
/// system (reference §5.4, §10; epgu-api.md §1.3) — refused when none is live.
/// </summary>
/// <param name="authentication">The client's proof.</param>
/// <param name="store">The consents given.</param>
/// <param name="people">The people.</param>
internal sealed class ClientCredentialsGrant(ClientAuthentication authentication, IMockEsiaStore store, PeopleStore people) : ITokenGrant
{
    /// <summary>The scope that renews a person's token on their consents.</summary>
    public const string ConsentRenewal = "prm_chg";

    /// <inheritdoc />
    public string GrantType => EsiaGrantTypes.ClientCredentials;

    /// <inheritdoc />
    public IReadOnlyList<string> Required { get; } = [EsiaParameters.ClientSecret, EsiaParameters.State, EsiaParameters.Timestamp, EsiaParameters.Scope];

    /// <inheritdoc />
    public async Task<GrantOutcome> ValidateAsync(TokenRequest request)
    {
        var (client, p) = (request.Client, request.Parameters);
        if (request.Version == ProtocolVersion.Current && request.Readings.ClientCredentialsRedirectUri == ClientCredentialsRedirectReading.Required
            && p.FirstMissing(EsiaParameters.RedirectUri) is { } missing)
        {
            return GrantOutcome.Refused(Refusal.Missing(missing) with
            {
                Fix = "Send redirect_uri and sign client_id+scope+timestamp+state+redirect_uri (reference §5.4; reading ClientCredentialsRedirectUri=Optional takes it without).",
            });
        }

        if (authentication.Prove(request.Context, client, p, request.Version, [SignedStringKind.V3ClientCredentials], request.Now) is { } refused)
        {
            return GrantOutcome.Refused(refused);
        }

        var scope = p[EsiaParameters.Scope]!;
        var parts = EsiaScopes.Split(scope).Select(EsiaScopes.Normalize).ToArray();
        if (parts.Any(s => s.Name == ConsentRenewal))
        {
            return await RenewAsync(request, parts);
        }

        var names = parts.Select(s => s.Name).ToArray();
        if (names.FirstOrDefault(n => !client.IsScopeAllowed(n)) is { } notAllowed)
        {
            return GrantOutcome.Refused(new Refusal(EsiaErrors.InvalidScope, "scope.allowed", EsiaParameters.Scope, $"The scope '{notAllowed}' is not allowed for {client.ClientId}."));
        }

        return request.Readings.ClientCredentialsScopes == ClientCredentialsScopeReading.Any ? GrantOutcome.System(scope, names) : SystemScopes(scope, parts, names);
    }

    // A system's token is about no person: person scopes are refused, and an organisation scope names an organisation ESIA knows.
    private GrantOutcome SystemScopes(string scope, (string Name, string Query)[] parts, string[] names)
    {
        static GrantOutcome Refuse(string check, string why, string fix) =>
            GrantOutcome.Refused(new Refusal(EsiaErrors.InvalidScope, check, EsiaParameters.Scope, why, fix + " (reading ClientCredentialsScopes=Any takes it)."));
        if (names.FirstOrDefault(n => EsiaScopes.Find(n) is not null) is { } personScope)
        {
            return Refuse("scope.person", $"'{personScope}' is a person scope; a client_credentials token is about no person (reference §5.4).",
                "Ask for organisation scopes (org_*?org_oid=…), or log the person in at v2/ac");
        }

        var organisations = people.All.SelectMany(p => p.Organizations).Select(o => o.Oid).ToHashSet();
        foreach (var (name, query) in parts.Where(p => EsiaScopes.Organization.Contains(p.Name)))
        {
            if (!query.StartsWith("org_oid=", StringComparison.Ordinal) || !long.TryParse(query["org_oid=".Length..], out var oid) || !organisations.Contains(oid))
            {
                return Refuse("scope.org_oid", $"'{name}?{query}' names no organisation ESIA knows (org_oid={(query.Length > 8 ? query[8..] : "(none)")}).",
                    "Name an organisation the people of MockEsia work for, e.g. org_oid=1002416012");
            }
        }

        return GrantOutcome.System(scope, names);
    }

    // prm_chg?oid=N alone: the person's consented scopes again, for as long as a consent lives (which ESIA code refuses a missing one is unknown: invalid_scope).
    private async Task<GrantOutcome> RenewAsync(TokenRequest request, (string Name, string Query)[] parts)
    {
        static GrantOutcome Refuse(string check, string why) => GrantOutcome.Refused(new Refusal(EsiaErrors.InvalidScope, check, EsiaParameters.Scope, why));
        if (parts.Length != 1 || !parts[0].Query.StartsWith("oid=", StringComparison.Ordinal) || !long.TryParse(parts[0].Query[4..], out var oid))
        {
            return Refuse("scope.prm_chg", $"Renewing a person's token takes scope=prm_chg?oid=<the person's oid> alone, not '{request.Parameters[EsiaParameters.Scope]}' (reference §5.4).");
        }

        if (people.Find(oid) is not { } person)
        {
            return Refuse("scope.prm_chg", $"No person has the oid {oid}.");
        }

        var consents = new List<ConsentGrant>();
        foreach (var type in ConsentType.Known)
        {
            if (await store.FindConsentAsync(request.Client.ClientId, oid, type.Sysname, request.Now) is { } consent)
            {
                consents.Add(consent);
            }
        }

        if (consents.Count == 0)
        {
            return Refuse("scope.prm_chg.consent", $"Person {oid} has no live consent for {request.Client.ClientId} (never given, or expired): the person must consent again at v2/ac with permissions (reference §10).");
        }

        var scopes = consents.SelectMany(c => c.Scopes).Distinct(StringComparer.Ordinal).ToArray();
        return GrantOutcome.Person(new Subject(person, scopes, Guid.NewGuid().ToString(), request.Now), request.Parameters[EsiaParameters.RedirectUri] ?? "", offline: false);
    }
}
