using System.Text.Json.Nodes;
using Esia.Protocol;
using Esia.Protocol.Scopes;
using MockEsia.People;
using MockEsia.Responses;

namespace MockEsia.Endpoints.Rest;

/// <summary>The REST API: <c>/rs/prns/{oid}</c> with its collections, and <c>/rs/orgs/{oid}</c> (reference §8).</summary>
internal sealed class PersonApiEndpoints(PeopleStore people, BearerAuthentication bearer)
{
    /// <summary><c>GET /rs/prns/{oid}</c>, <c>/rs/prns/{oid}/{collection}</c> and <c>/rs/prns/{oid}/{collection}/{id}</c>.</summary>
    public async Task<IResult> PersonAsync(HttpContext context, long oid, string? collection, long? elementId)
    {
        var (denied, token) = await bearer.AuthenticateAsync(context);
        if (denied is not null)
        {
            return denied;
        }

        var subject = token!.GetNumber(EsiaClaims.SubjectId);
        if (subject is null || subject != oid)
        {
            return EsiaResults.RestForbidden(context, $"The token belongs to {subject?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no person"}, not to {oid}.");
        }

        if (people.Find(oid) is not { } person)
        {
            return EsiaResults.RestError(context, StatusCodes.Status404NotFound, "not_found", $"No person with oid {oid}.");
        }

        var granted = PersonRepresentation.GrantedScopes(token, oid);
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var embed = context.Request.Query["embed"].ToString();
        if (collection is null)
        {
            var root = PersonRepresentation.Root(person, granted);
            foreach (var (path, relation, _) in PersonRepresentation.Collections)
            {
                if (embed.Contains($"{relation}.elements", StringComparison.Ordinal) && PersonRepresentation.Elements(person, path, granted) is { } embedded)
                {
                    root[relation] = PersonRepresentation.Wrap(embedded.Select(e => (JsonNode?)e).ToArray());
                }
            }

            var data = RestResults.Data(context, baseUrl, "prn/Person-3", root);
            context.Response.Headers.Location = $"{baseUrl}{EsiaPaths.Persons}/{oid}";
            context.Response.Headers.Append("Link", $"<{baseUrl}{EsiaPaths.Persons}>;rel=parent;schema=\"{baseUrl}/rs/model/prns/Persons-1\"");
            foreach (var (path, relation) in PersonRepresentation.AdvertisedOnly)
            {
                context.Response.Headers.Append("Link", $"<{baseUrl}{EsiaPaths.Persons}/{oid}/{path}>;rel={relation}");
            }

            foreach (var (path, relation, model) in PersonRepresentation.Collections)
            {
                context.Response.Headers.Append("Link", $"<{baseUrl}{EsiaPaths.Persons}/{oid}/{path}>;rel={relation};schema=\"{baseUrl}/rs/model/{model}\"");
            }

            return data;
        }

        var spec = PersonRepresentation.Collections.FirstOrDefault(c => c.Path == collection);
        if (spec.Path is null)
        {
            return EsiaResults.RestError(context, StatusCodes.Status404NotFound, "not_found", $"No collection '{collection}'.");
        }

        if (PersonRepresentation.Elements(person, collection, granted) is not { } elements)
        {
            return EsiaResults.RestForbidden(context, $"No scope granted for /{collection} (granted: {string.Join(' ', granted)}).");
        }

        if (elementId is { } id)
        {
            var element = elements.FirstOrDefault(e => e["id"]?.GetValue<long>() == id || e["oid"]?.GetValue<long>() == id);
            if (element is null)
            {
                return EsiaResults.RestError(context, StatusCodes.Status404NotFound, "not_found", $"No element {id} in /{collection}.");
            }

            return RestResults.Data(context, baseUrl, spec.Model, element);
        }

        var inline = collection == "roles" || embed.Contains("elements", StringComparison.Ordinal);
        var items = inline
            ? elements.Select(e => (JsonNode?)e).ToArray()
            : elements.Select(e => (JsonNode?)JsonValue.Create(collection == "orgs"
                ? $"{baseUrl}{EsiaPaths.Organizations}/{e["oid"]}"
                : $"{baseUrl}{EsiaPaths.Persons}/{oid}/{collection}/{e["id"]}")).ToArray();
        var body = PersonRepresentation.Wrap(items);
        return RestResults.Data(context, baseUrl, spec.Model, body);
    }

    /// <summary><c>GET /rs/orgs/{oid}</c> with an organisation-scoped token.</summary>
    public async Task<IResult> OrganizationAsync(HttpContext context, long oid)
    {
        var (denied, token) = await bearer.AuthenticateAsync(context);
        if (denied is not null)
        {
            return denied;
        }

        var scopes = EsiaScopes.Split(token!.GetString(EsiaClaims.Scope)).Select(EsiaScopes.Normalize)
            .Where(s => s.Query.Split('&').Contains($"org_oid={oid}")).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (scopes.Count == 0)
        {
            return EsiaResults.RestForbidden(context, $"The token carries no organisation scope for org_oid={oid}.");
        }

        var org = people.All.SelectMany(p => p.Organizations).FirstOrDefault(o => o.Oid == oid);
        if (org is null)
        {
            return EsiaResults.RestError(context, StatusCodes.Status404NotFound, "not_found", $"No organisation with oid {oid}.");
        }

        var body = new JsonObject { ["stateFacts"] = new JsonArray("Identifiable"), ["oid"] = org.Oid };
        PersonRepresentation.Add(body, scopes.Contains("org_fullname") || scopes.Contains("org_inf"), "fullName", org.FullName);
        PersonRepresentation.Add(body, scopes.Contains("org_shortname") || scopes.Contains("org_inf"), "shortName", org.ShortName);
        PersonRepresentation.Add(body, scopes.Contains("org_ogrn") || scopes.Contains("org_inf"), "ogrn", org.Ogrn);
        PersonRepresentation.Add(body, scopes.Contains("org_inn") || scopes.Contains("org_inf"), "inn", org.Inn);
        PersonRepresentation.Add(body, scopes.Contains("org_kpp") || scopes.Contains("org_inf"), "kpp", org.Kpp);
        PersonRepresentation.Add(body, scopes.Contains("org_type") || scopes.Contains("org_inf"), "type", org.Type);
        body["isLiquidated"] = false;
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        return RestResults.Data(context, baseUrl, "org/Organization-1", body);
    }
}
