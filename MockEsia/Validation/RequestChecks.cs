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
    /// <remarks>Exactly 36 characters: .NET's parser would forgive surrounding white space, which ESIA's UUID check is not known to (issue 31).</remarks>
    public static Refusal? State(RequestParameters p) => p[EsiaParameters.State] is { Length: 36 } state && Guid.TryParseExact(state, "D", out _)
        ? null
        : new Refusal(EsiaErrors.InvalidRequest, "state.format", EsiaParameters.State, $"state '{p[EsiaParameters.State]}' is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).", "Send a fresh random UUID as state.");

    /// <summary><c>token_type</c>, when sent, is <c>Bearer</c>: the only type ESIA supports (reference §5.1, quoting the МР).</summary>
    public static Refusal? TokenType(RequestParameters p) => p[EsiaParameters.TokenType] is { } type && !string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase)
        ? new Refusal(EsiaErrors.InvalidRequest, "token_type", EsiaParameters.TokenType, $"token_type '{type}' is not supported: ESIA issues only Bearer tokens (reference §5.1).", "Send token_type=Bearer, or leave it out.")
        : null;

    /// <summary>
    /// A <c>scope</c> at te (code or refresh) names nothing beyond what was granted (by bare name; consented and organisation
    /// scopes were granted too); under the reading <c>WiderScopeAtToken=Drop</c> the extra scopes are ignored.
    /// </summary>
    public static Refusal? ScopeWithin(RequestParameters p, IReadOnlyList<string> granted, Configuration.ReadingOptions readings)
    {
        var names = granted.Select(g => Esia.Protocol.Scopes.EsiaScopes.Normalize(g).Name).ToHashSet(StringComparer.Ordinal);
        var extra = Esia.Protocol.Scopes.EsiaScopes.Split(p[EsiaParameters.Scope]).Select(s => Esia.Protocol.Scopes.EsiaScopes.Normalize(s).Name).Where(n => !names.Contains(n)).ToArray();
        return extra.Length == 0 || readings.WiderScopeAtToken == Configuration.WiderScopeReading.Drop
            ? null
            : new Refusal(EsiaErrors.InvalidScope, "scope.wider", EsiaParameters.Scope, $"scope at te asks for {string.Join(", ", extra)}, which ac did not grant ({string.Join(' ', names)}).",
                "Send the scope of the authorization request (reading WiderScopeAtToken=Drop drops the extra ones instead).");
    }

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
