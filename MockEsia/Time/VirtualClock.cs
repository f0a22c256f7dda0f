namespace MockEsia.Time;

/// <summary>
/// The one clock all of MockEsia's time comes from: timestamps, lifetimes, token times and certificate validity.
/// It follows the system clock plus an offset, and can be set, advanced, frozen and resumed.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly TimeProvider _system;
    private readonly Lock _lock = new();
    private TimeSpan _offset;
    private DateTimeOffset? _frozenAt;

    /// <summary>A clock over the system clock.</summary>
    public VirtualClock()
        : this(System)
    {
    }

    /// <summary>A clock over another time provider (tests).</summary>
    public VirtualClock(TimeProvider system) => _system = system;

    /// <summary>Raised after the clock was set, advanced, frozen, resumed or reset (not after <see cref="Restore"/>), with the new setting.</summary>
    public event Action<ClockSetting>? Changed;

    /// <summary>Takes over a setting captured elsewhere.</summary>
    public void Restore(ClockSetting state)
    {
        lock (_lock)
        {
            _offset = state.Offset;
            _frozenAt = state.FrozenAt;
        }
    }

    /// <summary>Whether time stands still.</summary>
    public bool IsFrozen
    {
        get
        {
            lock (_lock)
            {
                return _frozenAt is not null;
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _frozenAt ?? _system.GetUtcNow() + _offset;
        }
    }

    /// <summary>Moves time forward (or back, with a negative span).</summary>
    public void Advance(TimeSpan by)
    {
        ClockSetting setting;
        lock (_lock)
        {
            if (_frozenAt is { } frozen)
            {
                _frozenAt = frozen + by;
            }
            else
            {
                _offset += by;
            }

            setting = new ClockSetting(_offset, _frozenAt);
        }

        Changed?.Invoke(setting);
    }

    /// <summary>Sets the current time; a frozen clock stays frozen at the new time.</summary>
    public void Set(DateTimeOffset now)
    {
        ClockSetting setting;
        lock (_lock)
        {
            if (_frozenAt is not null)
            {
                _frozenAt = now.ToUniversalTime();
            }
            else
            {
                _offset = now - _system.GetUtcNow();
            }

            setting = new ClockSetting(_offset, _frozenAt);
        }

        Changed?.Invoke(setting);
    }

    /// <summary>Stops time at its current value.</summary>
    public void Freeze()
    {
        ClockSetting setting;
        lock (_lock)
        {
            _frozenAt ??= _system.GetUtcNow() + _offset;

            setting = new ClockSetting(_offset, _frozenAt);
        }

        Changed?.Invoke(setting);
    }

    /// <summary>Lets time run again from where it stood.</summary>
    public void Resume()
    {
        ClockSetting setting;
        lock (_lock)
        {
            if (_frozenAt is { } frozen)
            {
                _offset = frozen - _system.GetUtcNow();
                _frozenAt = null;
            }

            setting = new ClockSetting(_offset, _frozenAt);
        }

        Changed?.Invoke(setting);
    }

    /// <summary>Back to the system's time, running.</summary>
    public void Reset()
    {
        ClockSetting setting;
        lock (_lock)
        {
            _offset = TimeSpan.Zero;
            _frozenAt = null;

            setting = new ClockSetting(_offset, _frozenAt);
        }

        Changed?.Invoke(setting);
    }
}

/// <summary>A virtual clock's setting.</summary>
/// <param name="Offset">Added to the system clock while running.</param>
/// <param name="FrozenAt">The instant time stands at, when frozen.</param>
public sealed record ClockSetting(TimeSpan Offset, DateTimeOffset? FrozenAt);
