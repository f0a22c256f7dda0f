using MockEpgu.Access;
using MockEpgu.Errors;
using MockEpgu.Orders;

namespace MockEpgu.Endpoints;

/// <summary>The door every API ЕПГУ call with a token goes through: the token (401), its consent and scope (403), and for an order, whose it is.</summary>
/// <param name="host">The ESIA beside.</param>
/// <param name="orders">The orders.</param>
public sealed class CallerGate(IEpguHost host, OrderBook orders)
{
    /// <summary>The readings in force.</summary>
    public EpguReadings Readings => host.Readings;

    /// <summary>The form codes a system may use.</summary>
    public IReadOnlyCollection<string>? ServicesOf(string clientId) => host.ServicesOf(clientId);

    /// <summary>The caller, or the answer refusing them.</summary>
    public async Task<(EpguCaller? Caller, IResult? Denied)> EnterAsync(HttpContext context)
    {
        var authentication = await host.AuthenticateAsync(context);
        if (authentication.Caller is not { } caller)
        {
            return (null, EpguResults.Unauthorized(context, authentication.Refused ?? "The token was refused."));
        }

        EpguCallNote.Of(context).Caller = caller;
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
