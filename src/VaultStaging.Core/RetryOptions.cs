using System;

namespace VaultStaging.Core;

/// <summary>Backoff policy for transient failures.</summary>
public sealed class RetryOptions
{
    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Upper bound on the time one request may spend retrying.</summary>
    public TimeSpan MaxTotal { get; set; } = TimeSpan.FromMinutes(15);
}
