using Esia.Client;
using Esia.Client.AspNetCore;
using Esia.Protocol.Crypto;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

// An integrator's app: signs people in through ESIA (Esia.Client's handler) and says who is signed in.
var builder = WebApplication.CreateBuilder(args);
var esia = builder.Configuration.GetSection("Esia");
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie()
    .AddEsia(o =>
    {
        o.Client.Environment = EsiaEnvironment.Custom(esia["Url"] ?? "https://esia-portal1.test.gosuslugi.ru");
        o.Client.ClientId = esia["ClientId"] ?? "";
        o.Client.RedirectUri = esia["RedirectUri"] ?? "";
        if (esia["CertificatePath"] is { Length: > 0 } certificate && esia["KeyPath"] is { Length: > 0 } key)
        {
            o.Client.Signer = EsiaCredential.Load(certificate, key);
        }

        foreach (var trusted in esia.GetSection("TrustedCertificates").Get<string[]>() ?? [])
        {
            foreach (var c in EsiaTrust.FromFile(trusted))
            {
                o.Client.TrustedCertificates.Add(c);
            }
        }

        o.Events.OnRemoteFailure = c =>
        {
            c.Response.Redirect("/?error=" + Uri.EscapeDataString(c.Failure is EsiaException e ? e.EsiaCode ?? e.Kind.ToString() : "error"));
            c.HandleResponse();
            return Task.CompletedTask;
        };
    });

var app = builder.Build();
app.UseAuthentication();
app.MapGet("/", (HttpContext c) => c.Request.Query["error"] is { Count: > 0 } error
    ? Results.Content($"Вход не выполнен: {error}", "text/plain; charset=utf-8", statusCode: 200)
    : c.User.Identity?.IsAuthenticated == true
        ? Results.Content($"Вы вошли: oid {c.User.FindFirst(EsiaDefaults.OidClaim)?.Value}", "text/plain; charset=utf-8")
        : Results.Content("Войдите через Госуслуги: /login", "text/plain; charset=utf-8"));
app.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [EsiaDefaults.AuthenticationScheme]));
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
