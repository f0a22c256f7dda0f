namespace MockEsia.Abstractions;

/// <summary>Moves the virtual clock forward (<c>POST /__admin/clock/advance</c>).</summary>
/// <param name="Seconds">How far.</param>
public sealed record AdvanceRequest(double Seconds);

/// <summary>Sets the virtual clock (<c>POST /__admin/clock/set</c>).</summary>
/// <param name="Time">The new time.</param>
public sealed record SetClockRequest(DateTimeOffset Time);

/// <summary>The virtual clock's state.</summary>
/// <param name="Now">Its time.</param>
/// <param name="Frozen">Whether it stands still.</param>
public sealed record ClockState(DateTimeOffset Now, bool Frozen);
