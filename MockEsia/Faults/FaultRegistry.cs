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
        lock (_lock)
        {
            var added = fault with { Id = $"f{++_next}", Applied = 0 };
            _faults.Add(added);
            return added;
        }
    }

    /// <summary>Removes one fault.</summary>
    public bool Remove(string id)
    {
        lock (_lock)
        {
            return _faults.RemoveAll(f => f.Id == id) > 0;
        }
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>Takes the first fault that matches (counting it, and dropping it when used up); null when none.</summary>
    public Fault? Take(FaultContext context, Func<FaultKind, bool>? kinds = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var fault = _faults[i];
                if (!Matches(fault, context) || (kinds is not null && !kinds(fault.Kind)))
                {
                    continue;
                }

                var used = fault with { Applied = fault.Applied + 1 };
                if (used.Times is { } times && used.Applied >= times)
                {
                    _faults.RemoveAt(i);
                }
                else
                {
                    _faults[i] = used;
                }

                return used;
            }

            return null;
        }
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
