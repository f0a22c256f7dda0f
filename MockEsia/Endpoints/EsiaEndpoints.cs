using Esia.Protocol;
using MockEsia.Endpoints.Rest;
using MockEsia.Endpoints.Token;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.Routing;
using MockEsia.Validation;

namespace MockEsia.Endpoints;

/// <summary>
/// ESIA's endpoints, one line each: name, method, path, handler and the fault steps it applies. Adding an endpoint is a
/// line here and its handler: the route, the journal's name and the fault API follow from the line (docs/architecture.md).
/// </summary>
internal static class EsiaEndpoints
{
    private static readonly Type[] AtAuthorize = [typeof(IAuthorizeRedirectFault)];
    private static readonly Type[] AtToken = [typeof(ITokenResponseFault), typeof(ITokenBodyFault), typeof(ITokenClaimsFault), typeof(ITokenSignatureFault)];
    private static readonly Type[] AtRest = [typeof(IResponseFault)];

    /// <summary>Registers ESIA's endpoints.</summary>
    public static IServiceCollection AddEsiaEndpoints(this IServiceCollection services) => services
        .AddEsiaEndpoint(EndpointNames.AuthorizeV2, "GET", EsiaPaths.AuthorizeV2, (HttpContext c, AuthorizeEndpoint e) => e.HandleAsync(c, ProtocolVersion.Current), FaultEndpoint.Authorize, AtAuthorize)
        .AddEsiaEndpoint(EndpointNames.AuthorizeV1, "GET", EsiaPaths.AuthorizeV1, (HttpContext c, AuthorizeEndpoint e) => e.HandleAsync(c, ProtocolVersion.V1), FaultEndpoint.Authorize, AtAuthorize)
        .AddEsiaEndpoint(EndpointNames.AuthorizeV1, "POST", EsiaPaths.AuthorizeV1, (HttpContext c, AuthorizeEndpoint e) => e.HandleAsync(c, ProtocolVersion.V1), FaultEndpoint.Authorize, AtAuthorize)
        .AddEsiaEndpoint(EndpointNames.TokenV3, "POST", EsiaPaths.TokenV3, (HttpContext c, TokenEndpoint e) => e.HandleAsync(c, ProtocolVersion.Current), FaultEndpoint.Token, AtToken)
        .AddEsiaEndpoint(EndpointNames.TokenV2, "POST", EsiaPaths.TokenV2, (HttpContext c, TokenEndpoint e) => e.HandleAsync(c, ProtocolVersion.Current), FaultEndpoint.Token, AtToken)
        .AddEsiaEndpoint(EndpointNames.TokenV1, "POST", EsiaPaths.TokenV1, (HttpContext c, TokenEndpoint e) => e.HandleAsync(c, ProtocolVersion.V1), FaultEndpoint.Token, AtToken)
        .AddEsiaEndpoint(EndpointNames.ApiKeyToken, "GET", EsiaPaths.OrganisationApiKeyTokens + "/{apiKey}/tkn", (HttpContext c, string apiKey, OrganisationApiKeyEndpoint e) => e.Handle(c, apiKey))
        .AddEsiaEndpoint(EndpointNames.Login, "GET", EsiaPaths.LoginPage, (HttpContext c, LoginEndpoints e) => e.ShowLoginAsync(c))
        .AddEsiaEndpoint(EndpointNames.Login, "POST", EsiaPaths.LoginPage, (HttpContext c, LoginEndpoints e) => e.LoginAsync(c))
        .AddEsiaEndpoint(EndpointNames.Consent, "GET", EsiaPaths.ConsentPage, (HttpContext c, LoginEndpoints e) => e.ShowConsentAsync(c))
        .AddEsiaEndpoint(EndpointNames.Consent, "POST", EsiaPaths.ConsentPage, (HttpContext c, LoginEndpoints e) => e.ConsentAsync(c))
        .AddEsiaEndpoint(EndpointNames.Logout, "GET", EsiaPaths.Logout, (HttpContext c, PublicEndpoints e) => e.LogoutAsync(c))
        .AddEsiaEndpoint(EndpointNames.Certificates, "GET", EsiaPaths.Certificates, (PublicEndpoints e) => e.EsiaZip())
        .AddEsiaEndpoint(EndpointNames.Rest, "GET", EsiaPaths.Persons + "/{oid:long}", (HttpContext c, long oid, PersonApiEndpoints e) => e.PersonAsync(c, oid, null, null),
            FaultEndpoint.Rest, AtRest)
        .AddEsiaEndpoint(EndpointNames.Rest, "GET", EsiaPaths.Persons + "/{oid:long}/{collection}",
            (HttpContext c, long oid, string collection, PersonApiEndpoints e) => e.PersonAsync(c, oid, collection, null), FaultEndpoint.Rest, AtRest)
        .AddEsiaEndpoint(EndpointNames.Rest, "GET", EsiaPaths.Persons + "/{oid:long}/{collection}/{id:long}",
            (HttpContext c, long oid, string collection, long id, PersonApiEndpoints e) => e.PersonAsync(c, oid, collection, id), FaultEndpoint.Rest, AtRest)
        .AddEsiaEndpoint(EndpointNames.Rest, "GET", EsiaPaths.Organizations + "/{oid:long}", (HttpContext c, long oid, PersonApiEndpoints e) => e.OrganizationAsync(c, oid),
            FaultEndpoint.Rest, AtRest)
        .AddEsiaEndpoint(new EsiaEndpoint("start", "GET", "/", (HttpContext c, PublicEndpoints e) => e.Start(c)) { Journalled = false })
        .AddEsiaEndpoint(new EsiaEndpoint("esia.pem", "GET", EsiaPaths.CertificatesPem, (PublicEndpoints e) => e.EsiaPem()) { Journalled = false })
        .AddEsiaEndpoint(new EsiaEndpoint("pem", "GET", EsiaPaths.PemFolder + "/{file}", (string file, PublicEndpoints e) => e.Pem(file)) { Journalled = false })
        .AddEsiaEndpoint(new EsiaEndpoint("health", "GET", "/health", (RequestJournal j, IServiceProvider s) => PublicEndpoints.Health(j, s)) { Journalled = false });
}
