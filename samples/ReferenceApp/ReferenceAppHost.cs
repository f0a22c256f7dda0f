using System.Text.Encodings.Web;
using Esia.Client;
using Esia.Client.AspNetCore;
using Esia.Client.Rest;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ReferenceApp;

/// <summary>Builds the reference app: cookie session, ESIA sign-in, and four pages. Used by Program and by tests.</summary>
public static class ReferenceAppHost
{
    /// <summary>Builds the app; <paramref name="configure"/> may replace services (tests swap in faulty ones).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = builder.Configuration.GetSection("Esia").Get<ReferenceAppSettings>() ?? new ReferenceAppSettings();
        var root = builder.Environment.ContentRootPath;
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = "referenceapp";
                o.Events.OnRedirectToLogin = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            })
            .AddEsia(o =>
            {
                o.Client = ClientOptions(settings, root);
                o.Events.OnRemoteFailure = c =>
                {
                    var kind = c.Failure is EsiaException e ? $"{e.Kind}{(e.EsiaCode is null ? "" : " " + e.EsiaCode)}" : "Error";
                    c.Response.Redirect("/?error=" + UrlEncoder.Default.Encode(kind));
                    c.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddSingleton<ILogoutRedirect, EsiaLogoutRedirect>();
        var epgu = builder.Configuration.GetSection("Epgu").Get<EpguSettings>() ?? new EpguSettings();
        if (epgu.Enabled)
        {
            builder.Services.PostConfigure<EsiaOptions>(EsiaDefaults.AuthenticationScheme, o => o.Client.Permissions.Add(EsiaPermission.ApiPgu(epgu.ResponsibleObject)));
            builder.Services.AddEsiaEpgu(o =>
            {
                o.BaseUri = new Uri(epgu.Url is { Length: > 0 } url ? url : settings.Environment.ToLowerInvariant() switch
                {
                    "test" => "https://svcdev-beta.test.gosuslugi.ru",
                    "production" => "https://lk.gosuslugi.ru",
                    var mock => mock,
                });
                o.RetryDelay = TimeSpan.FromMilliseconds(epgu.RetryDelayMs);
                o.LimitDelay = TimeSpan.FromMilliseconds(epgu.LimitDelayMs);
            });
            builder.Services.AddSingleton<KnownOrders>();
            builder.Services.AddSingleton(epgu);
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseAuthentication();
        Map(app);
        if (epgu.Enabled)
        {
            EpguPages.Map(app);
        }

        return app;
    }

    /// <summary>The ESIA client options from the settings.</summary>
    public static EsiaClientOptions ClientOptions(ReferenceAppSettings settings, string root)
    {
        string Full(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(root, path));
        var options = new EsiaClientOptions
        {
            Environment = settings.Environment.ToLowerInvariant() switch
            {
                "test" => EsiaEnvironment.Test,
                "production" => EsiaEnvironment.Production,
                var custom => EsiaEnvironment.Custom(custom, settings.Issuer),
            },
            ClientId = settings.ClientId,
            Signer = settings.Pkcs12Path is { Length: > 0 } p12
                ? EsiaCredential.LoadPkcs12(Full(p12), settings.Pkcs12Password ?? "")
                : EsiaCredential.Load(Full(settings.CertificatePath), Full(settings.KeyPath)),
            RedirectUri = settings.RedirectUri,
        };
        options.Scopes.Clear();
        foreach (var scope in settings.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            options.Scopes.Add(scope);
        }

        foreach (var certificate in settings.TrustedCertificates.SelectMany(f => EsiaTrust.FromFile(Full(f))))
        {
            options.TrustedCertificates.Add(certificate);
        }

        foreach (var tlsRoot in settings.TlsTrustedRoots)
        {
            options.TlsTrustedRoots.Add(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Full(tlsRoot))));
        }

        if (settings.TrustedCertificatesUrl is { Length: > 0 } url)
        {
            using var http = new HttpClient();
            foreach (var certificate in EsiaTrust.FromZip(http.GetByteArrayAsync(url).GetAwaiter().GetResult()))
            {
                options.TrustedCertificates.Add(certificate);
            }
        }

        return options;
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/", (HttpContext c) => Page(c.User.Identity?.IsAuthenticated == true
            ? $"<p data-testid=\"status\">Вы вошли. Идентификатор ЕСИА: <span data-testid=\"oid\">{E(c.User.FindFirst(EsiaDefaults.OidClaim)?.Value)}</span></p>"
              + "<p><a href=\"/profile\" data-testid=\"profile\">Профиль</a> · <a href=\"/epgu\" data-testid=\"epgu\">Заявления</a> · <a href=\"/logout\" data-testid=\"logout\">Выйти</a></p>"
            : "<p data-testid=\"status\">Вы не вошли.</p><p><a href=\"/login\" data-testid=\"login\">Войти через Госуслуги</a></p>", c.Request.Query[EsiaParameters.Error]));

        app.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [EsiaDefaults.AuthenticationScheme]));

        app.MapGet("/me", (HttpContext c) => c.User.Identity?.IsAuthenticated == true
            ? Results.Json(new { signedIn = true, oid = c.User.FindFirst(EsiaDefaults.OidClaim)?.Value })
            : Results.Json(new { signedIn = false }, statusCode: StatusCodes.Status401Unauthorized));

        app.MapGet("/profile", async (HttpContext c, EsiaRestClient rest, IEsiaTokenSource session) =>
        {
            if (c.User.Identity?.IsAuthenticated != true)
            {
                return Results.Redirect("/login");
            }

            try
            {
                var person = await rest.GetPersonAsync(session, c.RequestAborted);
                return Page($"<p data-testid=\"status\">Вы вошли.</p><h2 data-testid=\"person-name\">{E(person.FullName)}</h2>", null);
            }
            catch (EsiaException ex) when (ex.Kind == EsiaFailureKind.Unauthorized)
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = "/profile" }, [EsiaDefaults.AuthenticationScheme]);
            }
            catch (EsiaException ex)
            {
                return Page("<p data-testid=\"status\">Вы вошли, но данные недоступны.</p>", $"{ex.Kind} {ex.EsiaCode}", StatusCodes.Status502BadGateway);
            }
        });

        app.MapGet("/logout", async (HttpContext c, ILogoutRedirect logout) =>
        {
            await c.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(logout.Target(c));
        });
    }

    private static IResult Page(string body, string? error, int status = StatusCodes.Status200OK) => Results.Content($$"""
        <!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Reference App</title></head>
        <body><h1>Эталонное приложение ЕСИА</h1>{{(string.IsNullOrEmpty(error) ? "" : $"<p role=\"alert\" data-testid=\"error\">Ошибка входа: {E(error)}</p>")}}{{body}}</body></html>
        """, "text/html; charset=utf-8", statusCode: status);

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string E(string? text) => Encoder.Encode(text ?? "");
}
