using MockEsia.Endpoints;
using MockEsia.Faults;
using MockEsia.Routing;

namespace MockEsia.Tests;

/// <summary>
/// One handler per fault kind, applied at the steps its kind belongs to (the README's fault table), among ESIA's endpoints;
/// API ЕПГУ's endpoints apply the response step too (every kind listed at Rest applies at Epgu, tests/MockEpgu.Tests).
/// </summary>
public class FaultHandlerTests
{
    public static TheoryData<FaultKind, FaultEndpoint[]> Table() => new()
    {
        { FaultKind.Refuse, [FaultEndpoint.Authorize] },
        { FaultKind.Error, [FaultEndpoint.Authorize, FaultEndpoint.Token] },
        { FaultKind.WrongState, [FaultEndpoint.Authorize] },
        { FaultKind.NoState, [FaultEndpoint.Authorize] },
        { FaultKind.CodeForOtherClient, [FaultEndpoint.Authorize] },
        { FaultKind.Html500, [FaultEndpoint.Token, FaultEndpoint.Rest] },
        { FaultKind.Slow, [FaultEndpoint.Token, FaultEndpoint.Rest] },
        { FaultKind.Drop, [FaultEndpoint.Token, FaultEndpoint.Rest] },
        { FaultKind.MissingIdToken, [FaultEndpoint.Token] },
        { FaultKind.MissingRefreshToken, [FaultEndpoint.Token] },
        { FaultKind.BadSignature, [FaultEndpoint.Token] },
        { FaultKind.UnknownKey, [FaultEndpoint.Token] },
        { FaultKind.WrongIssuer, [FaultEndpoint.Token] },
        { FaultKind.WrongAudience, [FaultEndpoint.Token] },
        { FaultKind.Expired, [FaultEndpoint.Token] },
        { FaultKind.NotYetValid, [FaultEndpoint.Token] },
        { FaultKind.WrongSubject, [FaultEndpoint.Token] },
        { FaultKind.AlgSwapped, [FaultEndpoint.Token] },
        { FaultKind.AlgNone, [FaultEndpoint.Token] },
        { FaultKind.RefreshIdTokenOtherSubject, [FaultEndpoint.Token] },
        { FaultKind.Unauthorized, [FaultEndpoint.Rest] },
        { FaultKind.Forbidden, [FaultEndpoint.Rest] },
        { FaultKind.MalformedJson, [FaultEndpoint.Rest] },
        { FaultKind.BadGateway, [FaultEndpoint.Rest] },
        { FaultKind.ServiceUnavailable, [FaultEndpoint.Rest] },
        { FaultKind.GatewayTimeout, [FaultEndpoint.Rest] },
        { FaultKind.TooManyRequests, [FaultEndpoint.Rest] },
        { FaultKind.InternalError, [FaultEndpoint.Rest] },
        { FaultKind.LimitationException, [FaultEndpoint.Rest] },
    };

    [Fact]
    public void Every_kind_has_exactly_one_handler()
    {
        Enum.GetValues<FaultKind>().Select(k => FaultHandlers.Of(k).Kind).Should().Equal(Enum.GetValues<FaultKind>(), "every kind has its handler (one per kind, or the table would not build)");
        Table().Count.Should().Be(Enum.GetValues<FaultKind>().Length, "the table below names every kind");
    }

    // ESIA's endpoints as the server registers them.
    private static readonly EndpointTable Esia = new(new ServiceCollection().AddEsiaEndpoints().BuildServiceProvider().GetServices<EsiaEndpoint>());

    [Theory]
    [MemberData(nameof(Table))]
    public void A_kind_applies_at_the_steps_its_handler_implements(FaultKind kind, FaultEndpoint[] endpoints)
    {
        FaultHandlers.EndpointsOf(kind, Esia).Should().BeEquivalentTo(endpoints);
        var registry = new FaultRegistry(Esia);
        foreach (var endpoint in new[] { FaultEndpoint.Authorize, FaultEndpoint.Token, FaultEndpoint.Rest })
        {
            var add = () => registry.Add(new Fault { Endpoint = endpoint, Kind = kind, ErrorCode = "ESIA-007008" });
            if (endpoints.Contains(endpoint))
            {
                add.Should().NotThrow();
            }
            else
            {
                add.Should().Throw<ArgumentException>().WithMessage($"A {kind} fault does not apply at {endpoint}.");
            }
        }
    }

    [Fact]
    public void Only_token_defects_spoil_tokens_and_take_a_subject()
    {
        Enum.GetValues<FaultKind>().Where(FaultHandlers.SpoilsTokens).Should().BeEquivalentTo([
            FaultKind.BadSignature, FaultKind.UnknownKey, FaultKind.WrongIssuer, FaultKind.WrongAudience, FaultKind.Expired, FaultKind.NotYetValid,
            FaultKind.WrongSubject, FaultKind.AlgSwapped, FaultKind.AlgNone, FaultKind.RefreshIdTokenOtherSubject]);
        var registry = new FaultRegistry(Esia);
        registry.Invoking(r => r.Add(new Fault { Endpoint = FaultEndpoint.Token, Kind = FaultKind.MissingIdToken, Subject = 1000000002 }))
            .Should().Throw<ArgumentException>().WithMessage("subject applies to token faults only*");
        registry.Invoking(r => r.Add(new Fault { Endpoint = FaultEndpoint.Authorize, Kind = FaultKind.Error, ErrorCode = "ESIA-999999" }))
            .Should().Throw<ArgumentException>().WithMessage("*not in ESIA's catalogue*");
    }
}
