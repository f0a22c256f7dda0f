namespace MockEsia.Abstractions;

/// <summary>The admin API's paths (OpenAPI at <see cref="OpenApi"/>).</summary>
public static class AdminPaths
{
    /// <summary>The prefix; ESIA's endpoints never see it.</summary>
    public const string Prefix = "/__admin";

    /// <summary>The OpenAPI document.</summary>
    public const string OpenApi = Prefix + "/openapi/admin.json";

    /// <summary>Back to the configured state.</summary>
    public const string Reset = Prefix + "/reset";

    /// <summary>Registered clients (GET; PUT adds or replaces one).</summary>
    public const string Clients = Prefix + "/clients";

    /// <summary>GET: the configuration files MockEsia could not use (<see cref="ConfigurationProblem"/>), since start-up or the last reset.</summary>
    public const string ConfigurationProblems = Prefix + "/configuration/problems";

    /// <summary>Every certificate MockEsia knows with its days left (GET).</summary>
    public const string Certificates = Prefix + "/certificates";

    /// <summary>Faults in force (GET; POST adds one; DELETE clears).</summary>
    public const string Faults = Prefix + "/faults";

    /// <summary>Journal entries, newest first (query: clientId, endpoint, afterId, beforeId, since, outcome, errorCode, token, limit).</summary>
    public const string Journal = Prefix + "/journal";

    /// <summary>Test people (GET; PUT adds or replaces one); one person at <c>/__admin/people/{oid}</c>.</summary>
    public const string People = Prefix + "/people";

    /// <summary>The virtual clock.</summary>
    public const string Clock = Prefix + "/clock";

    /// <summary>Expire the access tokens issued so far to a client (query: clientId).</summary>
    public const string ExpireTokens = Prefix + "/tokens/expire";

    /// <summary>Rotation step 1: publish the next certificates.</summary>
    public const string PublishNextKeys = Prefix + "/keys/publish-next";

    /// <summary>Rotation step 2: sign with the next keys.</summary>
    public const string SwitchToNextKeys = Prefix + "/keys/switch-next";

    /// <summary>The certificate the HTTPS endpoint presents (GET; PUT with <c>?presentation=Valid|WrongHost|UntrustedCa</c>).</summary>
    public const string Tls = Prefix + "/tls";

    /// <summary>Both readings of each unknown behaviour (GET; PUT <c>/__admin/readings/{name}?value=</c> changes one).</summary>
    public const string Readings = Prefix + "/readings";

    /// <summary>A person's refresh tokens revoked (POST).</summary>
    public static string RevokeRefreshTokens(long oid) => $"{People}/{oid}/revoke-refresh-tokens";

    /// <summary>The path that withdraws a person's consents (<see cref="ConsentsTemplate"/>).</summary>
    public static string Consents(long oid) => $"{People}/{oid}/consents";

    /// <summary>GET: what MockEsia's process is doing (<see cref="RuntimeFigures"/>).</summary>
    public const string Runtime = Prefix + "/runtime";

    /// <summary>The admin API's index page.</summary>
    public const string Index = Prefix + "/";

    /// <summary>The dashboard (query: client, token, before).</summary>
    public const string Dashboard = Prefix + "/ui";

    /// <summary>POST: move the clock forward (<see cref="AdvanceRequest"/>).</summary>
    public const string ClockAdvance = Clock + "/advance";

    /// <summary>POST: set the clock (<see cref="SetClockRequest"/>).</summary>
    public const string ClockSet = Clock + "/set";

    /// <summary>POST: stop time.</summary>
    public const string ClockFreeze = Clock + "/freeze";

    /// <summary>POST: let time run.</summary>
    public const string ClockResume = Clock + "/resume";

    /// <summary>POST: back to system time.</summary>
    public const string ClockReset = Clock + "/reset";

    /// <summary>DELETE: one fault (route template; <see cref="Fault(string)"/> makes the path).</summary>
    public const string FaultTemplate = Faults + "/{id}";

    /// <summary>One fault's path.</summary>
    public static string Fault(string id) => $"{Faults}/{Uri.EscapeDataString(id)}";

    /// <summary>GET: wait for a matching journal entry (query as <see cref="Journal"/>, and timeoutMs).</summary>
    public const string JournalWait = Journal + "/wait";

    /// <summary>PUT: one reading (route template; query: value).</summary>
    public const string ReadingTemplate = Readings + "/{name}";

    /// <summary>POST: a client from an uploaded certificate (multipart).</summary>
    public const string ClientUpload = Clients + "/upload";

    /// <summary>DELETE: one client (route template).</summary>
    public const string ClientTemplate = Clients + "/{clientId}";

    /// <summary>POST: a client's redirect URIs and switches (route template).</summary>
    public const string ClientSettingsTemplate = ClientTemplate + "/settings";

    /// <summary>GET or DELETE: one person (route template).</summary>
    public const string PersonTemplate = People + "/{oid:long}";

    /// <summary>POST: a person's refresh tokens revoked (route template; <see cref="RevokeRefreshTokens"/> makes the path).</summary>
    public const string RevokeRefreshTokensTemplate = PersonTemplate + "/revoke-refresh-tokens";

    /// <summary>DELETE: the person withdraws the consents given to systems (query: clientId for one system's only), as in the personal account (route template).</summary>
    public const string ConsentsTemplate = PersonTemplate + "/consents";

    /// <summary>DELETE: SSO sessions (query: personOid).</summary>
    public const string Sessions = Prefix + "/sessions";

    /// <summary>GET: the signing keys.</summary>
    public const string Keys = Prefix + "/keys";

    /// <summary>POST: back to the configured keys.</summary>
    public const string KeysReset = Keys + "/reset";

    /// <summary>GET: the API ЕПГУ twin's orders, newest first (<see cref="EpguOrderSummary"/>).</summary>
    public const string EpguOrders = Prefix + "/epgu/orders";

    /// <summary>PUT: what the agency answers one order with (route template; query: outcome).</summary>
    public const string EpguOrderOutcomeTemplate = EpguOrders + "/{orderId:long}/outcome";

    /// <summary>One order's outcome path.</summary>
    public static string EpguOrderOutcome(long orderId, EpguOutcome outcome) => $"{EpguOrders}/{orderId}/outcome?outcome={outcome}";

    /// <summary>GET: the API ЕПГУ twin's services (<see cref="EpguServiceDefinition"/>).</summary>
    public const string EpguServices = Prefix + "/epgu/services";

    /// <summary>PUT: what the agency answers a service's orders with from now on (route template; query: outcome).</summary>
    public const string EpguServiceOutcomeTemplate = EpguServices + "/{code}/outcome";

    /// <summary>One service's outcome path.</summary>
    public static string EpguServiceOutcome(string code, EpguOutcome outcome) => $"{EpguServices}/{Uri.EscapeDataString(code)}/outcome?outcome={outcome}";

    /// <summary>PUT: the API ЕПГУ services a client may use (route template; body: a JSON array of form codes).</summary>
    public const string EpguClientServicesTemplate = ClientTemplate + "/epgu-services";

    /// <summary>One client's API ЕПГУ services path.</summary>
    public static string EpguClientServices(string clientId) => $"{Clients}/{Uri.EscapeDataString(clientId)}/epgu-services";

    /// <summary>The OpenAPI documents (route template).</summary>
    public const string OpenApiTemplate = Prefix + "/openapi/{documentName}.json";
}
