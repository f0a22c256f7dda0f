using Esia.Protocol;
using Esia.Protocol.Scopes;
using Esia.Protocol.Tokens;
using MockEpgu;
using MockEpgu.Access;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Endpoints.Rest;
using MockEsia.Journal;
using MockEsia.People;
using MockEsia.Requests;
using MockEsia.State;

namespace MockEsia.Epgu;

/// <summary>
/// MockEsia as the ESIA beside API ЕПГУ: a bearer token checked as ESIA's REST API checks it (signature, type, issuer,
/// lifetime, expiry drills; no REST faults), read into the caller — system, person, scopes, the organisation of an
/// organisation scope, the person's live APIPGU consent and their place in that organisation — and each client's services.
/// </summary>
internal sealed class EpguHost(BearerAuthentication bearer, IMockEsiaStore store, PeopleStore people, ClientRegistry clients, ServerReadings readings, TimeProvider clock)
    : IEpguHost
{
    /// <summary>The consent API ЕПГУ needs (epgu-api.md §1.3).</summary>
    public const string ConsentType = "APIPGU";

    /// <inheritdoc />
    public EpguReadings Readings => readings.Current.Readings.Epgu;

    /// <inheritdoc />
    public IReadOnlyCollection<string>? ServicesOf(string clientId) => clients.Find(clientId)?.EpguServices;

    /// <inheritdoc />
    public async ValueTask<IResult?> FaultAsync(HttpContext context)
    {
        EsiaJwt? unverified = null;
        if (BearerHeader.Token(context.Request) is { } raw)
        {
            EsiaJwt.TryParse(raw, out unverified, out _);
        }

        return await bearer.FaultAsync(context, unverified, FaultEndpoint.Epgu);
    }

    /// <inheritdoc />
    public async ValueTask<EpguAuthentication> AuthenticateAsync(HttpContext context)
    {
        if (BearerHeader.Token(context.Request) is not { } raw)
        {
            return EpguAuthentication.Deny("The request has no 'Authorization: Bearer <access_token>' header.");
        }

        if (!EsiaJwt.TryParse(raw, out var token, out var problem))
        {
            return EpguAuthentication.Deny($"The bearer token is not an ESIA JWT: {problem}");
        }

        if (bearer.Verify(raw, token!) is { } why)
        {
            return EpguAuthentication.Deny(why);
        }

        var clientId = token!.GetString(EsiaClaims.ClientId) ?? "";
        if (clients.Find(clientId) is null)
        {
            return EpguAuthentication.Deny($"The token's client_id '{clientId}' is not a system this ESIA knows.");
        }

        var personOid = token.GetNumber(EsiaClaims.SubjectId);
        var record = RequestRecord.Of(context);
        (record.ClientId, record.PersonOid) = (clientId, personOid);
        var scopes = EsiaScopes.Split(token.GetString(EsiaClaims.Scope)).ToArray();
        var bare = scopes.Select(s => s.Split('?')[0]).ToHashSet(StringComparer.Ordinal);
        var organisation = scopes.Select(EsiaScopes.Normalize).Where(s => EsiaScopes.Organization.Contains(s.Name) && s.Query.StartsWith("org_oid=", StringComparison.Ordinal))
            .Select(s => long.TryParse(s.Query["org_oid=".Length..], out var oid) ? oid : (long?)null).FirstOrDefault(o => o is not null);
        var consented = personOid is { } person && await store.FindConsentAsync(clientId, person, ConsentType, clock.GetUtcNow()) is not null;
        var membership = personOid is { } member && organisation is { } org ? people.Find(member)?.Organizations.FirstOrDefault(o => o.Oid == org) : null;
        return EpguAuthentication.Of(new EpguCaller(clientId, personOid, bare, organisation, consented, membership));
    }
}
