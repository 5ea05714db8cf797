using System;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Http;

/// <summary>
/// Reads Vault's burst headers from every response and, once the calls left in the window fall
/// below a floor, spaces request starts out across every thread using the connection, so parallel
/// uploads slow down together instead of piling onto an exhausted window (https://general.veevavault.dev/vault-api/references/api-rate-limits).
/// </summary>
internal sealed class RateGovernor
{
    /// <summary>Below this share of the burst limit the governor starts spacing requests.</summary>
    public const double Floor = 0.10;

    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly long origin;
    private readonly SafeLog log;
    private TimeSpan nextStart;

    public RateGovernor(SafeLog log, TimeProvider time, TimeSpan? spacing = null)
    {
        this.log = log;
        this.time = time;
        origin = time.GetTimestamp();
        Spacing = spacing ?? TimeSpan.FromMilliseconds(500);
        Throttled = new ThrottleReport(time);
    }

    /// <summary>Gap between request starts while throttled (Vault's own per-call delay is 500 ms).</summary>
    public TimeSpan Spacing { get; }

    public int? BurstLimit { get; private set; }

    public int? BurstLimitRemaining { get; private set; }

    public bool IsThrottling { get; private set; }

    /// <summary>Vault's own delays, summed up (one warning a minute at most).</summary>
    public ThrottleReport Throttled { get; }

    /// <summary>Waits for this request's slot when throttling; returns at once otherwise.</summary>
    public Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (gate)
        {
            if (!IsThrottling)
            {
                return Task.CompletedTask;
            }

            var now = time.GetElapsedTime(origin);
            var start = nextStart > now ? nextStart : now;
            nextStart = start + Spacing;
            wait = start - now;
        }

        return wait > TimeSpan.Zero ? time.Delay(wait, cancellationToken) : Task.CompletedTask;
    }

    public void Observe(HttpResponseHeaders headers, string requestLine)
    {
        var limit = ReadInt(headers, "X-VaultAPI-BurstLimit");
        var remaining = ReadInt(headers, "X-VaultAPI-BurstLimitRemaining");
        var delay = ReadInt(headers, "X-VaultAPI-ResponseDelay");
        if (delay > 0 && Throttled.Add(delay.Value) is { } line)
        {
            log.Warning(line);
        }

        if (remaining is null)
        {
            return;
        }

        bool started;
        lock (gate)
        {
            BurstLimit = limit ?? BurstLimit;
            BurstLimitRemaining = remaining;
            var floor = BurstLimit is { } l ? l * Floor : 0;
            var throttle = remaining.Value <= 0 || remaining.Value < floor;
            started = throttle && !IsThrottling;
            IsThrottling = throttle;
        }

        if (started)
        {
            log.Warning(string.Format(
                CultureInfo.InvariantCulture,
                "Only {0} of {1} API calls left in Vault's burst window; spacing requests {2} ms apart.",
                remaining,
                limit?.ToString(CultureInfo.InvariantCulture) ?? "?",
                (int)Spacing.TotalMilliseconds));
        }
    }

    private static int? ReadInt(HttpResponseHeaders headers, string name)
        => headers.TryGetValues(name, out var values)
           && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
