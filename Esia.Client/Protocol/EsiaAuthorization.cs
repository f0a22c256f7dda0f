using Esia.Protocol;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using Microsoft.AspNetCore.WebUtilities;

namespace Esia.Client.Protocol;

/// <summary>One login's authorization request: the URL to send the browser to and the state to expect back.</summary>
/// <param name="Url">The <c>v2/ac</c> URL.</param>
/// <param name="State">A fresh UUID for this login only.</param>
public sealed record EsiaAuthorizationRequest(Uri Url, string State);

/// <summary>Builds <c>v2/ac</c> requests: fresh UUID state, ESIA timestamp, raw GOST <c>client_secret</c>, <c>client_certificate_hash</c>.</summary>
public static class EsiaAuthorization
{
    /// <summary>Makes the authorization request of one login, with a fresh UUID state.</summary>
    public static EsiaAuthorizationRequest Create(EsiaClientOptions options) => Create(options, Guid.NewGuid().ToString());

    /// <summary>Makes the authorization request of one login with the given state (which must be new for every login).</summary>
    public static EsiaAuthorizationRequest Create(EsiaClientOptions options, string state)
    {
        options.Validate();
        var timestamp = EsiaTimestamp.Format(options.Clock.GetUtcNow());
        var fields = new SignedStringFields
        {
            ClientId = options.ClientId,
            Scope = options.Scope,
            ScopeOrg = options.ScopeOrg,
            Timestamp = timestamp,
            State = state,
            RedirectUri = options.RedirectUri,
        };
        var parameters = new Dictionary<string, string?>
        {
            [EsiaParameters.ClientId] = options.ClientId,
            [EsiaParameters.ClientSecret] = ClientSecretCodec.Encode(options.Signer!.Sign(SignedString.Bytes(SignedStringKind.V2Authorize, fields))),
            [EsiaParameters.ClientCertificateHash] = ClientCertificateHash.Compute(options.Signer.Certificate),
            [EsiaParameters.RedirectUri] = options.RedirectUri,
            [EsiaParameters.Scope] = options.Scope,
            [EsiaParameters.ResponseType] = EsiaParameters.Code,
            [EsiaParameters.State] = state,
            [EsiaParameters.Timestamp] = timestamp,
            [EsiaParameters.AccessType] = options.AccessType,
        };
        if (options.ScopeOrg.Length > 0)
        {
            parameters[EsiaParameters.ScopeOrg] = options.ScopeOrg;
        }

        if (options.Permissions.Count > 0)
        {
            parameters[EsiaParameters.Permissions] = EsiaPermission.Encode(options.Permissions);
        }

        return new EsiaAuthorizationRequest(new Uri(QueryHelpers.AddQueryString(options.Environment.Url(EsiaPaths.AuthorizeV2).ToString(), parameters)), state);
    }

    /// <summary>
    /// Reads the callback's query. The state must equal the one this login started with (the caller keeps it and
    /// uses it once); ESIA's errors become <see cref="EsiaException"/>s of the matching kind.
    /// </summary>
    public static string ReadCallback(IReadOnlyDictionary<string, string?> query, string? expectedState)
    {
        var state = query.GetValueOrDefault(EsiaParameters.State);
        if (string.IsNullOrEmpty(expectedState) || !string.Equals(state, expectedState, StringComparison.Ordinal))
        {
            throw new EsiaException(EsiaFailureKind.StateMismatch, string.IsNullOrEmpty(state)
                ? "The callback carries no state."
                : "The callback's state does not belong to a login started here (or was already used).");
        }

        if (query.GetValueOrDefault(EsiaParameters.Error) is { Length: > 0 } error)
        {
            var description = query.GetValueOrDefault(EsiaParameters.ErrorDescription);
            var code = Esia.Protocol.Errors.EsiaErrors.CodeOf(description);
            var kind = code is null && error == "access_denied" ? EsiaFailureKind.AccessDenied : EsiaException.KindOf(code);
            throw new EsiaException(kind, $"ESIA refused the login: {error}: {description}", code);
        }

        return query.GetValueOrDefault(EsiaParameters.Code) is { Length: > 0 } authorizationCode
            ? authorizationCode
            : throw new EsiaException(EsiaFailureKind.ProtocolViolation, "The callback carries neither a code nor an error.");
    }

    /// <summary>The URL that ends the ESIA session and returns to <paramref name="redirectUrl"/> (note: <c>redirect_url</c>).</summary>
    public static Uri LogoutUrl(EsiaClientOptions options, string redirectUrl) =>
        new(QueryHelpers.AddQueryString(options.Environment.Url(EsiaPaths.Logout).ToString(), new Dictionary<string, string?> { [EsiaParameters.ClientId] = options.ClientId, [EsiaParameters.RedirectUrl] = redirectUrl }));
}
