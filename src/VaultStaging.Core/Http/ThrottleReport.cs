using System;
using System.Globalization;

namespace VaultStaging.Core.Http;

/// <summary>
/// Sums up Vault's throttling (X-VaultAPI-ResponseDelay) instead of one warning per delayed request: at most one
/// line a minute while it lasts, and a total for the end of the run.
/// </summary>
internal sealed class ThrottleReport
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly long origin;
    private TimeSpan? lastLine;
    private int pendingCount;
    private long pendingMs;

    public ThrottleReport(TimeProvider time)
    {
        this.time = time;
        origin = time.GetTimestamp();
    }

    public int TotalCount { get; private set; }

    public long TotalMilliseconds { get; private set; }

    /// <summary>Records one delayed response; returns a line to log when one is due (the first at once, then one a minute).</summary>
    public string? Add(int delayMs)
    {
        lock (gate)
        {
            TotalCount++;
            TotalMilliseconds += delayMs;
            pendingCount++;
            pendingMs += delayMs;
            var at = time.GetElapsedTime(origin);
            if (lastLine is { } last && at - last < Interval)
            {
                return null;
            }

            var line = string.Format(
                CultureInfo.InvariantCulture,
                "Vault delayed {0} request(s) by {1:0.0} s in all{2}: the API burst limit is exhausted (later delays are summed up once a minute).",
                pendingCount,
                pendingMs / 1000.0,
                lastLine is null ? "" : " in the last minute");
            lastLine = at;
            pendingCount = 0;
            pendingMs = 0;
            return line;
        }
    }

    /// <summary>The run's total, or null when nothing was delayed.</summary>
    public string? Summary()
    {
        lock (gate)
        {
            return TotalCount == 0
                ? null
                : string.Format(CultureInfo.InvariantCulture, "Vault delayed {0} request(s) by {1:0.0} s in total (API burst limit).", TotalCount, TotalMilliseconds / 1000.0);
        }
    }
}
