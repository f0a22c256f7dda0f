using MockEsia.Journal;
using MockEsia.Routing;

namespace MockEsia.Faults;

/// <summary>The faults in force, kept in order; the first that matches a request applies and is counted.</summary>
public sealed class FaultRegistry
{
    private readonly EndpointTable _endpoints;

    /// <summary>Creates the registry for the registered endpoints, which say where each kind of fault can apply.</summary>
    internal FaultRegistry(EndpointTable endpoints) => _endpoints = endpoints;

    private readonly Lock _lock = new();
    private readonly List<Fault> _faults = [];
    private long _next;

    /// <summary>The faults in force, in order.</summary>
    public IReadOnlyList<Fault> All
    {
        get
        {
            lock (_lock)
            {
                return _faults.ToArray();
            }
        }
    }

    /// <summary>Adds a fault at the end; returns it with its id.</summary>
    public Fault Add(Fault fault)
    {
        Validate(fault);
        Fault added;
        Fault[] now;
        lock (_lock)
        {
            added = fault with { Id = $"f{++_next}{IdSuffix}", Applied = 0 };
            _faults.Add(added);
            now = [.. _faults];
        }

        Changed?.Invoke(now);
        return added;
    }

    /// <summary>Appended to fault ids (e.g. <c>-3fa2c1</c>), so that ids from several replicas sharing faults never collide.</summary>
    internal string IdSuffix { get; set; } = "";

    /// <summary>
    /// Counters shared by replicas (Redis <c>INCR</c>), when faults are: how often each fault has
    /// applied, so that a fault for N requests applies N times across all replicas together. Null (or a null answer, Redis being away): this process alone.
    /// </summary>
    internal Func<string, Task<long?>>? SharedCounter { get; set; }

    /// <summary>Raised after a fault was added, removed, applied or cleared (not after <see cref="Restore"/>), with the faults then in force.</summary>
    internal event Action<IReadOnlyList<Fault>>? Changed;

    /// <summary>Takes over a list captured elsewhere.</summary>
    internal void Restore(IEnumerable<Fault> faults)
    {
        lock (_lock)
        {
            _faults.Clear();
            _faults.AddRange(faults);
        }
    }

    /// <summary>Removes one fault.</summary>
    public bool Remove(string id)
    {
        bool removed;
        Fault[] now;
        lock (_lock)
        {
            removed = _faults.RemoveAll(f => f.Id == id) > 0;
            now = [.. _faults];
        }

        Changed?.Invoke(now);
        return removed;
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
        }

        Changed?.Invoke([]);
    }

    /// <summary>
    /// Takes the first fault that matches (counting it, and dropping it when used up); null when none. With shared
    /// counters, a fault another replica used up meanwhile is dropped and the next match is tried.
    /// </summary>
    internal async ValueTask<Fault?> TakeAsync(FaultContext context, Func<FaultKind, bool>? kinds = null)
    {
        var passed = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            Fault? candidate;
            lock (_lock)
            {
                candidate = _faults.FirstOrDefault(f => !passed.Contains(f.Id) && Matches(f, context) && (kinds is null || kinds(f.Kind)));
            }

            if (candidate is null)
            {
                return null;
            }

            var shared = SharedCounter is { } counter ? await counter($"fault-applied:{candidate.Id}") : null;
            Fault? taken = null;
            Fault[] now;
            lock (_lock)
            {
                var index = _faults.FindIndex(f => f.Id == candidate.Id);
                var used = index < 0 ? candidate : _faults[index];
                used = used with { Applied = (int)(shared ?? used.Applied + 1) };
                var usedUp = used.Times is { } times && used.Applied >= times;
                if (index >= 0)
                {
                    if (usedUp)
                    {
                        _faults.RemoveAt(index);
                    }
                    else
                    {
                        _faults[index] = used;
                    }
                }

                // Applied beyond its count: used up on another replica meanwhile.
                if (!(used.Times is { } limit && used.Applied > limit) && (index >= 0 || shared is not null))
                {
                    taken = used;
                }

                now = [.. _faults];
            }

            Changed?.Invoke(now);
            if (taken is not null)
            {
                return taken;
            }

            passed.Add(candidate.Id);
        }
    }

    /// <summary>Takes the fault that matches (as <see cref="TakeAsync"/>) and notes it in the request's journal entry.</summary>
    internal async ValueTask<Fault?> TakeNotedAsync(HttpContext http, FaultContext context)
    {
        var fault = await TakeAsync(context with { Operation = context.Operation ?? _endpoints.JournalNameOf(http.Request.Path) });
        if (fault is not null)
        {
            RequestRecord.Of(http).Fault = fault.Describe();
        }

        return fault;
    }

    /// <summary>
    /// The response step (<see cref="IResponseFault"/>) of an endpoint that offers it: takes the matching fault and returns
    /// the answer that replaces the endpoint's, or null to go on (no fault, or one that only delays).
    /// </summary>
    internal async ValueTask<IResult?> RespondAsync(HttpContext http, FaultContext context) =>
        await TakeNotedAsync(http, context) is { } fault && FaultHandlers.At<IResponseFault>(fault.Kind) is { } respond ? await respond.RespondAsync(http, fault) : null;

    private static bool Matches(Fault f, FaultContext c) =>
        f.Endpoint == c.Endpoint
        && (f.ClientId is null || f.ClientId == c.ClientId)
        && (f.PersonOid is null || f.PersonOid == c.PersonOid)
        && (f.Scope is null || c.Scopes.Contains(f.Scope))
        && (f.GrantType is null || f.GrantType == c.GrantType)
        && f.Covers(c.Operation)
        && (f.Parameter is null || (c.Parameters.TryGetValue(f.Parameter, out var v) && (f.ParameterValue is null || f.ParameterValue == v)));

    /// <summary>Throws <see cref="ArgumentException"/> when the fault cannot be added.</summary>
    internal void Validate(Fault fault)
    {
        if (!Enum.IsDefined(fault.Kind))
        {
            throw new ArgumentException($"There is no fault kind {fault.Kind}.");
        }

        if (_endpoints.StepsAt(fault.Endpoint).Count == 0)
        {
            throw new ArgumentException($"No endpoint consults faults at '{fault.Endpoint}'; these do: {string.Join(", ", _endpoints.FaultEndpoints)}.");
        }

        if (!FaultHandlers.EndpointsOf(fault.Kind, _endpoints).Contains(fault.Endpoint))
        {
            throw new ArgumentException($"A {fault.Kind} fault does not apply at {fault.Endpoint}.");
        }

        FaultHandlers.Of(fault.Kind).Validate(fault);
        if (fault.Subject is not null && !FaultHandlers.SpoilsTokens(fault.Kind))
        {
            throw new ArgumentException($"subject applies to token faults only, not to {fault.Kind}.");
        }

        if (fault.Operation is { } operation && !EndpointNames.All.Any(fault.Covers))
        {
            throw new ArgumentException($"operation '{operation}' names no endpoint; journal names are {string.Join(", ", EndpointNames.All)}.");
        }

        if (fault.Times is <= 0)
        {
            throw new ArgumentException("times must be positive (or null: until cleared).");
        }
    }
}
