using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Esia.Protocol.Scopes;
using Esia.Protocol.Tokens;
using Microsoft.Extensions.Options;
using MockEsia.Configuration;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.People;
using MockEsia.Responses;
using MockEsia.State;
using MockEsia.Tokens;

namespace MockEsia.Endpoints;

/// <summary>The REST API: <c>/rs/prns/{oid}</c> with its collections, and <c>/rs/orgs/{oid}</c> (reference §8).</summary>
public sealed class PersonApiEndpoints
{
    private static readonly (string Path, string Relation, string Model)[] Collections =
    [
        ("ctts", "contacts", "ctts/Contacts-1"), ("addrs", "addresses", "addrs/Addresses-1"), ("docs", "documents", "docs/Documents-1"),
        ("vhls", "vehicles", "vhls/Vehicles-1"), ("kids", "kids", "kids/Kids-1"), ("orgs", "organizations", "orgs/Organizations-1"), ("roles", "roles", "roles/Roles-1"),
    ];

    private static readonly JsonSerializerOptions Utf8Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly PeopleStore _people;
    private readonly SigningKeys _keys;
    private readonly TimeProvider _clock;
    private readonly IOptionsMonitor<MockEsiaOptions> _options;
    private readonly FaultRegistry _faults;
    private readonly AccessTokenCutoffs _cutoffs;
    private readonly IssuedAccessTokens _issued;

    /// <summary>Creates the endpoints.</summary>
    public PersonApiEndpoints(PeopleStore people, SigningKeys keys, TimeProvider clock, IOptionsMonitor<MockEsiaOptions> options, FaultRegistry faults, AccessTokenCutoffs cutoffs, IssuedAccessTokens issued)
    {
        _issued = issued;
        _cutoffs = cutoffs;
        _faults = faults;
        _people = people;
        _keys = keys;
        _clock = clock;
        _options = options;
    }

    /// <summary><c>GET /rs/prns/{oid}</c>, <c>/rs/prns/{oid}/{collection}</c> and <c>/rs/prns/{oid}/{collection}/{id}</c>.</summary>
    public async Task<IResult> PersonAsync(HttpContext context, long oid, string? collection, long? elementId)
    {
        if (await FaultAsync(context) is { } faulted)
        {
            return faulted;
        }

        if (Authorize(context, out var token) is { } denied)
        {
            return denied;
        }

        var subject = token!.GetNumber("urn:esia:sbj_id");
        if (subject is null || subject != oid)
        {
            return Forbidden($"The token belongs to {subject?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no person"}, not to {oid}.");
        }

        if (_people.Find(oid) is not { } person)
        {
            return Error(StatusCodes.Status404NotFound, "not_found", $"No person with oid {oid}.");
        }

        var granted = GrantedScopes(token, oid);
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var embed = context.Request.Query["embed"].ToString();
        if (collection is null)
        {
            var root = Root(person, granted);
            foreach (var (path, relation, _) in Collections)
            {
                if (embed.Contains($"{relation}.elements", StringComparison.Ordinal) && Elements(person, path, granted) is { } embedded)
                {
                    root[relation] = Wrap(embedded.Select(e => (JsonNode?)e).ToArray());
                }
            }

            SetHeaders(context, baseUrl, "prn/Person-3", root);
            foreach (var (path, relation, model) in Collections)
            {
                context.Response.Headers.Append("Link", $"<{baseUrl}/rs/prns/{oid}/{path}>;rel={relation};schema=\"{baseUrl}/rs/model/{model}\"");
            }

            return Ok(root);
        }

        var spec = Collections.FirstOrDefault(c => c.Path == collection);
        if (spec.Path is null)
        {
            return Error(StatusCodes.Status404NotFound, "not_found", $"No collection '{collection}'.");
        }

        if (Elements(person, collection, granted) is not { } elements)
        {
            return Forbidden($"No scope granted for /{collection} (granted: {string.Join(' ', granted)}).");
        }

        if (elementId is { } id)
        {
            var element = elements.FirstOrDefault(e => e["id"]?.GetValue<long>() == id || e["oid"]?.GetValue<long>() == id);
            if (element is null)
            {
                return Error(StatusCodes.Status404NotFound, "not_found", $"No element {id} in /{collection}.");
            }

            SetHeaders(context, baseUrl, spec.Model, element);
            return Ok(element);
        }

        var inline = collection == "roles" || embed.Contains("elements", StringComparison.Ordinal);
        var items = inline
            ? elements.Select(e => (JsonNode?)e).ToArray()
            : elements.Select(e => (JsonNode?)JsonValue.Create(collection == "orgs"
                ? $"{baseUrl}/rs/orgs/{e["oid"]}"
                : $"{baseUrl}/rs/prns/{oid}/{collection}/{e["id"]}")).ToArray();
        var body = Wrap(items);
        SetHeaders(context, baseUrl, spec.Model, body);
        return Ok(body);
    }

    /// <summary><c>GET /rs/orgs/{oid}</c> with an organisation-scoped token.</summary>
    public async Task<IResult> OrganizationAsync(HttpContext context, long oid)
    {
        if (await FaultAsync(context) is { } faulted)
        {
            return faulted;
        }

        if (Authorize(context, out var token) is { } denied)
        {
            return denied;
        }

        var scopes = EsiaScopes.Split(token!.GetString("scope")).Select(EsiaScopes.Normalize)
            .Where(s => s.Query.Split('&').Contains($"org_oid={oid}")).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (scopes.Count == 0)
        {
            return Forbidden($"The token carries no organisation scope for org_oid={oid}.");
        }

        var org = _people.All.SelectMany(p => p.Organizations).FirstOrDefault(o => o.Oid == oid);
        if (org is null)
        {
            return Error(StatusCodes.Status404NotFound, "not_found", $"No organisation with oid {oid}.");
        }

        var body = new JsonObject { ["stateFacts"] = new JsonArray("Identifiable"), ["oid"] = org.Oid };
        Add(body, scopes.Contains("org_fullname") || scopes.Contains("org_inf"), "fullName", org.FullName);
        Add(body, scopes.Contains("org_shortname") || scopes.Contains("org_inf"), "shortName", org.ShortName);
        Add(body, scopes.Contains("org_ogrn") || scopes.Contains("org_inf"), "ogrn", org.Ogrn);
        Add(body, scopes.Contains("org_inn") || scopes.Contains("org_inf"), "inn", org.Inn);
        Add(body, scopes.Contains("org_kpp") || scopes.Contains("org_inf"), "kpp", org.Kpp);
        Add(body, scopes.Contains("org_type") || scopes.Contains("org_inf"), "type", org.Type);
        body["isLiquidated"] = false;
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        SetHeaders(context, baseUrl, "org/Organization-1", body);
        return Ok(body);
    }

    private async Task<IResult?> FaultAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        EsiaJwt.TryParse(header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null, out var unverified, out _);
        var scopes = EsiaScopes.Split(unverified?.GetString("scope")).Select(s => EsiaScopes.Normalize(s).Name).ToArray();
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var record = RequestRecord.Of(context);
        record.ClientId = unverified?.GetString("client_id");
        record.PersonOid = unverified?.GetNumber("urn:esia:sbj_id");
        var fault = await _faults.TakeAsync(new FaultContext(FaultEndpoint.Rest, unverified?.GetString("client_id"), unverified?.GetNumber("urn:esia:sbj_id"), scopes, null, query));
        if (fault is null)
        {
            return null;
        }

        record.Fault = fault.Describe();
        return FaultHandlers.At<IRestResponseFault>(fault.Kind) is { } respond ? await respond.RespondAsync(context, fault) : null;
    }

    private IResult? Authorize(HttpContext context, out EsiaJwt? token)
    {
        token = null;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized(context, "The request has no 'Authorization: Bearer <access_token>' header.");
        }

        var raw = header[7..].Trim();
        if (!EsiaJwt.TryParse(raw, out token, out var error))
        {
            return Unauthorized(context, error);
        }

        if (!_issued.Contains(raw) && EsiaTokenValidator.VerifySignature(token!, _keys.All) is { Success: false } signature)
        {
            return Unauthorized(context, signature.Detail);
        }

        if (token!.TokenType != TokenTypes.Access)
        {
            return Unauthorized(context, $"The token is a '{token.TokenType}' token, not an access token.");
        }

        if (token.GetString("iss") != _options.CurrentValue.Issuer)
        {
            return Unauthorized(context, $"The token's iss '{token.GetString("iss")}' is not this ESIA's ('{_options.CurrentValue.Issuer}').");
        }

        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (token.GetNumber("exp") is not { } exp || exp <= now || _cutoffs.IsExpired(token.GetString("client_id"), token.GetNumber("iat") ?? 0))
        {
            return Unauthorized(context, "The access token has expired.");
        }

        return token.GetNumber("nbf") is { } nbf && nbf > now ? Unauthorized(context, "The access token is not valid yet.") : null;
    }

    private static HashSet<string> GrantedScopes(EsiaJwt token, long oid) =>
        EsiaScopes.Split(token.GetString("scope")).Select(EsiaScopes.Normalize)
            .Where(s => s.Query.Length == 0 || s.Query.Split('&').Contains($"oid={oid}"))
            .Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    private static JsonObject Root(Person person, HashSet<string> granted)
    {
        var root = new JsonObject { ["stateFacts"] = new JsonArray("EntityRoot") };
        Add(root, granted.Contains("fullname"), "firstName", person.FirstName);
        Add(root, granted.Contains("fullname"), "lastName", person.LastName);
        Add(root, granted.Contains("fullname"), "middleName", person.MiddleName);
        Add(root, granted.Contains("birthdate"), "birthDate", person.BirthDate);
        Add(root, granted.Contains("birthplace"), "birthPlace", person.BirthPlace);
        Add(root, granted.Contains("gender"), "gender", person.Gender);
        root["trusted"] = person.Trusted;
        Add(root, granted.Contains("citizenship"), "citizenship", person.Citizenship);
        Add(root, granted.Contains("snils"), "snils", person.Snils);
        Add(root, granted.Contains("inn"), "inn", person.Inn);
        root["updatedOn"] = 1764854668L;
        root["status"] = "REGISTERED";
        root["verifying"] = false;
        if (granted.Contains("id_doc") && person.Documents.FirstOrDefault(d => d.Type is "RF_PASSPORT" or "FID_DOC") is { } passport)
        {
            root["rIdDoc"] = passport.Id;
        }

        root["containsUpCfmCode"] = false;
        return root;
    }

    private static IReadOnlyList<JsonObject>? Elements(Person person, string collection, HashSet<string> granted)
    {
        List<string> Values(ScopeResource resource) => granted.Select(EsiaScopes.Find).Where(s => s?.Resource == resource).SelectMany(s => s!.Values).ToList();

        switch (collection)
        {
            case "ctts":
                var contactTypes = Values(ScopeResource.Contacts);
                return contactTypes.Count == 0 ? null : person.Contacts.Where(c => contactTypes.Contains(c.Type)).Select(c => new JsonObject
                {
                    ["stateFacts"] = new JsonArray("Identifiable"), ["id"] = c.Id, ["type"] = c.Type,
                    ["vrfStu"] = c.Verified ? "VERIFIED" : "NOT_VERIFIED", ["value"] = c.Value, ["eTag"] = ETag(c.Id + c.Value),
                }).ToList();
            case "addrs":
                return !granted.Contains("addresses") ? null : person.Addresses.Select(a => new JsonObject
                {
                    ["stateFacts"] = new JsonArray("Identifiable"), ["id"] = a.Id, ["type"] = a.Type, ["addressStr"] = a.AddressStr, ["countryId"] = "RUS",
                    ["zipCode"] = a.ZipCode, ["region"] = a.Region, ["city"] = a.City, ["street"] = a.Street, ["house"] = a.House, ["flat"] = a.Flat,
                    ["fiasCode"] = a.FiasCode, ["eTag"] = ETag(a.Id + a.AddressStr),
                }).ToList();
            case "docs":
                var docTypes = Values(ScopeResource.Documents);
                return docTypes.Count == 0 ? null : person.Documents.Where(d => docTypes.Contains(d.Type)).Select(d => new JsonObject
                {
                    ["stateFacts"] = new JsonArray("EntityRoot"), ["id"] = d.Id, ["type"] = d.Type, ["vrfStu"] = d.Verified ? "VERIFIED" : "NOT_VERIFIED",
                    ["series"] = d.Series, ["number"] = d.Number, ["issueDate"] = d.IssueDate, ["issueId"] = d.IssueId, ["issuedBy"] = d.IssuedBy,
                    ["eTag"] = ETag(d.Id + d.Number),
                }).ToList();
            case "vhls":
                return !granted.Contains("vehicles") ? null : person.Vehicles.Select(v => new JsonObject
                {
                    ["stateFacts"] = new JsonArray("Identifiable"), ["id"] = v.Id, ["name"] = v.Name, ["numberPlate"] = v.NumberPlate,
                    ["regCertificate"] = new JsonObject { ["series"] = v.RegSeries, ["number"] = v.RegNumber }, ["eTag"] = ETag(v.Id + v.NumberPlate),
                }).ToList();
            case "kids":
                var kidFields = Values(ScopeResource.Kids);
                return kidFields.Count == 0 ? null : person.Kids.Select(k => Kid(k, kidFields)).ToList();
            default:
                return !granted.Contains("usr_org") ? null : person.Organizations.Select(o => new JsonObject
                {
                    ["oid"] = o.Oid, ["prnOid"] = person.Oid, ["fullName"] = o.FullName, ["shortName"] = o.ShortName, ["ogrn"] = o.Ogrn,
                    ["type"] = o.Type, ["chief"] = o.Chief, ["admin"] = o.Admin, ["active"] = true, ["hasRightOfSubstitution"] = true,
                    ["hasApprovalTabAccess"] = false, ["isLiquidated"] = false,
                }).ToList();
        }
    }

    private static JsonObject Kid(Kid kid, List<string> fields)
    {
        var body = new JsonObject { ["stateFacts"] = new JsonArray("Identifiable"), ["id"] = kid.Id };
        Add(body, fields.Contains("firstName"), "firstName", kid.FirstName);
        Add(body, fields.Contains("lastName"), "lastName", kid.LastName);
        Add(body, fields.Contains("middleName"), "middleName", kid.MiddleName);
        Add(body, fields.Contains("birthDate"), "birthDate", kid.BirthDate);
        Add(body, fields.Contains("gender"), "gender", kid.Gender);
        Add(body, fields.Contains("snils"), "snils", kid.Snils);
        Add(body, fields.Contains("inn"), "inn", kid.Inn);
        if (fields.Contains("documents"))
        {
            body["documents"] = Wrap([new JsonObject { ["type"] = "RF_BRTH_CERT", ["series"] = kid.BirthCertSeries, ["number"] = kid.BirthCertNumber }]);
        }

        body["eTag"] = ETag(kid.Id + kid.LastName);
        return body;
    }

    private static JsonObject Wrap(JsonNode?[] elements) => new()
    {
        ["stateFacts"] = new JsonArray("hasSize"),
        ["size"] = elements.Length,
        ["eTag"] = ETag(string.Join(',', elements.Select(e => e?.ToJsonString()))),
        ["elements"] = new JsonArray(elements),
    };

    private static void Add(JsonObject target, bool condition, string name, string value)
    {
        if (condition)
        {
            target[name] = value;
        }
    }

    private static string ETag(string content) => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(content)));

    private static void SetHeaders(HttpContext context, string baseUrl, string model, JsonObject body)
    {
        var etag = ETag(body.ToJsonString());
        body["eTag"] = etag;
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-store, no-cache, must-revalidate, proxy-revalidate, max-age=0";
        context.Items["schema"] = $"application/json; schema=\"{baseUrl}/rs/model/{model}\"";
    }

    private static IResult Ok(JsonObject body) => new SchemaJsonResult(body);

    private static IResult Unauthorized(HttpContext context, string why) => EsiaResults.RestUnauthorized(context, why);

    private static IResult Forbidden(string why) => EsiaResults.RestForbidden(why);

    private static IResult Error(int status, string code, string why) => EsiaResults.RestError(status, code, why);

    private sealed class SchemaJsonResult(JsonObject body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = httpContext.Items["schema"] as string ?? "application/json";
            return httpContext.Response.WriteAsync(body.ToJsonString(Utf8Json), Encoding.UTF8);
        }
    }
}
