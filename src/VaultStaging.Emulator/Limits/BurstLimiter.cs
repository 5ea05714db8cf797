using System;

namespace VaultStaging.Emulator.Limits;

/// <summary>
/// The Vault-wide burst limit: a fixed 5-minute window on the clock. Calls past the limit are not
/// rejected but delayed (Vault Help: 500 ms each).
/// </summary>
internal sealed class BurstLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly object _gate = new();
    private readonly FixedWindowCounter _counter = new(Window);
    private readonly TimeProvider _clock;
    private readonly EmulatorLimits _limits;

    public BurstLimiter(TimeProvider clock, EmulatorLimits limits)
    {
        _clock = clock;
        _limits = limits;
    }

    public int Limit => _limits.BurstLimit;

    /// <summary>Counts a call; returns the calls remaining in the window and the delay to apply.</summary>
    public (int Remaining, TimeSpan Delay) Count()
    {
        int used;
        lock (_gate)
        {
            used = _counter.Increment(_clock.GetUtcNow());
        }

        int remaining = Math.Max(0, _limits.BurstLimit - used);
        var delay = used > _limits.BurstLimit ? _limits.BurstDelay : TimeSpan.Zero;
        return (remaining, delay);
    }
}
