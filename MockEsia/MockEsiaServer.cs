using Esia.Protocol;
using Esia.Protocol.Crypto;
using Microsoft.Extensions.Options;
using MockEsia.Admin;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Diagnostics;
using MockEsia.Endpoints;
using MockEsia.Endpoints.Rest;
using MockEsia.Endpoints.Token;
using MockEsia.Faults;
using MockEsia.Journal;
using MockEsia.People;
using MockEsia.State;
using MockEsia.Time;
using MockEsia.Tls;
using MockEsia.Tokens;
using MockEsia.Validation;

namespace MockEsia;

/// <summary>Builds the MockEsia application: services, fixtures and endpoints. Used by Program and by in-process tests.</summary>
public static class MockEsiaServer
{
    /// <summary>Creates a builder with MockEsia's services; <paramref name="configure"/> may adjust it (tests use TestServer).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var https = args.Contains("--https");
        var builder = WebApplication.CreateBuilder(https ? [.. args.Where(a => a != "--https"), "--MockEsia:Https:Enabled=true"] : args);
        builder.Services.Configure<MockEsiaOptions>(builder.Configuration.GetSection(MockEsiaOptions.Section));
        builder.Services.AddMockEsia();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi("admin", o => o.ShouldInclude = d => d.GroupName == "admin");
        // ASP.NET Core's request and redirect logs carry whole URLs: client_secret, codes. Keep them out by default.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBody;
            k.Limits.MaxRequestLineSize = 64 * 1024;
        });
        UseHttps(builder);
        configure?.Invoke(builder);
        var app = builder.Build();
        Guard(app);
        app.MapMockEsia();
        return app;
    }

    // With MockEsia:Https:Enabled, Kestrel presents certificates from the local test CA on the https:// URLs (one is added
    // when none is configured: port 5001, or MockEsia:Https:Port).
    private static void UseHttps(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MockEsiaOptions.Section).Get<MockEsiaOptions>() ?? new MockEsiaOptions();
        if (!options.Https.Enabled)
        {
            return;
        }

        var folder = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, options.Https.CaFolder));
        TestCertificateAuthority authority;
        try
        {
            authority = TestCertificateAuthority.LoadOrCreate(folder, options.Https.Hosts, DateTimeOffset.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or InvalidDataException)
        {
            throw new StartupRefusal($"The HTTPS test CA folder {folder} (MockEsia:Https:CaFolder) cannot be used: {ex.Message.TrimEnd('.')}. " +
                "Fix: make it writable by the user MockEsia runs as, delete its damaged files to have a new CA made, or set MockEsia:Https:CaFolder to another folder.", ex);
        }

        builder.Services.AddSingleton(authority);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ConfigureHttpsDefaults(h => h.ServerCertificateSelector = (_, _) => authority.Current);
            // HTTP/1.1 only: "Connection: close" (below) has no meaning in HTTP/2.
            k.ConfigureEndpointDefaults(l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1);
        });
        var urls = builder.Configuration["urls"] ?? "http://localhost:5000";
        if (!urls.Contains("https://", StringComparison.OrdinalIgnoreCase))
        {
            // The first URL's host as it is written, wildcards (+, *, 0.0.0.0) included: https listens where http does.
            var host = System.Text.RegularExpressions.Regex.Match(urls.Split(';')[0], "^[a-z]+://(\\[[^\\]]+\\]|[^/:]+)").Groups[1].Value;
            builder.WebHost.UseUrls(urls, $"https://{host}:{options.Https.Port}");
        }
    }

    /// <summary>The largest request body ESIA's endpoints accept (anything bigger is refused with 413).</summary>
    public const long MaxEsiaRequestBody = 64 * 1024;

    /// <summary>The largest request body accepted (forms and admin JSON are far smaller; anything bigger is refused with 413).</summary>
    public const long MaxRequestBody = 1024 * 1024;

    /// <summary>Refuses a misleading configuration and says loudly when MockEsia listens beyond loopback.</summary>
    public static void Guard(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MockEsiaOptions>>().Value;
        var issuer = options.Issuer.TrimEnd('/');
        if (!options.AllowProductionIssuer && (issuer.Equals("http://esia.gosuslugi.ru", StringComparison.OrdinalIgnoreCase) || issuer.Equals("https://esia.gosuslugi.ru", StringComparison.OrdinalIgnoreCase)))
        {
            throw new StartupRefusal(
                $"MockEsia:Issuer is production ESIA's issuer ({options.Issuer}). Tokens from a mock must not look like production ones. Fix: use the test issuer (the default), or set MockEsia:AllowProductionIssuer=true if you really mean it.");
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var server = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
            var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
            app.Logger.LogInformation("{Banner}", StartupBanner.Text(app.Services, addresses.ToArray(), app.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
            var exposed = addresses.Where(a => !IsLoopback(a)).ToArray();
            if (exposed.Length > 0)
            {
                app.Logger.LogWarning("MockEsia listens beyond loopback ({Addresses}). It is a test double with published test keys: expose it only on a trusted network{Token}.",
                    string.Join(", ", exposed), string.IsNullOrEmpty(options.AdminToken) ? ", and set MockEsia:AdminToken to protect /__admin" : "");
            }
        });
    }

    private static bool IsLoopback(string address)
    {
        var host = new Uri(address.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal)).Host;
        return host is "localhost" or "127.0.0.1" or "[::1]" or "::1" || host.StartsWith("127.", StringComparison.Ordinal);
    }

    /// <summary>Registers MockEsia's services.</summary>
    public static IServiceCollection AddMockEsia(this IServiceCollection services)
    {
        services.AddSingleton(_ => new VirtualClock());
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VirtualClock>());
        services.AddSingleton<IMockEsiaStore>(sp => sp.GetRequiredService<IOptions<MockEsiaOptions>>().Value is var o && o.Redis is not null
            ? new RedisStore(sp.GetRequiredService<RedisConnection>().Multiplexer, o.RedisPrefix, sp.GetRequiredService<TimeProvider>(), o.MaxPendingAuthorizationsPerClient)
            : new InMemoryStore(sp.GetRequiredService<TimeProvider>(), o.MaxRefreshTokens, TimeSpan.FromSeconds(1), sp.GetRequiredService<ILogger<InMemoryStore>>(), o.MaxPendingAuthorizationsPerClient));
        services.AddSingleton(sp => RedisConnection.Connect(sp.GetRequiredService<IOptions<MockEsiaOptions>>().Value.Redis!));
        services.AddSingleton<RedisReplication>();
        services.AddSingleton(sp => Fixtures(sp).Clients);
        services.AddSingleton(sp => Fixtures(sp).People);
        services.AddSingleton(sp => Fixtures(sp).Keys);
        services.AddSingleton<LoadedFixtures>(sp => LoadedFixtures.Load(sp.GetRequiredService<IOptions<MockEsiaOptions>>().Value, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton<IssuedAccessTokens>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton<AccessTokenCutoffs>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<SignatureDoctor>();
        services.AddSingleton(sp => new MockEsiaControl(sp.GetRequiredService<VirtualClock>(), sp.GetRequiredService<FaultRegistry>(), sp.GetRequiredService<RequestJournal>(),
            sp.GetRequiredService<LoadedFixtures>(), sp.GetRequiredService<IMockEsiaStore>(), sp.GetRequiredService<IOptionsMonitor<MockEsiaOptions>>(), sp.GetRequiredService<AccessTokenCutoffs>(),
            sp.GetService<TestCertificateAuthority>()));
        services.AddSingleton<ClientAuthentication>();
        services.AddSingleton<AuthorizationFlow>();
        services.AddSingleton<AuthorizeEndpoint>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<OrganisationApiKeyEndpoint>();
        services.AddSingleton<TokenResponder>();
        services.AddSingleton<ITokenGrant, AuthorizationCodeGrant>();
        services.AddSingleton<ITokenGrant, RefreshTokenGrant>();
        services.AddSingleton<ITokenGrant, ClientCredentialsGrant>();
        services.AddSingleton<LoginEndpoints>();
        services.AddSingleton<PersonApiEndpoints>();
        services.AddSingleton<BearerAuthentication>();
        services.AddSingleton<PublicEndpoints>();
        return services;

        static LoadedFixtures Fixtures(IServiceProvider sp) => sp.GetRequiredService<LoadedFixtures>();
    }

    /// <summary>Maps ESIA's paths.</summary>
    public static WebApplication MapMockEsia(this WebApplication app)
    {
        // With Redis, a replica that finds shared state takes it over instead of applying the scenario file again.
        var options = app.Services.GetRequiredService<IOptions<MockEsiaOptions>>().Value;
        // Process-wide: every GOST signature check in this process uses this implementation (MockEsia:Gost).
        GostBackend.Verification = options.Gost;
        var shared = options.Redis is not null && app.Services.GetRequiredService<RedisReplication>().Start();
        var control = app.Services.GetRequiredService<MockEsiaControl>();
        if (options.Redis is not null)
        {
            control.SharedAsync = app.Services.GetRequiredService<RedisReplication>().FlushAsync;
        }

        if (!shared)
        {
            control.ApplyScenarioFile();
        }

        if (control.Problems.Count > 0)
        {
            if (options.StrictConfiguration)
            {
                throw new StartupRefusal(string.Join("\n", control.Problems.Select(p => p.Line)) + "\n(MockEsia:StrictConfiguration is on: every configuration file must load.)");
            }

            foreach (var problem in control.Problems)
            {
                app.Logger.LogError("Not loaded: {Problem}", problem.Line);
            }
        }

        BenchmarkPrefill.Run(app.Services.GetRequiredService<IMockEsiaStore>(), options, app.Services.GetRequiredService<TimeProvider>(), app.Logger);

        if (app.Services.GetService<TestCertificateAuthority>() is { } authority)
        {
            // Every HTTPS exchange is a new connection, so that a certificate the harness switches to (PUT /__admin/tls)
            // meets the app's very next request rather than a pooled connection made before.
            app.Use((context, next) =>
            {
                if (context.Request.IsHttps)
                {
                    context.Response.Headers.Connection = "close";
                }

                return next(context);
            });
            app.MapGet("/public/ca.pem", () => Results.Text(authority.CaPem, "application/x-pem-file"));
        }

        app.UseSecurityHeaders();
        app.Use((context, next) =>
        {
            // ESIA's forms are small (a te request with a CMS client_secret is about 4 KB): 64 KB to ESIA's endpoints, the
            // 1 MB of MaxRequestBody to the admin API's uploads only.
            if (!context.Request.Path.StartsWithSegments(AdminEndpoints.Prefix)
                && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxEsiaRequestBody;
            }

            return next(context);
        });
        app.UseMiddleware<AdminTokenMiddleware>();
        app.UseMiddleware<JournalMiddleware>();
        app.UseMiddleware<StoreFailureMiddleware>();
        if (options.TestDrift.Any)
        {
            app.UseMiddleware<DriftWatch.TestDriftMiddleware>();
        }

        app.MapAdmin();
        app.MapGet(EsiaPaths.AuthorizeV2, (HttpContext c, AuthorizeEndpoint e) => e.HandleAsync(c, ProtocolVersion.Current));
        app.MapGet(EsiaPaths.AuthorizeV1, (HttpContext c, AuthorizeEndpoint e) => e.HandleAsync(c, ProtocolVersion.V1));
        app.MapPost(EsiaPaths.TokenV3, (HttpContext c, TokenEndpoint e) => e.HandleAsync(c, ProtocolVersion.Current));
        app.MapPost(EsiaPaths.TokenV2, (HttpContext c, TokenEndpoint e) => e.HandleAsync(c, ProtocolVersion.Current));
        app.MapGet(EsiaPaths.OrganisationApiKeyTokens + "/{apiKey}/tkn", (HttpContext c, string apiKey, OrganisationApiKeyEndpoint e) => e.Handle(c, apiKey));
        app.MapPost(EsiaPaths.TokenV1, (HttpContext c, TokenEndpoint e) => e.HandleAsync(c, ProtocolVersion.V1));
        app.MapGet(EsiaPaths.LoginPage, (HttpContext c, LoginEndpoints e) => e.ShowLoginAsync(c));
        app.MapPost(EsiaPaths.LoginPage, (HttpContext c, LoginEndpoints e) => e.LoginAsync(c)).DisableAntiforgery();
        app.MapGet(EsiaPaths.ConsentPage, (HttpContext c, LoginEndpoints e) => e.ShowConsentAsync(c));
        app.MapPost(EsiaPaths.ConsentPage, (HttpContext c, LoginEndpoints e) => e.ConsentAsync(c)).DisableAntiforgery();
        app.MapGet(EsiaPaths.Logout, (HttpContext c, PublicEndpoints e) => e.LogoutAsync(c));
        app.MapGet("/", (HttpContext c, PublicEndpoints e) => e.Start(c));
        app.MapGet(EsiaPaths.Certificates, (PublicEndpoints e) => e.EsiaZip());
        app.MapGet(EsiaPaths.CertificatesPem, (PublicEndpoints e) => e.EsiaPem());
        app.MapGet(EsiaPaths.PemFolder + "/{file}", (string file, PublicEndpoints e) => e.Pem(file));
        app.MapGet("/health", PublicEndpoints.Health);
        app.MapGet(EsiaPaths.Persons + "/{oid:long}", (HttpContext c, long oid, PersonApiEndpoints e) => e.PersonAsync(c, oid, null, null));
        app.MapGet(EsiaPaths.Persons + "/{oid:long}/{collection}", (HttpContext c, long oid, string collection, PersonApiEndpoints e) => e.PersonAsync(c, oid, collection, null));
        app.MapGet(EsiaPaths.Persons + "/{oid:long}/{collection}/{id:long}", (HttpContext c, long oid, string collection, long id, PersonApiEndpoints e) => e.PersonAsync(c, oid, collection, id));
        app.MapGet(EsiaPaths.Organizations + "/{oid:long}", (HttpContext c, long oid, PersonApiEndpoints e) => e.OrganizationAsync(c, oid));
        return app;
    }
}

/// <summary>The clients and people of the fixtures, read but not yet in force, with the client files that could not be loaded.</summary>
/// <param name="Clients">The clients: the bundled ones, then the clients folder's (which may replace them).</param>
/// <param name="People">The people: the fixtures' and the generated ones.</param>
/// <param name="Problems">The client files left out, each with the problem and the fix.</param>
internal sealed record FixtureSet(IReadOnlyList<ClientRegistration> Clients, IReadOnlyList<Person> People, IReadOnlyList<ConfigurationProblem> Problems);

/// <summary>Clients, people and signing keys loaded from the fixtures folder at start-up (and again on reset).</summary>
internal sealed class LoadedFixtures
{
    private readonly MockEsiaOptions _options;

    private LoadedFixtures(MockEsiaOptions options, string path, string clientsFolder, SigningKeys keys)
    {
        _options = options;
        FixturesPath = path;
        ClientsFolder = clientsFolder;
        Keys = keys;
        Populate();
    }

    /// <summary>The integrator's clients folder (<c>MockEsia:ClientsPath</c>), loaded on top of the fixtures' clients.</summary>
    public string ClientsFolder { get; }

    /// <summary>The registered clients.</summary>
    public ClientRegistry Clients { get; } = new();

    /// <summary>The test people.</summary>
    public PeopleStore People { get; } = new();

    /// <summary>The token-signing keys.</summary>
    public SigningKeys Keys { get; }

    /// <summary>The fixtures folder in use.</summary>
    public string FixturesPath { get; }

    /// <summary>Finds the fixtures folder (absolute, or searched upwards from the content root and the binaries) and loads it.</summary>
    public static LoadedFixtures Load(MockEsiaOptions options, string contentRoot)
    {
        var path = Resolve(options.FixturesPath, contentRoot);
        var k = options.SigningKeys;
        EsiaCredential Load(string cert, string key) => EsiaCredential.Load(Path.Combine(path, cert), Path.Combine(path, key)).WithSigning(options.Gost);
        SigningKeys keys;
        try
        {
            keys = new SigningKeys(Load(k.GostCertificate, k.GostKey), Load(k.NextGostCertificate, k.NextGostKey), Load(k.RsaCertificate, k.RsaKey), Load(k.NextRsaCertificate, k.NextRsaKey));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            throw new StartupRefusal($"ESIA's signing keys in {path} (MockEsia:SigningKeys) cannot be read: {ex.Message.TrimEnd('.')}. Fix: restore the fixtures' pki/esia/ files, or point MockEsia:SigningKeys at your own.", ex);
        }

        return new LoadedFixtures(options, path, Path.GetFullPath(Path.Combine(contentRoot, options.ClientsPath)), keys);
    }

    /// <summary>Replaces the clients and people with those of the fixtures folder, the clients folder and the generator.</summary>
    public void Populate() => Use(Read());

    /// <summary>
    /// Reads the clients and people without changing anything: a client file that cannot be loaded is a problem of the
    /// set, not a failure; a people file that cannot be read (the fixtures themselves are damaged) throws.
    /// </summary>
    /// <exception cref="InvalidDataException">A fixtures file cannot be read; the message names it and the fix.</exception>
    public FixtureSet Read()
    {
        var bundled = ClientFiles.Load(Path.Combine(FixturesPath, "clients"), FixturesPath);
        var own = ClientFiles.Load(ClientsFolder, ClientsFolder);
        var people = PeopleStore.ReadFolder(Path.Combine(FixturesPath, "users")).Concat(PersonGenerator.Generate(_options.GeneratedPeople, _options.GeneratorSeed)).ToArray();
        return new FixtureSet([.. bundled.Clients, .. own.Clients], people, [.. bundled.Problems, .. own.Problems]);
    }

    /// <summary>Puts a set read by <see cref="Read"/> in force.</summary>
    public void Use(FixtureSet set)
    {
        Clients.ReplaceAll(set.Clients, set.Problems);
        People.ReplaceAll(set.People);
    }

    private static string Resolve(string configured, string contentRoot) => Find(configured, contentRoot)
        ?? throw new StartupRefusal($"The fixtures folder '{configured}' (with pki/, clients/, users/) was not found above {contentRoot} or {AppContext.BaseDirectory}. " +
            "Fix: run MockEsia from its checkout or image, or set MockEsia:FixturesPath to the folder.");

    /// <summary>The fixtures folder: absolute as configured, or searched upwards from the content root and the binaries; null when not found.</summary>
    public static string? Find(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, configured);
                if (Directory.Exists(Path.Combine(candidate, "pki")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
