using System.Security.Claims;
using Esia.Client;
using Esia.Client.AspNetCore;
using Esia.Client.Protocol;
using Esia.Client.Rest;
using Esia.Protocol.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReferenceApp;

namespace Conformance.Tests;

/// <summary>A variant of the reference app with one defect, and the mandatory scenario that must catch it.</summary>
/// <param name="Name">What is broken.</param>
/// <param name="KilledBy">The scenario that must fail.</param>
/// <param name="Mutate">The defect, as a DI replacement.</param>
public sealed record Mutant(string Name, string KilledBy, Action<WebApplicationBuilder> Mutate)
{
    public override string ToString() => Name;

    /// <summary>The mutants.</summary>
    public static IReadOnlyList<Mutant> All { get; } =
    [
        Validator("no token signature check", "ESIA-C20", TokenFailure.SignatureInvalid),
        Validator("accepts alg none", "ESIA-C26", TokenFailure.AlgorithmNone),
        Validator("no iss check", "ESIA-C22", TokenFailure.IssuerMismatch),
        PersonFromIdToken("person from the id_token, its audience unchecked", "ESIA-C23", TokenFailure.AudienceMismatch, TokenFailure.SubjectMismatch),
        Validator("no exp check", "ESIA-C24", TokenFailure.Expired),
        Validator("no nbf/iat check", "ESIA-C25", TokenFailure.NotYetValid, TokenFailure.IssuedInFuture),
        PersonFromIdToken("person from the id_token, sub not compared with urn:esia:sbj_id", "ESIA-C28", TokenFailure.SubjectMismatch),
        new("person from an id_token never validated", "ESIA-C23", b =>
        {
            b.Services.AddSingleton<IEsiaTokenValidator>(new IgnoringValidator(type: TokenTypes.Id));
            TakePersonFromIdToken(b);
        }),
        new("no client_id check on the access token, id_token sub not compared with it", "ESIA-C27",
            b => b.Services.AddSingleton<IEsiaTokenValidator>(new IgnoringValidator([TokenFailure.AudienceMismatch, TokenFailure.SubjectMismatch]))),
        new("no state check at the callback", "ESIA-C12", b => b.Services.AddSingleton<IEsiaLoginStateStore, AnyStateStore>()),
        new("one state reused for every login", "ESIA-C02", b => b.Services.AddSingleton<IEsiaLoginStateStore, FixedStateStore>()),
        new("refusal treated as success", "ESIA-C10", b => b.Services.PostConfigure<EsiaOptions>(EsiaDefaults.AuthenticationScheme, o => o.Events.OnRemoteFailure = SignInAnyway)),
        new("crashes on ESIA errors", "ESIA-C13", b => b.Services.PostConfigure<EsiaOptions>(EsiaDefaults.AuthenticationScheme, o => o.Events.OnRemoteFailure = c => throw c.Failure!)),
        new("no refresh", "ESIA-C30", b => b.Services.AddScoped<IEsiaTokenSource, NeverRefreshes>()),
        new("old refresh token reused", "ESIA-C31", b => b.Services.AddScoped<IEsiaTokenSource, KeepsFirstRefreshToken>()),
        new("logout without ESIA", "ESIA-C40", b => b.Services.AddSingleton<ILogoutRedirect, LocalLogoutOnly>()),
    ];

    private static Mutant Validator(string name, string killedBy, params TokenFailure[] ignored) =>
        new(name, killedBy, b => b.Services.AddSingleton<IEsiaTokenValidator>(new IgnoringValidator(ignored)));

    // Judged by consequences, a check skipped on the id_token is harmless while the person comes from the access token;
    // these mutants rely on the id_token they do not check fully.
    private static Mutant PersonFromIdToken(string name, string killedBy, params TokenFailure[] ignored) => new(name, killedBy, b =>
    {
        b.Services.AddSingleton<IEsiaTokenValidator>(new IgnoringValidator(ignored, TokenTypes.Id, onlyIgnored: true));
        TakePersonFromIdToken(b);
    });

    /// <summary>Signs in the person the id_token's <c>sub</c> names, instead of the access token's <c>urn:esia:sbj_id</c>.</summary>
    private static void TakePersonFromIdToken(WebApplicationBuilder b) =>
        b.Services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => o.Events.OnSigningIn = context =>
        {
            if (context.Properties.GetTokenValue("id_token") is { } idToken && EsiaJwt.TryParse(idToken, out var jwt, out _) && jwt!.GetNumber("sub") is { } sub
                && context.Principal?.Identity is ClaimsIdentity identity)
            {
                identity.RemoveClaim(identity.FindFirst(EsiaDefaults.OidClaim));
                identity.AddClaim(new Claim(EsiaDefaults.OidClaim, sub.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return Task.CompletedTask;
        });

    private static async Task SignInAnyway(RemoteFailureContext context)
    {
        var identity = new ClaimsIdentity([new Claim(EsiaDefaults.OidClaim, "1000000001")], "Esia");
        await context.HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        context.Response.Redirect("/");
        context.HandleResponse();
    }

    /// <summary>Treats some validation failures, every failure of one token kind, or some failures of one token kind, as success.</summary>
    private sealed class IgnoringValidator(TokenFailure[]? ignored = null, string? type = null, bool onlyIgnored = false) : IEsiaTokenValidator
    {
        public TokenValidation Validate(string token, TokenExpectations expected)
        {
            var result = EsiaTokenValidator.Validate(token, expected);
            var ofType = type is null || expected.TokenType == type;
            var listed = result.Failure is { } f && ignored?.Contains(f) == true;
            var ignore = ofType && (onlyIgnored ? listed : type is not null || listed);
            return ignore && result.Token is not null ? result with { Failure = null } : result;
        }
    }

    /// <summary>Accepts a callback with any state.</summary>
    private sealed class AnyStateStore(Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection) : IEsiaLoginStateStore
    {
        private readonly CookieLoginStateStore _inner = new(protection);

        public string Begin(HttpContext context, AuthenticationProperties properties, EsiaOptions options) => _inner.Begin(context, properties, options);

        public AuthenticationProperties? Complete(HttpContext context, string? state, EsiaOptions options) =>
            _inner.Complete(context, state, options) ?? new AuthenticationProperties { RedirectUri = "/" };
    }

    /// <summary>Uses one state for every login.</summary>
    private sealed class FixedStateStore : IEsiaLoginStateStore
    {
        private const string State = "6f1c2d3e-4a5b-4c6d-8e7f-000000000001";

        public string Begin(HttpContext context, AuthenticationProperties properties, EsiaOptions options) => State;

        public AuthenticationProperties? Complete(HttpContext context, string? state, EsiaOptions options) =>
            state == State ? new AuthenticationProperties { RedirectUri = "/" } : null;
    }

    /// <summary>Never refreshes: an expired access token is used until the REST API gives up.</summary>
    private sealed class NeverRefreshes(IHttpContextAccessor accessor) : IEsiaTokenSource
    {
        public long Oid => long.Parse(accessor.HttpContext!.User.FindFirst(EsiaDefaults.OidClaim)!.Value, System.Globalization.CultureInfo.InvariantCulture);

        public async Task<string> GetAccessTokenAsync(CancellationToken cancellation) =>
            (await accessor.HttpContext!.GetTokenAsync("access_token"))!;

        public Task<string> ForceRefreshAsync(CancellationToken cancellation) => GetAccessTokenAsync(cancellation);
    }

    /// <summary>Refreshes, stores the new access token, but keeps the first refresh token.</summary>
    private sealed class KeepsFirstRefreshToken(IHttpContextAccessor accessor, IOptionsMonitor<EsiaOptions> options, IHttpClientFactory http) : IEsiaTokenSource
    {
        public long Oid => long.Parse(accessor.HttpContext!.User.FindFirst(EsiaDefaults.OidClaim)!.Value, System.Globalization.CultureInfo.InvariantCulture);

        public async Task<string> GetAccessTokenAsync(CancellationToken cancellation) =>
            (await accessor.HttpContext!.GetTokenAsync("access_token"))!;

        public async Task<string> ForceRefreshAsync(CancellationToken cancellation)
        {
            var context = accessor.HttpContext!;
            var auth = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            var first = auth.Properties!.GetTokenValue("refresh_token")!;
            var client = new EsiaTokenClient(http.CreateClient(), options.Get(EsiaDefaults.AuthenticationScheme).Client, NullLogger.Instance);
            EsiaTokenSet tokens;
            try
            {
                tokens = await client.RefreshAsync(first, Oid, cancellation);
            }
            catch (EsiaException ex)
            {
                throw new EsiaException(EsiaFailureKind.Other, "refresh failed", ex.EsiaCode, inner: ex);
            }

            EsiaSession.Store(auth.Properties!, tokens with { RefreshToken = first });
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, auth.Principal!, auth.Properties);
            return tokens.AccessToken;
        }
    }

    /// <summary>Signs out of the app only, leaving the ESIA session alive.</summary>
    private sealed class LocalLogoutOnly : ILogoutRedirect
    {
        public string Target(HttpContext context) => "/";
    }
}
