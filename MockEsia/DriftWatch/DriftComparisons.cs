using System.Net;
using System.Text.Json.Nodes;
using Esia.Protocol;
using Esia.Protocol.Crypto;
using Esia.Protocol.Errors;

namespace MockEsia.DriftWatch;

/// <summary>
/// Each forwarded exchange judged twice with MockEsia's own code: would MockEsia have accepted the app's request (the
/// <see cref="Judge"/>'s verdict), and does ESIA's answer have the shape MockEsia produces — te members, token headers,
/// claims and lifetimes, error codes and bodies, REST members and headers, esia.zip's contents.
/// </summary>
internal sealed class DriftComparisons(Judge judge, DriftReport report)
{
    private readonly Dictionary<string, (string Scope, bool Offline)> _logins = new(StringComparer.Ordinal);
    private (string Scope, bool Offline, string Algorithm)? _lastLogin;

    /// <summary>Remembers what the app asked for at ac (scopes, access type) for the te that follows.</summary>
    public void SeeAuthorize(IReadOnlyDictionary<string, string> query)
    {
        if (query.TryGetValue(EsiaParameters.ClientId, out var clientId))
        {
            lock (_logins)
            {
                _logins[clientId] = (query.GetValueOrDefault(EsiaParameters.Scope) ?? "", query.GetValueOrDefault(EsiaParameters.AccessType) == "offline");
            }
        }
    }

    public Task<Verdict> AuthorizeAsync(int exchange, string path, IReadOnlyDictionary<string, string> query) => judge.AuthorizeAsync(exchange, path, query);

    /// <summary>Compares ESIA's answer with MockEsia's where MockEsia knows the endpoint; false for one it only forwards.</summary>
    public async Task<bool> CompareAsync(int id, Exchange exchange)
    {
        if (exchange.Path.StartsWith("/aas/oauth2/", StringComparison.Ordinal) && exchange.Path.EndsWith("/te", StringComparison.Ordinal) && exchange.Form is { } form)
        {
            await TokenAsync(id, exchange, form);
        }
        else if (exchange.Path.StartsWith(EsiaPaths.Persons + "/", StringComparison.Ordinal))
        {
            await RestAsync(id, exchange);
        }
        else if (exchange.Path == EsiaPaths.Certificates)
        {
            await CertificatesAsync(id, exchange);
        }
        else if (exchange.Path == EsiaPaths.Logout)
        {
            var (response, _) = await judge.GetAsync(exchange.Path + QueryString(exchange.Query));
            using (response)
            {
                var esia = $"{(int)exchange.Answer.StatusCode}{(exchange.Answer.Headers.Location is null ? "" : " with Location")}";
                var mock = $"{(int)response.StatusCode}{(response.Headers.Location is null ? "" : " with Location")}";
                if (esia != mock)
                {
                    report.Add(new Difference(Aspect.Logout, "status", esia, mock, id));
                }
            }
        }
        else
        {
            return false;
        }

        return true;
    }

    private async Task TokenAsync(int id, Exchange exchange, IReadOnlyDictionary<string, string> form)
    {
        var (verdict, mockAnswer, mockDescription) = await judge.TokenAsync(id, exchange.Path, form);
        var esiaAnswer = Shapes.Body(exchange.Answer.Content.Headers.ContentType?.ToString(), exchange.Body);
        var esiaCode = EsiaErrors.CodeOf(ErrorDescription(exchange.Body));
        report.Add(verdict with { UpstreamStatus = (int)exchange.Answer.StatusCode, UpstreamCode = esiaCode });
        if (exchange.Answer.StatusCode == HttpStatusCode.OK)
        {
            if (!verdict.Accepted)
            {
                report.Add(new Difference(Aspect.TokenVerdict, "the app's te request", "accepted", $"refused: {verdict.Code} {verdict.Diagnosis}", id));
            }

            // A person's login is compared with MockEsia's reference login; client_credentials (no person) only judged.
            if (form.GetValueOrDefault(EsiaParameters.GrantType) != EsiaGrantTypes.ClientCredentials
                && JsonNode.Parse(exchange.Body) is JsonObject tokens && tokens[EsiaParameters.AccessToken]?.GetValue<string>() is { } access && Shapes.Token(access) is { } accessShape)
            {
                await CompareTokensAsync(id, form, esiaAnswer as JsonObject, tokens, accessShape);
            }

            return;
        }

        Compare(Aspect.TokenError, "members", esiaAnswer as JsonObject, mockAnswer as JsonObject, id);
        if ((int)exchange.Answer.StatusCode != 400)
        {
            report.Add(new Difference(Aspect.TokenError, "status", ((int)exchange.Answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), "400", id));
        }

        var mockCode = verdict.Accepted ? "accepts the client's proof (refuses only a grant it did not issue)" : verdict.Code;
        var grantCode = EsiaErrors.InvalidGrant.Code;
        if (esiaCode is not null && esiaCode != verdict.Code && !(verdict.Accepted && esiaCode == grantCode))
        {
            report.Add(new Difference(Aspect.ErrorCode, "the app's te request", esiaCode, $"{mockCode}{(verdict.Diagnosis is null ? "" : ": " + verdict.Diagnosis)}", id));
        }
        else if (esiaCode is not null && esiaCode == verdict.Code && ErrorDescription(exchange.Body) is { } esiaText && mockDescription is not null && esiaText != mockDescription)
        {
            // The same code with another text (§7.2 lists ESIA's texts): error descriptions carry no secrets.
            report.Add(new Difference(Aspect.ErrorCode, $"text of {esiaCode}", esiaText, mockDescription, id));
        }
    }

    /// <summary>The <c>error_description</c> of a te error answer, when it is JSON with one.</summary>
    public static string? ErrorDescription(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject json && json[EsiaParameters.ErrorDescription] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task CompareTokensAsync(int id, IReadOnlyDictionary<string, string> form, JsonObject? esiaAnswer, JsonObject tokens, JsonObject accessShape)
    {
        var clientId = form.GetValueOrDefault(EsiaParameters.ClientId) ?? "";
        (string Scope, bool Offline) login;
        lock (_logins)
        {
            login = _logins.TryGetValue(clientId, out var seen) ? seen : (form.GetValueOrDefault(EsiaParameters.Scope) ?? "openid", false);
        }

        var algorithm = accessShape["header"]?["alg"]?.GetValue<string>() ?? KeyAlgorithm.Gost2012_256.JwtAlgorithm();
        var oid = Esia.Protocol.Tokens.EsiaJwt.TryParse(tokens[EsiaParameters.AccessToken]!.GetValue<string>(), out var jwt, out _) ? jwt!.GetNumber(EsiaClaims.SubjectId) ?? 0 : 0;
        lock (_logins)
        {
            _lastLogin = (login.Scope, login.Offline, algorithm);
        }

        var referenceLogin = await judge.ReferenceLoginAsync(login.Scope, login.Offline, oid, algorithm);
        CompareCode(id, form, referenceLogin);
        var reference = referenceLogin.Answer;
        Compare(Aspect.TokenResponse, "members", esiaAnswer, Shapes.Of(reference) as JsonObject, id);
        foreach (var (name, claims) in new[] { (EsiaParameters.AccessToken, Aspect.AccessClaims), ("id_token", Aspect.IdClaims) })
        {
            var esia = tokens[name]?.GetValue<string>() is { } t ? Shapes.Token(t) : null;
            var mock = reference[name]?.GetValue<string>() is { } r ? Shapes.Token(r) : null;
            if (esia is null || mock is null)
            {
                continue;
            }

            Compare(Aspect.TokenHeader, name, esia["header"] as JsonObject, mock["header"] as JsonObject, id);
            Compare(claims, "claims", esia["claims"] as JsonObject, mock["claims"] as JsonObject, id);
            if (esia["lifetime"]?.ToJsonString() != mock["lifetime"]?.ToJsonString())
            {
                report.Add(new Difference(Aspect.Lifetimes, name, $"{esia["lifetime"]} s", $"{mock["lifetime"]} s", id));
            }
        }
    }

    // The code the app redeemed was ESIA's (a JWT, §3.4): its header, claims and lifetime against the code MockEsia
    // issued for its reference login.
    private void CompareCode(int id, IReadOnlyDictionary<string, string> form, ReferenceLogin reference)
    {
        if (form.GetValueOrDefault(EsiaParameters.Code) is not { } code || Shapes.Token(code) is not { } esia || Shapes.Token(reference.Code) is not { } mock)
        {
            return;
        }

        Compare(Aspect.TokenHeader, "code", esia["header"] as JsonObject, mock["header"] as JsonObject, id);
        Compare(Aspect.CodeClaims, "claims", esia["claims"] as JsonObject, mock["claims"] as JsonObject, id);
        if (esia["lifetime"]?.ToJsonString() != mock["lifetime"]?.ToJsonString())
        {
            report.Add(new Difference(Aspect.Lifetimes, "code", $"{esia["lifetime"]} s", $"{mock["lifetime"]} s", id));
        }
    }

    private async Task RestAsync(int id, Exchange exchange)
    {
        var pathAndQuery = exchange.Path + QueryString(exchange.Query);
        if (exchange.Answer.StatusCode == HttpStatusCode.OK)
        {
            var segments = exchange.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            (string Scope, bool Offline, string Algorithm)? last;
            lock (_logins)
            {
                last = _lastLogin;
            }

            if (last is not { } login || segments.Length < 3 || !long.TryParse(segments[2], out var oid))
            {
                return;
            }

            var reference = (await judge.ReferenceLoginAsync(login.Scope, login.Offline, oid, login.Algorithm)).Answer;
            var (response, body) = await judge.GetAsync(pathAndQuery, reference[EsiaParameters.AccessToken]!.GetValue<string>());
            using (response)
            {
                Compare(Aspect.RestPerson, exchange.Path.Replace(segments[2], "{oid}", StringComparison.Ordinal),
                    Shapes.Body("application/json", exchange.Body) as JsonObject, Shapes.Body("application/json", body) as JsonObject, id);
                Compare(Aspect.RestHeaders, "headers", Shapes.RestHeaders(exchange.Answer), Shapes.RestHeaders(response), id);
            }

            return;
        }

        var bearer = exchange.Authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? exchange.Authorization[7..] : null;
        var (mockResponse, mockBody) = await judge.GetAsync(pathAndQuery, bearer);
        using (mockResponse)
        {
            Compare(Aspect.RestError, $"{(int)exchange.Answer.StatusCode} body",
                Shapes.Body(exchange.Answer.Content.Headers.ContentType?.ToString(), exchange.Body) as JsonObject, Shapes.Body(mockResponse.Content.Headers.ContentType?.ToString(), mockBody) as JsonObject, id);
            if (mockResponse.StatusCode != exchange.Answer.StatusCode)
            {
                report.Add(new Difference(Aspect.RestError, "status for the same token", ((int)exchange.Answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), ((int)mockResponse.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), id));
            }
        }
    }

    private async Task CertificatesAsync(int id, Exchange exchange)
    {
        var (response, body) = await judge.GetAsync(EsiaPaths.Certificates);
        using (response)
        {
            Compare(Aspect.Certificates, "entries", Shapes.Zip(exchange.Body), Shapes.Zip(body), id);
        }
    }

    private void Compare(Aspect aspect, string what, JsonObject? esia, JsonObject? mock, int id)
    {
        if (ShapeComparison.Members(esia, mock) is { } difference)
        {
            report.Add(new Difference(aspect, what, difference.Esia, difference.MockEsia, id));
        }
    }

    private static string QueryString(IReadOnlyDictionary<string, string> query) =>
        query.Count == 0 ? "" : Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", query!);
}
