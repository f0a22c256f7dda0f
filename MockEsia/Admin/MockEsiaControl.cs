using System.Text.Json;
using Esia.Protocol.Crypto;
using Microsoft.Extensions.Options;
using MockEpgu.Orders;
using MockEpgu.Services;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Faults;
using MockEsia.Fixtures;
using MockEsia.Journal;
using MockEsia.People;
using MockEsia.State;
using MockEsia.Time;
using MockEsia.Tls;
using MockEsia.Tokens;

namespace MockEsia.Admin;

/// <summary>A scenario: the same model as the admin API, as a JSON file loaded at start-up (<c>MockEsia:ScenarioFile</c>).</summary>
public sealed class ScenarioDefinition
{
    /// <summary>Set the clock to this instant.</summary>
    public DateTimeOffset? ClockSet { get; set; }

    /// <summary>Freeze the clock.</summary>
    public bool ClockFrozen { get; set; }

    /// <summary>Faults to add, in order.</summary>
    public List<Fault> Faults { get; set; } = [];

    /// <summary>Clients to add or replace.</summary>
    public List<ClientDefinition> Clients { get; set; } = [];

    /// <summary>People to add or replace.</summary>
    public List<Person> People { get; set; } = [];
}

/// <summary>
/// Scenario control from C#: the clock, faults, the journal, clients, people, sessions and signing keys of a
/// running MockEsia. The admin REST API is a thin layer over this class; tests hosting MockEsia in-process use it
/// directly (<c>app.Services.GetRequiredService&lt;MockEsiaControl&gt;()</c>).
/// </summary>
public sealed class MockEsiaControl
{
    private readonly LoadedFixtures _fixtures;
    private readonly IMockEsiaStore _store;
    private readonly IOptionsMonitor<MockEsiaOptions> _options;
    private readonly AccessTokenCutoffs _cutoffs;
    private readonly ServerReadings _readings;
    private readonly TestCertificateAuthority? _tls;
    private readonly MockEpgu.EpguState _epgu;
    private IReadOnlyList<ConfigurationProblem> _scenarioProblems = [];

    /// <summary>Completes once the changes made so far are shared with the other replicas (Redis); nothing to wait for without.</summary>
    internal Func<Task> SharedAsync { get; set; } = () => Task.CompletedTask;

    /// <summary>Creates the control surface.</summary>
    internal MockEsiaControl(VirtualClock clock, FaultRegistry faults, RequestJournal journal, LoadedFixtures fixtures, IMockEsiaStore store, IOptionsMonitor<MockEsiaOptions> options, AccessTokenCutoffs cutoffs,
        ServerReadings readings, TestCertificateAuthority? tls, MockEpgu.EpguState epgu)
    {
        _epgu = epgu;
        _tls = tls;
        _cutoffs = cutoffs;
        Clock = clock;
        Faults = faults;
        Journal = journal;
        _fixtures = fixtures;
        _store = store;
        _options = options;
        _readings = readings;
    }

    /// <summary>API ЕПГУ's orders.</summary>
    public OrderBook EpguOrders => _epgu.Orders;

    /// <summary>API ЕПГУ's services and their agencies' scripted outcomes.</summary>
    public ServiceCatalogue EpguServices => _epgu.Services;

    /// <summary>API ЕПГУ's orders as the admin API lists them, newest first.</summary>
    public IReadOnlyList<EpguOrderSummary> EpguOrderSummaries() => EpguOrders.All().Select(Summary).ToArray();

    /// <summary>Scripts what the agency answers one order with; null when there is no such order.</summary>
    public EpguOrderSummary? ScriptEpguOrder(long orderId, EpguOutcome outcome)
    {
        if (EpguOrders.Find(orderId) is not { } order)
        {
            return null;
        }

        lock (order.Gate)
        {
            order.Outcome = outcome;
        }

        return Summary(EpguOrders.Advance(order));
    }

    /// <summary>Sets the API ЕПГУ services a client may use; null when there is no such client.</summary>
    public ClientRegistration? SetEpguServices(string clientId, IReadOnlyList<string> codes)
    {
        if (Clients.Find(clientId) is not { } c)
        {
            return null;
        }

        var unknown = codes.Where(code => EpguServices.Find(code) is null).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidDataException($"No API ЕПГУ service has the code {string.Join(", ", unknown)}; the services are {string.Join(", ", EpguServices.All.Select(s => s.Code))}.");
        }

        var edited = c with { EpguServices = codes.Distinct(StringComparer.Ordinal).ToArray() };
        Clients.Put(edited);
        return edited;
    }

    private static EpguOrderSummary Summary(Order o)
    {
        lock (o.Gate)
        {
            return new EpguOrderSummary(o.Id, o.ClientId, o.OwnerOid, o.Service.Code, o.Current.Status.Id, o.Current.Status.Title, o.Closed, o.Outcome,
                o.Steps.Select(s => new EpguStatusSummary(s.Status.Id, s.Status.Title, s.Date)).ToArray())
            {
                Code = o.Code,
                Message = o.Message,
                Files = o.Files.Select(f => new EpguFileSummary(f.Name, f.Size, f.ObjectType, f.Signature)).ToArray(),
            };
        }
    }

    /// <summary>Changes a registered client's redirect URIs and switches (the dashboard's edit); null when there is no such client.</summary>
    public ClientRegistration? EditClient(string clientId, ClientSettings settings)
    {
        if (Clients.Find(clientId) is not { } c)
        {
            return null;
        }

        var redirects = settings.RedirectUris?.Select(u => Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri) ? uri : throw new InvalidDataException($"'{u}' is not an absolute URL.")).ToArray();
        var edited = c with
        {
            RedirectUris = redirects is { Length: > 0 } ? redirects : c.RedirectUris, RedirectMatching = settings.RedirectMatching ?? c.RedirectMatching,
            AcceptV1SignatureOnV2 = settings.AcceptV1SignatureOnV2 ?? c.AcceptV1SignatureOnV2, StrictState = settings.StrictState ?? c.StrictState,
            StrictRedirectUriAtToken = settings.StrictRedirectUriAtToken ?? c.StrictRedirectUriAtToken, RefreshProfile = settings.RefreshProfile ?? c.RefreshProfile,
        };
        Clients.Put(edited);
        return edited;
    }

    /// <summary>The certificate the HTTPS endpoint presents to new connections; null when HTTPS is off.</summary>
    public TlsPresentation? TlsPresentation => _tls?.Presentation;

    /// <summary>Switches the certificate presented to new connections; false when HTTPS is off.</summary>
    public bool PresentTls(TlsPresentation presentation)
    {
        if (_tls is null)
        {
            return false;
        }

        _tls.Presentation = presentation;
        return true;
    }

    /// <summary>Both readings of every unknown behaviour, with the values in force (docs/readings.md).</summary>
    public IReadOnlyList<ReadingSummary> Readings => _readings.Describe();

    /// <summary>Sets a server-wide reading in this process until the next reset; returns why not, or null when set.</summary>
    public string? SetReading(string name, string? value) => _readings.Set(name, value);

    /// <summary>The virtual clock.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The faults in force.</summary>
    public FaultRegistry Faults { get; }

    /// <summary>The request journal.</summary>
    public RequestJournal Journal { get; }

    /// <summary>The registered clients.</summary>
    public ClientRegistry Clients => _fixtures.Clients;

    /// <summary>The test people.</summary>
    public PeopleStore People => _fixtures.People;

    /// <summary>The token-signing keys (rotation drills).</summary>
    public SigningKeys Keys => _fixtures.Keys;

    /// <summary>Where the fixtures come from.</summary>
    public string FixturesPath => _fixtures.FixturesPath;

    /// <summary>Every certificate MockEsia knows, judged at its clock: the registered systems', ESIA's signing keys, the HTTPS test CA.</summary>
    public IReadOnlyList<CertificateStatus> Certificates()
    {
        var now = Clock.GetUtcNow();
        CertificateStatus Of(string kind, string owner, EsiaCertificate c) =>
            new(kind, owner, c.Subject, c.NotBefore, c.NotAfter, (int)Math.Floor((c.NotAfter - now).TotalDays), CertificateUpkeep.Warning(c, now));
        var all = Clients.All.OrderBy(c => c.ClientId, StringComparer.Ordinal).SelectMany(c => c.Certificates.Select(cert => Of(CertificateKinds.Client, c.ClientId, cert))).ToList();
        all.AddRange([Of(CertificateKinds.EsiaSigning, "gost", Keys.Gost.Certificate), Of(CertificateKinds.EsiaSigning, "gost-next", Keys.NextGost.Certificate),
            Of(CertificateKinds.EsiaSigning, "rsa", Keys.Rsa.Certificate), Of(CertificateKinds.EsiaSigning, "rsa-next", Keys.NextRsa.Certificate)]);
        if (_tls?.Certificate is { } ca)
        {
            var notAfter = new DateTimeOffset(ca.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            var left = notAfter - now;
            all.Add(new CertificateStatus(CertificateKinds.TlsCa, "ca", ca.Subject, new DateTimeOffset(ca.NotBefore.ToUniversalTime(), TimeSpan.Zero), notAfter, (int)Math.Floor(left.TotalDays),
                left < CertificateUpkeep.Horizon
                    ? $"the test CA expires on {notAfter:yyyy-MM-dd}, in {(int)left.TotalDays} days: MockEsia makes a new one when it starts within {TestCertificateAuthority.CaRenewal.TotalDays:0} days of that, and the apps must then trust the new ca.cer.pem"
                    : null));
        }

        return all;
    }

    /// <summary>Adds or replaces a client from its definition (certificate paths relative to the fixtures folder, or inline PEM).</summary>
    public ClientRegistration PutClient(ClientDefinition definition)
    {
        var client = definition.ToRegistration(_fixtures.FixturesPath);
        Clients.Put(client, Clock.GetUtcNow());
        return client;
    }

    /// <summary>Revokes every refresh token of a person.</summary>
    public Task<int> RevokeRefreshTokensAsync(long personOid) => _store.RevokeRefreshTokensAsync(personOid).AsTask();

    /// <summary>Ends SSO sessions: one person's, or everyone's.</summary>
    public Task<int> EndSessionsAsync(long? personOid = null) => _store.RemoveSessionsAsync(personOid).AsTask();

    /// <summary>
    /// The person withdraws consents in the personal account: each live consent of every known type, given to the client
    /// (or to any registered client), ends now. API ЕПГУ then answers <c>access_denied_person_permissions</c> and a
    /// <c>prm_chg</c> renewal is refused. Returns how many were live.
    /// </summary>
    public async Task<int> WithdrawConsentsAsync(long personOid, string? clientId = null)
    {
        var now = Clock.GetUtcNow();
        var withdrawn = 0;
        foreach (var client in clientId is null ? Clients.All.Select(c => c.ClientId).ToArray() : [clientId])
        {
            foreach (var type in Consents.ConsentType.Known)
            {
                if (await _store.FindConsentAsync(client, personOid, type.Sysname, now) is { } consent)
                {
                    await _store.SaveConsentAsync(consent with { ExpiresAt = now });
                    withdrawn++;
                }
            }
        }

        return withdrawn;
    }

    /// <summary>
    /// Expires the client's access tokens issued so far (the REST API answers 401 to them), then moves the clock one
    /// second on so that tokens issued next are fresh. The app's own clock is untouched.
    /// </summary>
    public void ExpireAccessTokens(string clientId)
    {
        _cutoffs.Expire(clientId, Clock.GetUtcNow().ToUnixTimeSeconds());
        Clock.Advance(TimeSpan.FromSeconds(1));
    }

    /// <summary>Applies a scenario on top of the current state.</summary>
    public void Apply(ScenarioDefinition scenario)
    {
        if (scenario.ClockSet is { } set)
        {
            Clock.Set(set);
        }

        if (scenario.ClockFrozen)
        {
            Clock.Freeze();
        }

        foreach (var client in scenario.Clients)
        {
            PutClient(client);
        }

        foreach (var person in scenario.People)
        {
            People.Put(person);
        }

        foreach (var fault in scenario.Faults)
        {
            Faults.Add(fault);
        }
    }

    /// <summary>
    /// Back to the configured state: fixtures reloaded, state, faults and journal cleared, clock and keys reset, scenario
    /// file applied. Atomic for the files: they are all read first, and when the fixtures themselves cannot be read
    /// nothing changes (the exception names the file).
    /// </summary>
    /// <exception cref="InvalidDataException">A fixtures file cannot be read; MockEsia stays as it was.</exception>
    /// <exception cref="StoreUnavailableException">The store (Redis) does not answer; MockEsia stays as it was.</exception>
    public async Task ResetAsync()
    {
        var fixtures = _fixtures.Read();
        var (scenario, scenarioProblems) = ReadScenarioFile();
        // The store first: it is the part that can fail (Redis away), and then nothing else has changed.
        await _store.ClearAsync();
        Clock.Reset();
        Faults.Clear();
        Journal.Clear();
        Keys.Reset();
        _cutoffs.Clear();
        PresentTls(MockEsia.Abstractions.TlsPresentation.Valid);
        _readings.Reset();
        _epgu.Reset();

        _fixtures.Use(fixtures);
        _scenarioProblems = scenarioProblems;
        if (scenario is not null)
        {
            Apply(scenario);
        }

        // Returned only once the other replicas have it: a change made next cannot be overtaken by the reset's.
        await SharedAsync();
    }

    /// <summary>The configuration files MockEsia could not use since start-up or the last reset: client files and the scenario file.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems => [.. Clients.Problems, .. _scenarioProblems];

    /// <summary>Applies the configured scenario file, if any; one that cannot be used is noted in <see cref="Problems"/> and not applied at all.</summary>
    public void ApplyScenarioFile()
    {
        var (scenario, problems) = ReadScenarioFile();
        _scenarioProblems = problems;
        if (scenario is not null)
        {
            Apply(scenario);
        }
    }

    // The scenario file read and checked whole (JSON, clients, faults) before anything of it is applied.
    private (ScenarioDefinition? Scenario, IReadOnlyList<ConfigurationProblem> Problems) ReadScenarioFile()
    {
        var path = _options.CurrentValue.ScenarioFile;
        if (string.IsNullOrEmpty(path))
        {
            return (null, []);
        }

        var full = Path.IsPathRooted(path) ? path : Path.Combine(_fixtures.FixturesPath, path);
        ConfigurationProblem Problem(string problem, string fix) => new(full, null, problem, fix);
        ScenarioDefinition scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<ScenarioDefinition>(File.ReadAllText(full), ScenarioJson) ?? new ScenarioDefinition();
        }
        catch (JsonException ex)
        {
            return (null, [Problem($"The scenario file (MockEsia:ScenarioFile) is not valid JSON{(ex.LineNumber is { } line ? $" (line {line + 1})" : "")}: {ex.Message.Split(" Path:")[0].TrimEnd('.')}.",
                "Correct it; its fields are clockSet, clockFrozen, faults, clients and people, as the admin API takes them.")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [Problem($"The scenario file (MockEsia:ScenarioFile) cannot be read ({ex.Message.TrimEnd('.')}).",
                "Set MockEsia:ScenarioFile to an existing file (relative paths are read from the fixtures folder), or remove the setting.")]);
        }

        var problems = new List<ConfigurationProblem>();
        foreach (var client in scenario.Clients)
        {
            try
            {
                client.ToRegistration(_fixtures.FixturesPath);
            }
            catch (ClientDefinitionException ex)
            {
                problems.Add(new ConfigurationProblem(full, client.ClientId, ex.Problem, ex.Fix));
            }
        }

        foreach (var fault in scenario.Faults)
        {
            try
            {
                Faults.Validate(fault);
            }
            catch (ArgumentException ex)
            {
                problems.Add(Problem($"A fault of the scenario file cannot be added: {ex.Message.TrimEnd('.')}.", "Correct or remove that fault (GET /__admin/openapi/admin.json describes a fault)."));
            }
        }

        return problems.Count == 0 ? (scenario, []) : (null, problems);
    }

    private static readonly JsonSerializerOptions ScenarioJson = new(MockEsiaJson.Files) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
}
