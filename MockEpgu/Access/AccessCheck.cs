using MockEpgu.Errors;
using MockEpgu.Orders;

namespace MockEpgu.Access;

/// <summary>A refusal of API ЕПГУ: the code sent and MockEsia's diagnosis.</summary>
/// <param name="Error">The code and its status.</param>
/// <param name="Diagnosis">Why, and what to do.</param>
public sealed record Denial(EpguError Error, string Diagnosis);

/// <summary>
/// API ЕПГУ's access checks, in the order of the spec's sequence diagram (epgu-api.md §2.1): the token's consent and
/// scope (§1.3), the service table (§1.3, §5.2: <c>service_not_found</c>, <c>access_denied_system</c>,
/// <c>access_denied_service</c>, <c>access_denied_user</c>), then an employee's authority (<c>bad_delegation</c>,
/// <c>push_denied</c>); and for an existing order, whose it is (<c>order_access</c>).
/// </summary>
public static class AccessCheck
{
    /// <summary>What every call with a token needs: the api-order scope, and for a person applying for themselves a live APIPGU consent.</summary>
    public static Denial? Token(EpguCaller caller)
    {
        if (!caller.Scopes.Contains(EpguCaller.ApiOrderScope))
        {
            return caller.ForOrganisation
                ? new Denial(EpguErrors.System, $"The token of {caller.ClientId} has no {EpguCaller.ApiOrderScope} scope: ask ESIA for it (the API-key token carries it, §1.3).")
                : new Denial(EpguErrors.PersonPermissions, $"The token has no {EpguCaller.ApiOrderScope} scope: the person's APIPGU consent grants it — send permissions with the APIPGU consent at v2/ac (esia-protocol.md §10).");
        }

        return !caller.ForOrganisation && !caller.Consented
            ? new Denial(EpguErrors.PersonPermissions, $"Person {caller.PersonOid} gave {caller.ClientId} no live APIPGU consent (never given, or expired): ask for it again at v2/ac with permissions (§1.3).")
            : null;
    }

    /// <summary>Whether the caller may apply for <paramref name="service"/> (code <paramref name="code"/>), for a new order or a one-shot push.</summary>
    public static Denial? Service(EpguCaller caller, string code, EpguServiceDefinition? service, IReadOnlyCollection<string>? granted, bool push)
    {
        if (service is null)
        {
            return new Denial(EpguErrors.ServiceNotFound, $"No service has the form code '{code}': the bundled ones are in fixtures/epgu/services.json (GET /__admin/epgu/services).");
        }

        if (granted is not { Count: > 0 })
        {
            return new Denial(EpguErrors.System, $"The system {caller.ClientId} has access to no API ЕПГУ service: list form codes in its client file (\"epguServices\"), " +
                "through PUT /__admin/clients/{clientId}/epgu-services, or on the dashboard (the Регламент's settings application, §5.2).");
        }

        if (!granted.Contains(service.Code))
        {
            return new Denial(EpguErrors.Service, $"The system {caller.ClientId} has no access to service {service.Code} (it has {string.Join(", ", granted)}): grant it as for any service (§5.2).");
        }

        if (!service.ApplicantTypes.Contains(caller.ApplicantType))
        {
            return new Denial(EpguErrors.User, $"Service {service.Code} is for {string.Join(", ", service.ApplicantTypes)}; this token applies as {caller.ApplicantType}" +
                (caller.ForOrganisation ? $" (organisation {caller.OrganizationOid})." : " (a person for themselves; an organisation scope makes it LEGAL)."));
        }

        return Delegation(caller, push);
    }

    /// <summary>Whether the caller may act on an existing order: it is this system's, for the same applicant.</summary>
    public static Denial? Order(EpguCaller caller, Order order) =>
        order.ClientId != caller.ClientId || order.OwnerOid != caller.OwnerOid
            ? new Denial(EpguErrors.OrderAccess, order.ClientId != caller.ClientId
                ? $"Order {order.Id} was made by another system, not {caller.ClientId}."
                : $"Order {order.Id} belongs to applicant {order.OwnerOid}; this token acts for {caller.OwnerOid}.")
            : null;

    // An employee who is not the head needs an authority (§1.3, App. 4); a token of the organisation itself (no person) is the organisation's own.
    private static Denial? Delegation(EpguCaller caller, bool push)
    {
        if (!caller.ForOrganisation || caller.PersonOid is null || caller.Membership is { Chief: true } or { PowerOfAttorney: true })
        {
            return null;
        }

        var why = caller.Membership is null
            ? $"Person {caller.PersonOid} holds no place in organisation {caller.OrganizationOid}."
            : $"Person {caller.PersonOid} is an employee of organisation {caller.OrganizationOid}, neither its head nor holding an authority (powerOfAttorney).";
        return new Denial(push ? EpguErrors.PushDenied : EpguErrors.BadDelegation, why + " Fix: act as the head, or give the employee an authority (test people: PUT /__admin/people).");
    }
}
