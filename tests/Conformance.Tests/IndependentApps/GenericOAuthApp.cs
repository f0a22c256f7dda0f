using System.Collections.Concurrent;
using System.Security.Claims;
using Esia.Protocol.Crypto;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Conformance.Tests.IndependentApps;

/// <summary>
/// An ESIA integration on ASP.NET Core's generic OAuth handler (<c>AddOAuth</c>), adapted to ESIA the way its
/// documentation allows: a UUID <c>state</c> (a custom state format), the signed authorization URL built in
/// <c>OnRedirectToAuthorizationEndpoint</c>, the token request re-signed by a back-channel message handler, the
/// access token checked by hand in <c>OnCreatingTicket</c>, ESIA's errors turned into an error page in
/// <c>OnRemoteFailure</c>. Like most apps built this way it never refreshes: the generic handler has no refresh.
/// </summary>
public static class GenericOAuthApp
{
    private const string ClientId = "MOCKSYS";
    private const string Scope = "openid fullname";
    private const string Scheme = "esia";

    /// <summary>Builds the app on <paramref name="self"/>, talking to ESIA at <paramref name="esia"/>.</summary>
    public static WebApplication Build(Uri esia, Uri self, EsiaCredential key, IReadOnlyList<EsiaCertificate> trusted)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", self.ToString()]);
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddCookie(o => o.Cookie.Name = "generic")
            .AddOAuth(Scheme, o =>
            {
                o.ClientId = ClientId;
                o.ClientSecret = "signed per request";
                o.AuthorizationEndpoint = $"{esia}aas/oauth2/v2/ac";
                o.TokenEndpoint = $"{esia}aas/oauth2/v3/te";
                o.CallbackPath = "/signin-esia";
                o.Scope.Add("openid");
                o.Scope.Add("fullname");
                o.UsePkce = false;
                o.CorrelationCookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.SaveTokens = true;
                o.StateDataFormat = new UuidStates();
                o.BackchannelHttpHandler = new TokenRequestSigner(key) { InnerHandler = new HttpClientHandler() };
                o.Events.OnRedirectToAuthorizationEndpoint = context =>
                {
                    context.Response.Redirect(SignAuthorization(context.RedirectUri, key));
                    return Task.CompletedTask;
                };
                o.Events.OnCreatingTicket = context =>
                {
                    var oid = HandWritten.Verify(context.AccessToken!, trusted, ClientId) ?? throw new AuthenticationFailureException("The access token did not pass the checks.");
                    context.Identity!.AddClaim(new Claim(ClaimTypes.NameIdentifier, oid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    return Task.CompletedTask;
                };
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    context.HandleResponse();
                    return context.Response.WriteAsync("Вход не выполнен.");
                };
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/", () => "Главная");
        app.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [Scheme]));
        app.MapGet("/me", (HttpContext c) => c.User.Identity?.IsAuthenticated == true
            ? Results.Json(new { oid = c.User.FindFirstValue(ClaimTypes.NameIdentifier) })
            : Results.Json(new { signedIn = false }, statusCode: 401));
        app.MapGet("/profile", async (HttpContext c) =>
        {
            if (c.User.Identity?.IsAuthenticated != true)
            {
                return Results.Redirect("/login");
            }

            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{esia}rs/prns/{c.User.FindFirstValue(ClaimTypes.NameIdentifier)}");
            request.Headers.Authorization = new("Bearer", await c.GetTokenAsync("access_token"));
            using var response = await http.SendAsync(request);
            return Results.Text(response.IsSuccessStatusCode ? "Профиль" : $"Данные недоступны ({(int)response.StatusCode})");
        });
        app.MapGet("/logout", async (HttpContext c) =>
        {
            await c.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect($"{esia}idp/ext/Logout?client_id={ClientId}&redirect_url={Uri.EscapeDataString(self.ToString())}");
        });
        return app;
    }

    // The handler's URL carries client_id, scope, response_type, redirect_uri and state; ESIA also wants these, signed.
    private static string SignAuthorization(string url, EsiaCredential key)
    {
        var uri = new Uri(url);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var timestamp = HandWritten.Timestamp();
        var values = query.AllKeys.OfType<string>().ToDictionary(k => k, k => query[k]!);
        values["timestamp"] = timestamp;
        values["access_type"] = "offline";
        values["client_certificate_hash"] = key.Certificate.Streebog256Hex;
        values["client_secret"] = HandWritten.Raw(key, ClientId + values["scope"] + timestamp + values["state"] + values["redirect_uri"]);
        return $"{uri.GetLeftPart(UriPartial.Path)}?{HandWritten.Query(values)}";
    }

    /// <summary>A <c>state</c> that is a UUID, as ESIA requires, standing for the properties kept here (once).</summary>
    private sealed class UuidStates : ISecureDataFormat<AuthenticationProperties>
    {
        private readonly ConcurrentDictionary<string, AuthenticationProperties> _pending = new();

        public string Protect(AuthenticationProperties data) => Protect(data, null);

        public string Protect(AuthenticationProperties data, string? purpose)
        {
            var state = Guid.NewGuid().ToString();
            _pending[state] = data;
            return state;
        }

        public AuthenticationProperties? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationProperties? Unprotect(string? protectedText, string? purpose) =>
            protectedText is not null && _pending.TryRemove(protectedText, out var data) ? data : null;
    }

    /// <summary>Re-signs the handler's token request the way ESIA's v3/te wants it.</summary>
    private sealed class TokenRequestSigner(EsiaCredential key) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.Content is { } content)
            {
                var form = System.Web.HttpUtility.ParseQueryString(await content.ReadAsStringAsync(cancellationToken));
                var state = Guid.NewGuid().ToString();
                var timestamp = HandWritten.Timestamp();
                var signed = ClientId + Scope + timestamp + state + form["redirect_uri"] + form["code"];
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["client_id"] = ClientId,
                    ["code"] = form["code"] ?? "",
                    ["grant_type"] = "authorization_code",
                    ["redirect_uri"] = form["redirect_uri"] ?? "",
                    ["scope"] = Scope,
                    ["state"] = state,
                    ["timestamp"] = timestamp,
                    ["token_type"] = "Bearer",
                    ["client_certificate_hash"] = key.Certificate.Streebog256Hex,
                    ["client_secret"] = HandWritten.Raw(key, signed),
                });
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
