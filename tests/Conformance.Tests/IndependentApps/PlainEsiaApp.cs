using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Esia.Protocol.Crypto;

namespace Conformance.Tests.IndependentApps;

/// <summary>
/// An ESIA integration written the way integrators write one from the methodological recommendations, with no help
/// from Esia.Client: URLs and signed strings concatenated by hand, plain HttpClient calls, JWTs split and checked by
/// hand (only the raw GOST/RSA signature check and the CMS envelope come from a crypto library, here BouncyCastle via
/// Esia.Protocol), an in-memory session behind a cookie. Its behaviour is set by an <see cref="AppProfile"/>.
/// </summary>
public sealed class PlainEsiaApp
{
    private const string Scope = "openid fullname";
    private const string ClientId = "MOCKSYS";
    private readonly AppProfile _profile;
    private readonly Uri _esia;
    private readonly Uri _self;
    private readonly EsiaCredential _key;
    private readonly IReadOnlyList<EsiaCertificate> _trusted;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentDictionary<string, Session> _sessions = new();

    private sealed class Session
    {
        public required long Oid { get; init; }

        public required string Access { get; set; }

        public required string? Refresh { get; set; }

        public required DateTimeOffset ExpiresAt { get; set; }
    }

    private PlainEsiaApp(AppProfile profile, Uri esia, Uri self, EsiaCredential key, IReadOnlyList<EsiaCertificate> trusted)
    {
        _profile = profile;
        _esia = esia;
        _self = self;
        _key = key;
        _trusted = trusted;
    }

    private string RedirectUri => new Uri(_self, "/signin-esia").ToString();

    /// <summary>Builds the app for a profile on <paramref name="self"/>, talking to ESIA at <paramref name="esia"/>.</summary>
    public static WebApplication Build(AppProfile profile, Uri esia, Uri self, EsiaCredential key, IReadOnlyList<EsiaCertificate> trusted)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", self.ToString()]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var plain = new PlainEsiaApp(profile, esia, self, key, trusted);
        plain.Map(app);
        if (profile.Epgu)
        {
            new PlainEpgu(esia, plain._http, plain.RenewForPersonAsync).Map(app, c => plain.Current(c) is { } s ? (s.Oid, () => s.Access, token => s.Access = token) : null);
        }

        return app;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/", () => Html(200, "<p>Главная</p>"));
        app.MapGet("/login", (HttpContext c) => _profile.JavaScriptLogin
            ? Html(200, """
                <button id="esia-login" type="button">Войти через Госуслуги</button>
                <script>
                document.getElementById('esia-login').addEventListener('click', async () => {
                  const answer = await fetch('/login/url', { method: 'POST' });
                  location.href = (await answer.json()).url;
                });
                </script>
                """)
            : Results.Redirect(AuthorizationUrl(c)));
        app.MapPost("/login/url", (HttpContext c) => Results.Json(new { url = AuthorizationUrl(c) }));
        app.MapGet("/signin-esia", (Func<HttpContext, Task<IResult>>)CallbackAsync);
        app.MapGet("/me", (HttpContext c) => Current(c) is { } s ? Results.Json(new { oid = s.Oid }) : Results.Json(new { signedIn = false }, statusCode: 401));
        app.MapGet("/profile", (Func<HttpContext, Task<IResult>>)ProfileAsync);
        app.MapGet("/logout", (HttpContext c) =>
        {
            if (c.Request.Cookies["plain_sid"] is { } sid)
            {
                _sessions.TryRemove(sid, out _);
            }

            c.Response.Cookies.Delete("plain_sid");
            return Results.Redirect($"{_esia}idp/ext/Logout?client_id={ClientId}&redirect_url={Uri.EscapeDataString(_self.ToString())}");
        });
    }

    private string AuthorizationUrl(HttpContext context)
    {
        var state = Guid.NewGuid().ToString();
        context.Response.Cookies.Append("plain_state", state, new CookieOptions { HttpOnly = true });
        var timestamp = HandWritten.Timestamp();
        var query = new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["scope"] = Scope,
            ["response_type"] = "code",
            ["state"] = state,
            ["timestamp"] = timestamp,
            ["access_type"] = "offline",
            ["redirect_uri"] = RedirectUri,
        };
        if (_profile.Legacy)
        {
            query["client_secret"] = Cms(Scope + timestamp + ClientId + state);
            return $"{_esia}aas/oauth2/ac?{HandWritten.Query(query)}";
        }

        query["client_secret"] = Raw(ClientId + Scope + timestamp + state + RedirectUri);
        query["client_certificate_hash"] = _key.Certificate.Streebog256Hex;
        if (_profile.Epgu)
        {
            query["permissions"] = PlainEpgu.Permissions;
        }

        return $"{_esia}aas/oauth2/v2/ac?{HandWritten.Query(query)}";
    }

    private async Task<IResult> CallbackAsync(HttpContext context)
    {
        var expected = context.Request.Cookies["plain_state"];
        context.Response.Cookies.Delete("plain_state");
        var state = context.Request.Query["state"].ToString();
        if (string.IsNullOrEmpty(expected) || state != expected)
        {
            return Html(400, "<p>Вход не выполнен: неверный state.</p>");
        }

        if (context.Request.Query["error"].Count > 0 || context.Request.Query["code"].ToString() is not { Length: > 0 } code)
        {
            return Html(400, $"<p>ЕСИА отказала: {WebUtility.HtmlEncode(context.Request.Query["error"].ToString())}</p>");
        }

        var tokens = await TokenRequestAsync("authorization_code", ("code", code));
        if (tokens is null || Verify(tokens.Value.Access) is not { } oid)
        {
            return Html(401, "<p>Вход не выполнен: маркер не прошёл проверку.</p>");
        }

        var sid = Guid.NewGuid().ToString();
        _sessions[sid] = new Session { Oid = oid, Access = tokens.Value.Access, Refresh = tokens.Value.Refresh, ExpiresAt = tokens.Value.ExpiresAt };
        context.Response.Cookies.Append("plain_sid", sid, new CookieOptions { HttpOnly = true });
        return Results.Redirect("/");
    }

    private async Task<IResult> ProfileAsync(HttpContext context)
    {
        if (Current(context) is not { } session)
        {
            return Results.Redirect("/login");
        }

        if (_profile.Refresh == RefreshMode.OnOwnClock && DateTimeOffset.UtcNow >= session.ExpiresAt - TimeSpan.FromMinutes(1) && !await RefreshAsync(session))
        {
            return SignedOut(context);
        }

        var answer = await PersonAsync(session);
        if (answer == HttpStatusCode.Unauthorized && _profile.Refresh == RefreshMode.On401)
        {
            if (!await RefreshAsync(session))
            {
                return SignedOut(context);
            }

            answer = await PersonAsync(session);
        }

        return answer == HttpStatusCode.OK ? Html(200, $"<p>Профиль {session.Oid}</p>") : Html(200, $"<p>Данные недоступны ({(int)answer}).</p>");
    }

    private async Task<HttpStatusCode> PersonAsync(Session session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_esia}rs/prns/{session.Oid}");
        request.Headers.Authorization = new("Bearer", session.Access);
        try
        {
            using var response = await _http.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.BadGateway;
        }
    }

    private async Task<bool> RefreshAsync(Session session)
    {
        if (session.Refresh is null)
        {
            return false;
        }

        var tokens = await TokenRequestAsync("refresh_token", ("refresh_token", session.Refresh));
        if (tokens is null || Verify(tokens.Value.Access) != session.Oid)
        {
            return false;
        }

        if (_profile.CrashAfterRefresh)
        {
            throw new InvalidOperationException("The session store failed after the refresh: the new tokens are lost.");
        }

        (session.Access, session.Refresh, session.ExpiresAt) = (tokens.Value.Access, tokens.Value.Refresh ?? session.Refresh, tokens.Value.ExpiresAt);
        return true;
    }

    private async Task<(string Access, string? Refresh, DateTimeOffset ExpiresAt)?> TokenRequestAsync(string grantType, (string Name, string Value) grant)
    {
        var state = Guid.NewGuid().ToString();
        var timestamp = HandWritten.Timestamp();
        var form = new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            [grant.Name] = grant.Value,
            ["grant_type"] = grantType,
            ["state"] = state,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = Scope,
            ["timestamp"] = timestamp,
            ["token_type"] = "Bearer",
        };
        string path;
        if (_profile.Legacy)
        {
            form["client_secret"] = Cms(Scope + timestamp + ClientId + state);
            path = "aas/oauth2/te";
        }
        else
        {
            var signed = ClientId + Scope + timestamp + state + RedirectUri + (grantType == "authorization_code" ? grant.Value : "");
            form["client_secret"] = Raw(signed);
            form["client_certificate_hash"] = _key.Certificate.Streebog256Hex;
            path = "aas/oauth2/v3/te";
        }

        try
        {
            using var response = await _http.PostAsync($"{_esia}{path}", new FormUrlEncodedContent(form));
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var body = json.RootElement;
            var access = body.GetProperty("access_token").GetString()!;
            var refresh = body.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;
            var expiresIn = body.TryGetProperty("expires_in", out var e) ? e.GetInt64() : 3600;
            return (access, refresh, DateTimeOffset.UtcNow.AddSeconds(expiresIn));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    // client_credentials with scope prm_chg?oid=…, signed over client_id+scope+timestamp+state+redirect_uri (reference §5.4): the person's token on their consent.
    private async Task<string?> RenewForPersonAsync(long oid)
    {
        var (state, timestamp, scope) = (Guid.NewGuid().ToString(), HandWritten.Timestamp(), $"prm_chg?oid={oid}");
        var form = new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["grant_type"] = "client_credentials",
            ["scope"] = scope,
            ["state"] = state,
            ["timestamp"] = timestamp,
            ["redirect_uri"] = RedirectUri,
            ["token_type"] = "Bearer",
            ["client_secret"] = Raw(ClientId + scope + timestamp + state + RedirectUri),
            ["client_certificate_hash"] = _key.Certificate.Streebog256Hex,
        };
        using var response = await _http.PostAsync($"{_esia}aas/oauth2/v3/te", new FormUrlEncodedContent(form));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var access = json.RootElement.GetProperty("access_token").GetString()!;
        return Verify(access) == oid ? access : null;
    }

    private long? Verify(string token) => HandWritten.Verify(token, _trusted, ClientId);

    private Session? Current(HttpContext context) => context.Request.Cookies["plain_sid"] is { } sid && _sessions.TryGetValue(sid, out var session) ? session : null;

    private IResult SignedOut(HttpContext context)
    {
        if (context.Request.Cookies["plain_sid"] is { } sid)
        {
            _sessions.TryRemove(sid, out _);
        }

        context.Response.Cookies.Delete("plain_sid");
        return Html(401, "<p>Сеанс завершён: войдите снова.</p>");
    }

    private string Raw(string signed) => HandWritten.Raw(_key, signed);

    private string Cms(string signed) => HandWritten.Cms(_key, signed);

    private static IResult Html(int status, string body) =>
        Results.Content($"<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Plain ESIA app</title></head><body>{body}</body></html>", "text/html; charset=utf-8", statusCode: status);
}
