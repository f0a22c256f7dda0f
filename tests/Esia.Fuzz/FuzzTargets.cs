using System.Text;
using Esia.Protocol.Crypto;
using Esia.Protocol.Scopes;
using Esia.Protocol.Secrets;
using Esia.Protocol.Time;
using Esia.Protocol.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using MockEsia.Clients;
using MockEsia.Validation;

namespace Esia.Fuzz;

/// <summary>
/// The parsers that read what a client sends, each fed arbitrary bytes. A target returns normally for any input; the
/// only exceptions it lets through are bugs (the documented ones, such as InvalidDataException for a certificate that
/// is not one, are caught here).
/// </summary>
public static class FuzzTargets
{
    private static readonly Lazy<EsiaCertificate[]> Trusted = new(() =>
    [
        .. KeyMaterial.ReadCertificates(File.ReadAllBytes(Fixture("pki/esia/esia-gost256.cer.pem"))),
        .. KeyMaterial.ReadCertificates(File.ReadAllBytes(Fixture("pki/esia/esia-rsa.cer.pem"))),
        .. KeyMaterial.ReadCertificates(File.ReadAllBytes(Fixture("pki/clients/client-gost256.cer.pem"))),
    ]);

    /// <summary>The targets by name.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["secret"] = ClientSecret,
        ["cms"] = Cms,
        ["jwt"] = Jwt,
        ["timestamp"] = Timestamp,
        ["scope"] = Scope,
        ["certificate"] = Certificate,
        ["query"] = Query,
        ["redirect"] = Redirect,
        ["driftpath"] = DriftPath,
    };

    private static readonly Lazy<ClientRegistration> Client = new(() => new ClientRegistration
    {
        ClientId = "MOCKSYS",
        Name = "fuzz",
        Certificates = [Trusted.Value[2]],
        RedirectUris = [new Uri("http://localhost:8080/signin-esia")],
        TokenAlgorithm = KeyAlgorithm.Gost2012_256,
    });

    /// <summary>Where the fixtures are: <c>ESIA_FIXTURES</c>, or <c>fixtures/</c> under the working directory.</summary>
    public static string Fixture(string path) => Path.Combine(Environment.GetEnvironmentVariable("ESIA_FIXTURES") ?? "fixtures", path);

    private static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    private static void ClientSecret(byte[] input)
    {
        var decoded = ClientSecretCodec.Decode(Text(input));
        if (decoded.Success && decoded.Form == ClientSecretForm.Raw)
        {
            Trusted.Value[2].VerifyRaw("message"u8, decoded.Bytes!);
        }
    }

    private static void Cms(byte[] input)
    {
        CmsSignature.Verify(input, "message"u8.ToArray(), Trusted.Value);
        CmsSignature.EmbeddedSigner(input);
    }

    private static void Jwt(byte[] input)
    {
        var text = Text(input);
        if (EsiaJwt.TryParse(text, out var jwt, out _) && jwt is not null)
        {
            _ = jwt.GetString("iss");
            _ = jwt.GetNumber("exp");
            _ = jwt.TokenType;
        }

        EsiaTokenValidator.Validate(text, new TokenExpectations
        {
            TrustedCertificates = Trusted.Value,
            Issuers = ["http://esia-portal1.test.gosuslugi.ru/"],
            ClientId = "MOCKSYS",
            TokenType = TokenTypes.Access,
            Now = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero),
        });
    }

    private static void Timestamp(byte[] input) => EsiaTimestamp.TryParse(Text(input), out _, out _);

    private static void Scope(byte[] input)
    {
        foreach (var scope in EsiaScopes.Split(Text(input)))
        {
            EsiaScopes.Normalize(scope);
            EsiaScopes.IsKnown(scope);
            EsiaScopes.Find(scope);
        }
    }

    private static void Certificate(byte[] input)
    {
        try
        {
            foreach (var certificate in KeyMaterial.ReadCertificates(input))
            {
                _ = certificate.Streebog256Hex;
            }
        }
        catch (InvalidDataException)
        {
        }

        try
        {
            KeyMaterial.ReadPrivateKey(input);
        }
        catch (InvalidDataException)
        {
        }
    }

    // A redirect URI, as v2/ac and the logout take it: refused with a reason, or turned into a Location header that is
    // ASCII and free of control characters (Kestrel would answer 500 to anything else).
    private static void Redirect(byte[] input)
    {
        var text = Text(input);
        var problem = ClientRegistration.RedirectProblem(text);
        var allowed = Client.Value.IsRedirectAllowed(text);
        if (problem is not null && allowed)
        {
            throw new InvalidOperationException($"'{text}' is allowed although {problem}.");
        }

        if (problem is null)
        {
            HeaderSafe(MockEsia.Responses.EsiaResults.AppendQuery(text, [new("code", "c"), new("state", "s")]));
            HeaderSafe(MockEsia.Responses.EsiaResults.Location(text));
        }
    }

    // The drift proxy's redirect of an authorization request to the upstream, with any query.
    private static void DriftPath(byte[] input)
    {
        var text = Text(input);
        HeaderSafe(MockEsia.DriftWatch.DriftProxy.UpstreamLocation(new Uri("https://esia-portal1.test.gosuslugi.ru/"), "/aas/oauth2/v2/ac", "?" + text));
        _ = MockEsia.DriftWatch.Shapes.MaskedPath("/rs/prns/" + text);
    }

    private static void HeaderSafe(string location)
    {
        if (location.Any(c => !char.IsAscii(c) || char.IsControl(c)))
        {
            throw new InvalidOperationException($"A Location header would carry a character Kestrel refuses: {location}");
        }
    }

    private static void Query(byte[] input)
    {
        var parameters = RequestParameters.FromQuery(new QueryCollection(QueryHelpers.ParseQuery(Text(input))));
        _ = parameters.Duplicated;
        _ = parameters.Flat;
        RequestChecks.State(parameters);
        RequestChecks.Timestamp(parameters, new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(5));
        foreach (var kind in Enum.GetValues<SignedStringKind>())
        {
            SignedString.Bytes(kind, RequestChecks.Fields(parameters));
        }
    }
}
