using System;

namespace VaultStaging.Emulator.Limits;

/// <summary>Counts events in fixed windows on the clock; the window starts at its first event.</summary>
internal sealed class FixedWindowCounter
{
    private readonly TimeSpan _window;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _count;

    public FixedWindowCounter(TimeSpan window) => _window = window;

    /// <summary>Counts one event at <paramref name="now"/> and returns the count in its window (1-based).</summary>
    public int Increment(DateTimeOffset now)
    {
        if (_windowStart == DateTimeOffset.MinValue || now - _windowStart >= _window || now < _windowStart)
        {
            _windowStart = now;
            _count = 0;
        }

        return ++_count;
    }
}
