using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Esia.Protocol;
using Esia.Protocol.Scopes;
using Esia.Protocol.Tokens;

namespace MockEsia.Endpoints.Rest;

/// <summary>A person as ESIA's REST API represents them: the root resource and its collections, cut to the granted scopes (reference §8).</summary>
internal static class PersonRepresentation
{
    /// <summary>The collections: path, relation (for <c>Link</c> and <c>embed</c>) and model.</summary>
    internal static readonly (string Path, string Relation, string Model)[] Collections =
    [
        ("ctts", "contacts", "ctts/Contacts-1"), ("addrs", "addresses", "addrs/Addresses-1"), ("docs", "documents", "docs/Documents-1"),
        ("vhls", "vehicles", "vhls/Vehicles-1"), ("kids", "kids", "kids/Kids-1"), ("orgs", "organizations", "orgs/Organizations-1"), ("roles", "roles", "roles/Roles-1"),
    ];

    /// <summary>Relations ESIA's <c>Link</c> header advertises but MockEsia does not serve (reference §8.3; no schema given there).</summary>
    internal static readonly (string Path, string Relation)[] AdvertisedOnly =
    [
        ("prmns", "permissions"), ("ctx", "context"), ("events", "events"), ("reqs", "requests"), ("sec", "sec"), ("trmnls", "terminals"),
    ];

    internal static HashSet<string> GrantedScopes(EsiaJwt token, long oid) =>
        EsiaScopes.Split(token.GetString(EsiaClaims.Scope)).Select(EsiaScopes.Normalize)
            .Where(s => s.Query.Length == 0 || s.Query.Split('&').Contains($"oid={oid}"))
            .Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    internal static JsonObject Root(Person person, HashSet<string> granted)
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
        root["rfgUOperatorCheck"] = false;
        root["kidAccCreatedByParent"] = false;
        return root;
    }

    internal static IReadOnlyList<JsonObject>? Elements(Person person, string collection, HashSet<string> granted)
    {
        List<string> Values(ScopeResource resource) => granted.Select(EsiaScopes.Find).Where(s => s?.Resource == resource).SelectMany(s => s!.Values).ToList();

        switch (collection)
        {
            case "ctts":
                var contactTypes = Values(ScopeResource.Contacts);
                return contactTypes.Count == 0 ? null : person.Contacts.Where(c => contactTypes.Contains(c.Type)).Select(c => new JsonObject
                {
                    ["stateFacts"] = new JsonArray("Identifiable"),
                    ["id"] = c.Id,
                    ["type"] = c.Type,
                    ["vrfStu"] = c.Verified ? "VERIFIED" : "NOT_VERIFIED",
                    ["value"] = c.Value,
                    ["eTag"] = ETag(c.Id + c.Value),
                }).ToList();
            case "addrs":
                return !granted.Contains("addresses") ? null : person.Addresses.Select(a => new JsonObject
                {
                    ["stateFacts"] = new JsonArray("Identifiable"),
                    ["id"] = a.Id,
                    ["type"] = a.Type,
                    ["addressStr"] = a.AddressStr,
                    ["countryId"] = "RUS",
                    ["zipCode"] = a.ZipCode,
                    ["region"] = a.Region,
                    ["city"] = a.City,
                    ["street"] = a.Street,
                    ["house"] = a.House,
                    ["flat"] = a.Flat,
                    ["fiasCode"] = a.FiasCode,
                    ["eTag"] = ETag(a.Id + a.AddressStr),
                }).ToList();
            case "docs":
                var docTypes = Values(ScopeResource.Documents);
                return docTypes.Count == 0 ? null : person.Documents.Where(d => docTypes.Contains(d.Type)).Select(d => new JsonObject
                {
                    ["stateFacts"] = new JsonArray("EntityRoot"),
                    ["id"] = d.Id,
                    ["type"] = d.Type,
                    ["vrfStu"] = d.Verified ? "VERIFIED" : "NOT_VERIFIED",
                    ["series"] = d.Series,
                    ["number"] = d.Number,
                    ["issueDate"] = d.IssueDate,
                    ["issueId"] = d.IssueId,
                    ["issuedBy"] = d.IssuedBy,
                    ["eTag"] = ETag(d.Id + d.Number),
                }).ToList();
            case "vhls":
                return !granted.Contains("vehicles") ? null : person.Vehicles.Select(v => new JsonObject
                {
                    ["stateFacts"] = new JsonArray("Identifiable"),
                    ["id"] = v.Id,
                    ["name"] = v.Name,
                    ["numberPlate"] = v.NumberPlate,
                    ["regCertificate"] = new JsonObject { ["series"] = v.RegSeries, ["number"] = v.RegNumber },
                    ["eTag"] = ETag(v.Id + v.NumberPlate),
                }).ToList();
            case "kids":
                var kidFields = Values(ScopeResource.Kids);
                return kidFields.Count == 0 ? null : person.Kids.Select(k => Kid(k, kidFields)).ToList();
            default:
                return !granted.Contains("usr_org") ? null : person.Organizations.Select(o => new JsonObject
                {
                    ["oid"] = o.Oid,
                    ["prnOid"] = person.Oid,
                    ["fullName"] = o.FullName,
                    ["shortName"] = o.ShortName,
                    ["ogrn"] = o.Ogrn,
                    ["type"] = o.Type,
                    ["chief"] = o.Chief,
                    ["admin"] = o.Admin,
                    ["active"] = true,
                    ["hasRightOfSubstitution"] = true,
                    ["hasApprovalTabAccess"] = false,
                    ["isLiquidated"] = false,
                }).ToList();
        }
    }

    internal static JsonObject Kid(Kid kid, List<string> fields)
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

    internal static JsonObject Wrap(JsonNode?[] elements) => new()
    {
        ["stateFacts"] = new JsonArray("hasSize"),
        ["size"] = elements.Length,
        ["eTag"] = ETag(string.Join(',', elements.Select(e => e?.ToJsonString()))),
        ["elements"] = new JsonArray(elements),
    };

    internal static void Add(JsonObject target, bool condition, string name, string value)
    {
        if (condition)
        {
            target[name] = value;
        }
    }

    /// <summary>The eTag of a representation.</summary>
    internal static string ETag(string content) => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(content)));
}
