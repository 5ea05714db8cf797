using System;

namespace VaultStaging.Core.Http;

/// <summary>
/// How long to wait before another attempt and whether one still fits: exponential backoff with full jitter (a random
/// delay in [0, min(MaxDelay, BaseDelay·2^(n-1))]), a Retry-After the server sent wins, bounded by MaxAttempts and
/// MaxTotal.
/// </summary>
internal sealed class RetryBackoff
{
    private readonly RetryOptions options;
    private readonly Random random;
    private readonly object gate = new();

    public RetryBackoff(RetryOptions options, Random? random = null)
    {
        this.options = options;
        this.random = random ?? new Random();
    }

    public int MaxAttempts => Math.Max(1, options.MaxAttempts);

    /// <summary>The upper bound of the jittered delay after the given failed attempt (1-based).</summary>
    public TimeSpan CeilingFor(int failedAttempt)
    {
        var exponent = Math.Min(failedAttempt - 1, 30);
        var ticks = options.BaseDelay.Ticks * Math.Pow(2, exponent);
        return TimeSpan.FromTicks((long)Math.Min(ticks, options.MaxDelay.Ticks));
    }

    public TimeSpan DelayFor(int failedAttempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } serverAsked && serverAsked > TimeSpan.Zero)
        {
            return serverAsked;
        }

        double fraction;
        lock (gate)
        {
            fraction = random.NextDouble();
        }

        return TimeSpan.FromTicks((long)(CeilingFor(failedAttempt).Ticks * fraction));
    }

    /// <summary>True when another attempt fits in both the attempt and the time budget.</summary>
    public bool CanRetry(int failedAttempt, TimeSpan elapsed, TimeSpan delay)
        => failedAttempt < MaxAttempts && elapsed + delay <= options.MaxTotal;
}
