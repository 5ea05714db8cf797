using System;
using System.Collections.Generic;
using System.Threading;

namespace VaultStaging.Tests.Support;

/// <summary>
/// A <see cref="TimeProvider"/> that only moves when told to. Timers created from it (including
/// <c>Task.Delay(span, clock)</c>) fire when <see cref="Advance"/> passes their due time; with
/// <see cref="AdvancesWhenWaited"/> the clock jumps to each timer's due time as soon as it is set, so the code under
/// test never waits for real while its clock still shows the time it waited.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = new();
    private DateTimeOffset _now;

    public ManualClock()
        : this(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualClock(DateTimeOffset start) => _now = start;

    /// <summary>Every wait ends at once, the clock moved on by its length (retry delays, polls, spacing).</summary>
    public bool AdvancesWhenWaited { get; init; }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward and fires every timer that became due, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "A clock only moves forward.");
        }

        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            ManualTimer? next = null;
            lock (_gate)
            {
                foreach (var timer in _timers)
                {
                    if (timer.Due <= target && (next is null || timer.Due < next.Due))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    _now = target;
                    return;
                }

                if (next.Due > _now)
                {
                    _now = next.Due;
                }

                next.Reschedule(_now);
            }

            next.Fire();
        }
    }

    private void AdvanceTo(DateTimeOffset due)
    {
        var by = due - GetUtcNow();
        Advance(by > TimeSpan.Zero ? by : TimeSpan.Zero);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(ManualTimer timer, bool active)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (active)
            {
                _timers.Add(timer);
            }
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                clock.Schedule(this, active: false);
                return true;
            }

            Due = clock.GetUtcNow() + dueTime;
            clock.Schedule(this, active: true);
            if (dueTime == TimeSpan.Zero || clock.AdvancesWhenWaited)
            {
                // Due now (or made due now): fire soon, but never inside CreateTimer/Change (the caller may not hold the timer yet).
                var due = Due;
                ThreadPool.QueueUserWorkItem(_ => clock.AdvanceTo(due));
            }

            return true;
        }

        // Called under the clock's lock just before firing: periodic timers move on, one-shots leave.
        public void Reschedule(DateTimeOffset now)
        {
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                Due = now + _period;
            }
            else
            {
                clock._timers.Remove(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Schedule(this, active: false);

        public System.Threading.Tasks.ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
