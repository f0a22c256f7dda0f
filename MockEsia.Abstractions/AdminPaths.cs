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

    /// <summary>Faults in force (GET; POST adds one; DELETE clears).</summary>
    public const string Faults = Prefix + "/faults";

    /// <summary>Journal entries, newest first (query: clientId, endpoint, afterId, outcome, errorCode, token, limit).</summary>
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

    /// <summary>GET: what MockEsia's process is doing (<see cref="RuntimeFigures"/>).</summary>
    public const string Runtime = Prefix + "/runtime";
}
