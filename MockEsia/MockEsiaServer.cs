using Microsoft.Extensions.Options;
using MockEsia.Admin;
using MockEsia.Configuration;
using MockEsia.Diagnostics;
using MockEsia.Endpoints;
using MockEsia.Endpoints.Rest;
using MockEsia.Endpoints.Token;
using MockEsia.Epgu;
using MockEsia.Faults;
using MockEsia.Fixtures;
using MockEsia.Journal;
using MockEsia.Routing;
using MockEsia.State;
using MockEsia.Time;
using MockEsia.Tls;
using MockEsia.Tokens;
using MockEsia.Validation;

namespace MockEsia;

/// <summary>Builds the MockEsia application: services, fixtures and endpoints. Used by Program and by in-process tests.</summary>
public static class MockEsiaServer
{
    /// <summary>
    /// Creates a builder with MockEsia's services; <paramref name="configure"/> may adjust it: tests use TestServer, and
    /// test- or benchmark-only parts hook in here (an <c>IStartupFilter</c>, an endpoint registration), never in the server.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var https = args.Contains("--https");
        var builder = WebApplication.CreateBuilder(https ? [.. args.Where(a => a != "--https"), "--MockEsia:Https:Enabled=true"] : args);
        builder.Services.Configure<MockEsiaOptions>(builder.Configuration.GetSection(MockEsiaOptions.Section));
        builder.Services.Configure<MockEpgu.Limits.EpguLimitOptions>(builder.Configuration.GetSection(MockEsiaOptions.Section + ":Epgu:Limits"));
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
        builder.Services.AddEsiaEndpoint(new EsiaEndpoint("ca.pem", "GET", "/public/ca.pem", () => Results.Text(authority.CaPem, "application/x-pem-file")) { Journalled = false });
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
        services.AddSingleton(sp => new FaultRegistry(sp.GetRequiredService<EndpointTable>()));
        services.AddSingleton<EndpointTable>();
        services.AddSingleton<ServerReadings>();
        services.AddSingleton<AccessTokenCutoffs>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<SignatureDoctor>();
        services.AddSingleton(sp => new MockEsiaControl(sp.GetRequiredService<VirtualClock>(), sp.GetRequiredService<FaultRegistry>(), sp.GetRequiredService<RequestJournal>(),
            sp.GetRequiredService<LoadedFixtures>(), sp.GetRequiredService<IMockEsiaStore>(), sp.GetRequiredService<IOptionsMonitor<MockEsiaOptions>>(), sp.GetRequiredService<AccessTokenCutoffs>(),
            sp.GetRequiredService<ServerReadings>(), sp.GetService<TestCertificateAuthority>(), sp.GetRequiredService<MockEpgu.EpguState>()));
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
        services.AddEsiaEndpoints();
        services.AddEpguEndpoints();
        return services;

        static LoadedFixtures Fixtures(IServiceProvider sp) => sp.GetRequiredService<LoadedFixtures>();
    }

    /// <summary>Maps ESIA's paths.</summary>
    public static WebApplication MapMockEsia(this WebApplication app)
    {
        // With Redis, a replica that finds shared state takes it over instead of applying the scenario file again.
        var options = app.Services.GetRequiredService<IOptions<MockEsiaOptions>>().Value;
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

        LoadEpguFixtures(app.Services);
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
        }

        app.UseSecurityHeaders();
        app.Use((context, next) =>
        {
            // ESIA's forms are small (a te request with a CMS client_secret is about 4 KB): 64 KB to ESIA's endpoints, the
            // 1 MB of MaxRequestBody to the admin API's uploads and API ЕПГУ's other calls, a 50 MB chunk and its form to API ЕПГУ's uploads.
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                var path = context.Request.Path;
                limit.MaxRequestBodySize = path.StartsWithSegments("/api/gusmev/push") ? MockEpgu.Uploads.UploadRules.MaxRequestBody
                    : path.StartsWithSegments(AdminPaths.Prefix) || path.StartsWithSegments("/api") ? MaxRequestBody : MaxEsiaRequestBody;
            }

            return next(context);
        });
        app.UseMiddleware<AdminTokenMiddleware>();
        app.UseMiddleware<JournalMiddleware>();
        app.UseEpguDiagnosis();
        app.UseMiddleware<StoreFailureMiddleware>();
        app.MapAdmin();
        app.Services.GetRequiredService<EndpointTable>().Map(app);
        return app;
    }

    // API ЕПГУ's services, dictionaries and limits are read at start-up, so a bad file or setting refuses the start in one line.
    private static void LoadEpguFixtures(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<MockEpgu.Services.ServiceCatalogue>();
            services.GetRequiredService<MockEpgu.Dictionaries.DictionaryBook>();
        }
        catch (InvalidDataException ex)
        {
            throw new StartupRefusal(ex.Message, ex);
        }

        try
        {
            _ = services.GetRequiredService<IOptionsMonitor<MockEpgu.Limits.EpguLimitOptions>>().CurrentValue;
        }
        catch (InvalidOperationException ex)
        {
            throw new StartupRefusal($"{ex.Message.TrimEnd('.')}. Fix: give MockEsia:Epgu:Limits:* whole numbers (OrderWindow a duration such as 00:10:00), or leave them out for the real API's limits.", ex);
        }
    }
}
