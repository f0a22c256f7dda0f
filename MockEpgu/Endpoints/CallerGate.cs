using MockEpgu.Access;
using MockEpgu.Errors;
using MockEpgu.Orders;

namespace MockEpgu.Endpoints;

/// <summary>The door every API ЕПГУ call with a token goes through: the token (401), its consent and scope (403), and for an order, whose it is.</summary>
/// <param name="host">The ESIA beside.</param>
/// <param name="orders">The orders.</param>
/// <param name="limits">The request and order counters.</param>
public sealed class CallerGate(IEpguHost host, OrderBook orders, Limits.LimitCounters limits)
{
    /// <summary>A fault's answer, or null to go on (every endpoint asks first, the dictionary too).</summary>
    public ValueTask<IResult?> FaultAsync(HttpContext context) => host.FaultAsync(context);

    /// <summary>Counts an order against the applicant's limit for the service: 429 <c>limitation_exception</c> past it.</summary>
    public IResult? CountOrder(HttpContext context, EpguCaller caller, EpguServiceDefinition service) =>
        limits.CountOrder(caller.ClientId, service.Code, caller.PersonOid ?? caller.OwnerOid, orders.Now) is { } why ? EpguResults.Error(context, EpguErrors.Limitation, why) : null;

    /// <summary>The readings in force.</summary>
    public EpguReadings Readings => host.Readings;

    /// <summary>The form codes a system may use.</summary>
    public IReadOnlyCollection<string>? ServicesOf(string clientId) => host.ServicesOf(clientId);

    /// <summary>The caller, or the answer refusing them.</summary>
    public async Task<(EpguCaller? Caller, IResult? Denied)> EnterAsync(HttpContext context)
    {
        if (await host.FaultAsync(context) is { } faulted)
        {
            return (null, faulted);
        }

        var authentication = await host.AuthenticateAsync(context);
        if (authentication.Caller is not { } caller)
        {
            return (null, EpguResults.Unauthorized(context, authentication.Refused ?? "The token was refused."));
        }

        EpguCallNote.Of(context).Caller = caller;
        if (limits.CountRequest(caller.ClientId, orders.Now) is { } tooMany)
        {
            return (null, EpguResults.TooManyRequests(context, tooMany));
        }

        return AccessCheck.Token(caller) is { } denial ? (null, Refuse(context, denial)) : (caller, null);
    }

    /// <summary>The caller and their order, or the answer refusing them (204 for an unknown order).</summary>
    public async Task<(EpguCaller? Caller, Order? Order, IResult? Denied)> EnterOrderAsync(HttpContext context, long orderId)
    {
        EpguCallNote.Of(context).OrderId = orderId;
        var (caller, denied) = await EnterAsync(context);
        if (denied is not null)
        {
            return (null, null, denied);
        }

        if (orders.Find(orderId) is not { } order)
        {
            return (null, null, EpguResults.NoOrder(context, orderId));
        }

        return AccessCheck.Order(caller!, order) is { } denial ? (null, null, Refuse(context, denial)) : (caller, order, null);
    }

    /// <summary>A refusal's answer.</summary>
    public static IResult Refuse(HttpContext context, Denial denial) => EpguResults.Error(context, denial.Error, denial.Diagnosis);

    /// <summary>A 400 <c>bad_request</c> naming the offending parameter, in the words of the real (Spring) server (§2.6).</summary>
    public static IResult BadRequest(HttpContext context, string message, string diagnosis) => EpguResults.Error(context, EpguErrors.BadRequest, diagnosis, message);

    /// <summary>A required parameter is missing, as the real server words it.</summary>
    public static IResult Missing(HttpContext context, string name, string type) =>
        BadRequest(context, $"Required request parameter '{name}' for method parameter type {type} is not present", $"The parameter {name} is missing.");
}
