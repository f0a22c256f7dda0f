using Esia.Protocol.Crypto;
using Microsoft.Extensions.Options;
using MockEsia.Clients;
using MockEsia.Configuration;
using MockEsia.Endpoints;
using MockEsia.People;
using MockEsia.State;
using MockEsia.Time;
using MockEsia.Tokens;
using MockEsia.Validation;

namespace MockEsia;

/// <summary>Builds the MockEsia application: services, fixtures and endpoints. Used by Program and by in-process tests.</summary>
public static class MockEsiaServer
{
    /// <summary>Creates a builder with MockEsia's services; <paramref name="configure"/> may adjust it (tests use TestServer).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<MockEsiaOptions>(builder.Configuration.GetSection(MockEsiaOptions.Section));
        builder.Services.AddMockEsia();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapMockEsia();
        return app;
    }

    /// <summary>Registers MockEsia's services.</summary>
    public static IServiceCollection AddMockEsia(this IServiceCollection services)
    {
        services.AddSingleton(_ => new VirtualClock());
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VirtualClock>());
        services.AddSingleton<IMockEsiaStore>(sp => new InMemoryStore(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => Fixtures(sp).Clients);
        services.AddSingleton(sp => Fixtures(sp).People);
        services.AddSingleton(sp => Fixtures(sp).Keys);
        services.AddSingleton<LoadedFixtures>(sp => LoadedFixtures.Load(sp.GetRequiredService<IOptions<MockEsiaOptions>>().Value, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ClientAuthentication>();
        services.AddSingleton<AuthorizationFlow>();
        services.AddSingleton<AuthorizeEndpoint>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<LoginEndpoints>();
        services.AddSingleton<PersonApiEndpoints>();
        services.AddSingleton<PublicEndpoints>();
        return services;

        static LoadedFixtures Fixtures(IServiceProvider sp) => sp.GetRequiredService<LoadedFixtures>();
    }

    /// <summary>Maps ESIA's paths.</summary>
    public static WebApplication MapMockEsia(this WebApplication app)
    {
        app.MapGet("/aas/oauth2/v2/ac", (HttpContext c, AuthorizeEndpoint e) => e.HandleAsync(c, v2: true));
        app.MapGet("/aas/oauth2/ac", (HttpContext c, AuthorizeEndpoint e) => e.HandleAsync(c, v2: false));
        app.MapPost("/aas/oauth2/v3/te", (HttpContext c, TokenEndpoint e) => e.HandleAsync(c, v3: true));
        app.MapPost("/aas/oauth2/te", (HttpContext c, TokenEndpoint e) => e.HandleAsync(c, v3: false));
        app.MapGet("/aas/oauth2/login", (HttpContext c, LoginEndpoints e) => e.ShowLoginAsync(c));
        app.MapPost("/aas/oauth2/login", (HttpContext c, LoginEndpoints e) => e.LoginAsync(c)).DisableAntiforgery();
        app.MapGet("/aas/oauth2/consent", (HttpContext c, LoginEndpoints e) => e.ShowConsentAsync(c));
        app.MapPost("/aas/oauth2/consent", (HttpContext c, LoginEndpoints e) => e.ConsentAsync(c)).DisableAntiforgery();
        app.MapGet("/idp/ext/Logout", (HttpContext c, PublicEndpoints e) => e.LogoutAsync(c));
        app.MapGet("/public/esia.zip", (PublicEndpoints e) => e.EsiaZip());
        app.MapGet("/health", PublicEndpoints.Health);
        app.MapGet("/rs/prns/{oid:long}", (HttpContext c, long oid, PersonApiEndpoints e) => e.Person(c, oid, null, null));
        app.MapGet("/rs/prns/{oid:long}/{collection}", (HttpContext c, long oid, string collection, PersonApiEndpoints e) => e.Person(c, oid, collection, null));
        app.MapGet("/rs/prns/{oid:long}/{collection}/{id:long}", (HttpContext c, long oid, string collection, long id, PersonApiEndpoints e) => e.Person(c, oid, collection, id));
        app.MapGet("/rs/orgs/{oid:long}", (HttpContext c, long oid, PersonApiEndpoints e) => e.Organization(c, oid));
        return app;
    }
}

/// <summary>Clients, people and signing keys loaded from the fixtures folder at start-up.</summary>
public sealed record LoadedFixtures(ClientRegistry Clients, PeopleStore People, SigningKeys Keys, string FixturesPath)
{
    /// <summary>Finds the fixtures folder (absolute, or searched upwards from the content root and the binaries) and loads it.</summary>
    public static LoadedFixtures Load(MockEsiaOptions options, string contentRoot)
    {
        var path = Resolve(options.FixturesPath, contentRoot);
        var clients = new ClientRegistry();
        clients.LoadFolder(Path.Combine(path, "clients"), path);
        var people = new PeopleStore();
        people.LoadFolder(Path.Combine(path, "users"));
        foreach (var person in PersonGenerator.Generate(options.GeneratedPeople, options.GeneratorSeed))
        {
            people.Put(person);
        }

        var k = options.SigningKeys;
        EsiaCredential Load(string cert, string key) => EsiaCredential.Load(Path.Combine(path, cert), Path.Combine(path, key));
        var keys = new SigningKeys(Load(k.GostCertificate, k.GostKey), Load(k.NextGostCertificate, k.NextGostKey), Load(k.RsaCertificate, k.RsaKey));
        return new LoadedFixtures(clients, people, keys, path);
    }

    private static string Resolve(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return configured;
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

        throw new DirectoryNotFoundException($"The fixtures folder '{configured}' (with pki/, clients/, users/) was not found above {contentRoot}. Set MockEsia:FixturesPath.");
    }
}
