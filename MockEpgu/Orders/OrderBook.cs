using System.Collections.Concurrent;
using MockEpgu.Services;

namespace MockEpgu.Orders;

/// <summary>
/// The orders, in this process (until a reset), and their lifecycle on MockEsia's clock (epgu-api.md §3): an order moves
/// when it is read, to every status whose time has come, so polling sees the same history on any clock — virtual or real.
/// </summary>
/// <param name="clock">MockEsia's clock.</param>
/// <param name="services">The services and their agencies' outcomes.</param>
public sealed class OrderBook(TimeProvider clock, ServiceCatalogue services)
{
    private readonly ConcurrentDictionary<long, Order> _orders = new();
    private long _lastStepId = 4_000_000_000 + Random.Shared.NextInt64(1_000_000_000);

    /// <summary>Now, on MockEsia's clock.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Reserves a number for a new draft order (§2.1): a 10-digit number, as the real ones.</summary>
    public Order Reserve(string clientId, long ownerOid, long? userOid, string applicantType, EpguServiceDefinition service, string targetCode, string region)
    {
        while (true)
        {
            var order = new Order(Random.Shared.NextInt64(1_000_000_000, 2_147_483_647), clientId, ownerOid, userOid, applicantType, service, targetCode, region, Now, NextStepId());
            if (_orders.TryAdd(order.Id, order))
            {
                return order;
            }
        }
    }

    /// <summary>An order, moved to now; null when unknown.</summary>
    public Order? Find(long orderId) => _orders.TryGetValue(orderId, out var order) ? Advance(order) : null;

    /// <summary>Every order, moved to now, newest first.</summary>
    public IReadOnlyList<Order> All() => _orders.Values.Select(Advance).OrderByDescending(o => o.Created).ThenByDescending(o => o.Id).ToArray();

    /// <summary>Cancels an order whose current status allows it; false when it does not.</summary>
    public bool Cancel(Order order)
    {
        lock (order.Gate)
        {
            Advance(order);
            if (!order.Current.CancelAllowed)
            {
                return false;
            }

            order.Add(new StatusStep(NextStepId(), PortalStatus.Cancelled, Now, false));
            return true;
        }
    }

    /// <summary>Submits a draft with its checked archive; the lifecycle starts now (a refused archive ends it at once, §3.2).</summary>
    public void Submit(Order order, Archives.ArchiveVerdict archive)
    {
        lock (order.Gate)
        {
            order.Submit(Now, archive.Files);
            if (!archive.Good)
            {
                order.Process(archive.State, archive.Diagnosis, rejected: true);
            }
        }
    }

    /// <summary>Forgets every order.</summary>
    public void Clear() => _orders.Clear();

    /// <summary>
    /// Moves an order to every status whose time has come (§3.3): a refused or forbidden order to status 24 at once; the
    /// others through 17, 21 and 2 to the final status of their outcome (the order's, else its service's), a RETRY
    /// outcome after a pause.
    /// </summary>
    public Order Advance(Order order)
    {
        lock (order.Gate)
        {
            if (order.Submitted is not { } submitted || order.Closed)
            {
                return order;
            }

            var now = Now;
            var first = PortalStatus.Progression[0].After;
            var outcome = order.Outcome ?? services.OutcomeOf(order.Service);
            if (!order.Rejected && outcome == EpguOutcome.Forbidden && submitted + first <= now)
            {
                order.Process(Archives.ProcessingStates.CreateOrderForbidden, "The agency's answer is scripted as Forbidden: other ЕПГУ services refused to create the order " +
                    "(missing authority or service settings; the real API asks for an incident tagged #createorderforbidden).", rejected: true);
            }

            if (order.Rejected)
            {
                if (submitted + first <= now)
                {
                    order.Add(new StatusStep(NextStepId(), PortalStatus.ProcessingFailed, submitted + first, false));
                }

                return order;
            }

            var pause = outcome == EpguOutcome.Retry ? PortalStatus.RetryPause : TimeSpan.Zero;
            if (pause > TimeSpan.Zero)
            {
                var paused = now >= submitted + first && now < submitted + first + pause;
                order.Process(paused ? Archives.ProcessingStates.Retry : Archives.ProcessingStates.Ok, paused ? "A temporary technical pause (scripted RETRY); processing goes on." : null, rejected: false);
            }

            var cancellable = order.Service.CancelAllowed;
            foreach (var (status, after) in PortalStatus.Progression)
            {
                var at = submitted + after + (after == first ? TimeSpan.Zero : pause);
                if (at <= now && order.Steps.All(s => s.Status.Id != status.Id))
                {
                    order.Add(new StatusStep(NextStepId(), status, at, cancellable && status.Cancellable));
                }
            }

            if (submitted + PortalStatus.FinalAfter + pause <= now)
            {
                var final = new StatusStep(NextStepId(), PortalStatus.Of(outcome), submitted + PortalStatus.FinalAfter + pause, false);
                order.Add(final);
                if (outcome is EpguOutcome.Accepted or EpguOutcome.Retry)
                {
                    order.AddResult(ResultFile(order, final));
                }
            }

            return order;
        }
    }

    // The agency's answer as a result file of type 3 (§2.9): a small XML document naming the order (its real shape varies by service, §6.2).
    private static OrderFile ResultFile(Order order, StatusStep final) => OrderFile.InMemory($"result_{order.Id}.xml", System.Text.Encoding.UTF8.GetBytes(
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Result orderId=\"{order.Id}\" service=\"{order.Service.Code}\" status=\"{final.Status.Id}\">" +
        $"Результат предоставления услуги «{System.Security.SecurityElement.Escape(order.Service.Name)}» (MockEsia)</Result>\n"), 3, "RESULT");

    private long NextStepId() => Interlocked.Increment(ref _lastStepId);
}
