using Esia.Protocol;
using Esia.Protocol.Errors;
using Esia.Protocol.Scopes;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using MockEsia.Clients;

namespace MockEsia.Validation;

/// <summary>Checks shared by the authorize and token endpoints.</summary>
internal static class RequestChecks
{
    /// <summary>The signed-string fields as sent.</summary>
    public static SignedStringFields Fields(RequestParameters p) => new()
    {
        ClientId = p[EsiaParameters.ClientId] ?? "",
        Scope = p[EsiaParameters.Scope] ?? "",
        ScopeOrg = p[EsiaParameters.ScopeOrg] ?? "",
        Timestamp = p[EsiaParameters.Timestamp] ?? "",
        State = p[EsiaParameters.State] ?? "",
        RedirectUri = p[EsiaParameters.RedirectUri] ?? "",
        Code = p[EsiaParameters.Code] ?? "",
        RefreshToken = p[EsiaParameters.RefreshToken] ?? "",
    };

    /// <summary><c>state</c> must be a UUID.</summary>
    public static Refusal? State(RequestParameters p) => Guid.TryParseExact(p[EsiaParameters.State], "D", out _)
        ? null
        : new Refusal(EsiaErrors.InvalidRequest, "state.format", EsiaParameters.State, $"state '{p[EsiaParameters.State]}' is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).", "Send a fresh random UUID as state.");

    /// <summary><c>timestamp</c> must parse and lie within the window around now.</summary>
    public static Refusal? Timestamp(RequestParameters p, DateTimeOffset now, TimeSpan window)
    {
        if (!EsiaTimestamp.TryParse(p[EsiaParameters.Timestamp], out var instant, out var error))
        {
            return new Refusal(EsiaErrors.InvalidTimestamp, "timestamp.format", EsiaParameters.Timestamp, error, $"Send e.g. '{EsiaTimestamp.Format(now)}'.");
        }

        var skew = instant - now;
        return skew.Duration() <= window
            ? null
            : new Refusal(EsiaErrors.InvalidTimestamp, "timestamp.window", EsiaParameters.Timestamp,
                $"timestamp {p[EsiaParameters.Timestamp]} is {Math.Abs(skew.TotalSeconds):0} s {(skew < TimeSpan.Zero ? "in the past" : "in the future")}; the window is ±{window.TotalSeconds:0} s around {EsiaTimestamp.Format(now)}.",
                "Use the current time with its UTC offset, and check the host clock.");
    }

    /// <summary>Every requested scope must be known and allowed for the client.</summary>
    public static Refusal? Scopes(RequestParameters p, ClientRegistration client)
    {
        foreach (var scope in EsiaScopes.Split(p[EsiaParameters.Scope]))
        {
            var name = EsiaScopes.Normalize(scope).Name;
            if (!EsiaScopes.IsKnown(scope))
            {
                return new Refusal(EsiaErrors.InvalidScope, "scope.known", EsiaParameters.Scope, $"The scope '{scope}' is unknown.", "See the scope list in ESIA's methodological recommendations (reference §8.1).");
            }

            if (!client.IsScopeAllowed(name))
            {
                return new Refusal(EsiaErrors.InvalidScope, "scope.allowed", EsiaParameters.Scope, $"The scope '{name}' is not allowed for {client.ClientId}.", "Request only scopes approved for the system.");
            }
        }

        return null;
    }
}
