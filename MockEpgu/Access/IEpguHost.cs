namespace MockEpgu.Access;

/// <summary>
/// What API ЕПГУ needs from the ESIA it sits beside (MockEsia implements it): the bearer token checked against ESIA's
/// keys, consents and people; the services each system may use; the readings in force.
/// </summary>
public interface IEpguHost
{
    /// <summary>Checks the request's bearer token (signature, type, issuer, lifetime) and says who calls.</summary>
    ValueTask<EpguAuthentication> AuthenticateAsync(HttpContext context);

    /// <summary>The answer of a fault injected at API ЕПГУ (matched on the token's unverified claims), or null to go on.</summary>
    ValueTask<IResult?> FaultAsync(HttpContext context);

    /// <summary>The form codes a system may use; null for a system ESIA does not know.</summary>
    IReadOnlyCollection<string>? ServicesOf(string clientId);

    /// <summary>The API ЕПГУ readings in force.</summary>
    EpguReadings Readings { get; }
}
