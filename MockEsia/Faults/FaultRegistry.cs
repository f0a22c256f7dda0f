namespace MockEsia.Faults;

/// <summary>The faults in force, kept in order; the first that matches a request applies and is counted.</summary>
public sealed class FaultRegistry
{
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
            added = fault with { Id = $"f{SharedCounter?.Invoke("fault-id") ?? ++_next}", Applied = 0 };
            _faults.Add(added);
            now = [.. _faults];
        }

        Changed?.Invoke(now);
        return added;
    }

    /// <summary>
    /// Counters shared by replicas (Redis <c>INCR</c>), when faults are: fault ids, and how often each fault has
    /// applied, so that a fault for N requests applies N times across all replicas together. Null (or a null answer, Redis being away): this process alone.
    /// </summary>
    public Func<string, long?>? SharedCounter { get; set; }

    /// <summary>Raised after a fault was added, removed, applied or cleared (not after <see cref="Restore"/>), with the faults then in force.</summary>
    public event Action<IReadOnlyList<Fault>>? Changed;

    /// <summary>Takes over a list captured elsewhere.</summary>
    public void Restore(IEnumerable<Fault> faults)
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

    /// <summary>Takes the first fault that matches (counting it, and dropping it when used up); null when none.</summary>
    public Fault? Take(FaultContext context, Func<FaultKind, bool>? kinds = null)
    {
        Fault? taken = null;
        Fault[]? changed = null;
        lock (_lock)
        {
            var before = _faults.Count;
            for (var i = 0; i < _faults.Count; i++)
            {
                var fault = _faults[i];
                if (!Matches(fault, context) || (kinds is not null && !kinds(fault.Kind)))
                {
                    continue;
                }

                var used = fault with { Applied = (int)(SharedCounter?.Invoke($"fault-applied:{fault.Id}") ?? fault.Applied + 1) };
                if (used.Times is { } times && used.Applied >= times)
                {
                    _faults.RemoveAt(i);
                    if (used.Applied > times)
                    {
                        // Used up on another replica meanwhile.
                        i--;
                        continue;
                    }
                }
                else
                {
                    _faults[i] = used;
                }

                taken = used;
                break;
            }

            if (taken is not null || _faults.Count != before)
            {
                changed = [.. _faults];
            }
        }

        if (changed is not null)
        {
            Changed?.Invoke(changed);
        }

        return taken;
    }

    private static bool Matches(Fault f, FaultContext c) =>
        f.Endpoint == c.Endpoint
        && (f.ClientId is null || f.ClientId == c.ClientId)
        && (f.PersonOid is null || f.PersonOid == c.PersonOid)
        && (f.Scope is null || c.Scopes.Contains(f.Scope))
        && (f.GrantType is null || f.GrantType == c.GrantType)
        && (f.Parameter is null || (c.Parameters.TryGetValue(f.Parameter, out var v) && (f.ParameterValue is null || f.ParameterValue == v)));

    private static void Validate(Fault fault)
    {
        var allowed = fault.Endpoint switch
        {
            FaultEndpoint.Authorize => fault.Kind is FaultKind.Refuse or FaultKind.Error or FaultKind.WrongState or FaultKind.NoState or FaultKind.CodeForOtherClient,
            FaultEndpoint.Rest => fault.Kind is FaultKind.Unauthorized or FaultKind.Forbidden or FaultKind.Html500 or FaultKind.Slow or FaultKind.Drop or FaultKind.MalformedJson,
            _ => fault.Kind is not (FaultKind.Refuse or FaultKind.WrongState or FaultKind.NoState or FaultKind.CodeForOtherClient or FaultKind.Unauthorized or FaultKind.Forbidden or FaultKind.MalformedJson),
        };
        if (!allowed)
        {
            throw new ArgumentException($"A {fault.Kind} fault does not apply at {fault.Endpoint}.");
        }

        if (fault.Kind == FaultKind.Error && Esia.Protocol.Errors.EsiaErrors.Find(fault.ErrorCode) is null)
        {
            throw new ArgumentException($"errorCode '{fault.ErrorCode}' is not in ESIA's catalogue.");
        }

        if (fault.Times is <= 0)
        {
            throw new ArgumentException("times must be positive (or null: until cleared).");
        }
    }
}
