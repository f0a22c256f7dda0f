using Esia.Protocol;
using Esia.Protocol.Errors;
using Esia.Protocol.Scopes;

namespace MockEsia.People;

/// <summary>
/// <c>scope_org</c> (reference §3.1, §8.6): organisation scopes asked for at <c>v2/ac</c>, bound to the organisation the
/// person chooses on the consent page (the only one when there is one) as <c>org_inn?org_oid=N</c>, so that the tokens
/// read <c>/rs/orgs/{oid}</c>. A person who is no organisation's employee gets ESIA-007194.
/// </summary>
internal static class OrganisationChoice
{
    /// <summary>A <c>scope_org</c> naming something that is not an organisation scope is ESIA-007006.</summary>
    public static Refusal? Check(string? scopeOrg)
    {
        var unknown = EsiaScopes.Split(scopeOrg).FirstOrDefault(s => !EsiaScopes.Organization.Contains(EsiaScopes.Normalize(s).Name));
        return unknown is null ? null : new Refusal(EsiaErrors.InvalidScope, EsiaParameters.ScopeOrg, EsiaParameters.ScopeOrg,
            $"'{unknown}' in scope_org is not an organisation scope (reference §8.6: org_inn, org_ogrn, org_fullname, …).", "Put person scopes in scope and organisation scopes in scope_org.");
    }

    /// <summary>The organisation scopes bound to the chosen organisation, or ESIA-007194.</summary>
    public static (IReadOnlyList<string> Scopes, Refusal? Refusal) Bind(string scopeOrg, Person person, long? chosen)
    {
        var asked = EsiaScopes.Split(scopeOrg);
        if (asked.Count == 0)
        {
            return ([], null);
        }

        var organisation = person.Organizations.FirstOrDefault(o => o.Oid == chosen) ?? person.Organizations.FirstOrDefault();
        if (organisation is null || (chosen is not null && organisation.Oid != chosen))
        {
            return ([], new Refusal(EsiaErrors.NotAnEmployee, "scope_org.employee", EsiaParameters.ScopeOrg,
                chosen is null ? $"{person.FullName} is no organisation's employee, so the organisation scopes '{scopeOrg}' cannot be granted."
                    : $"{person.FullName} is not an employee of the organisation {chosen}.", "Sign in as a person with an organisation (EsiaTest001), or drop scope_org."));
        }

        return (asked.Select(s => $"{EsiaScopes.Normalize(s).Name}?org_oid={organisation.Oid}").ToArray(), null);
    }
}
