using System;
using System.Collections.Generic;

namespace VaultStaging.Emulator.Limits;

/// <summary>
/// The auth burst limit: 1-minute window keyed on user name + vaultDNS. From 50 % of the limit
/// calls are delayed; beyond 100 % they fail with API_LIMIT_EXCEEDED.
/// </summary>
internal sealed class AuthRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly object _gate = new();
    private readonly Dictionary<string, FixedWindowCounter> _counters = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _clock;
    private readonly EmulatorLimits _limits;

    public AuthRateLimiter(TimeProvider clock, EmulatorLimits limits)
    {
        _clock = clock;
        _limits = limits;
    }

    public AuthRateDecision Count(string userName, string vaultDns)
    {
        int used;
        lock (_gate)
        {
            var key = userName + "\n" + vaultDns;
            if (!_counters.TryGetValue(key, out var counter))
            {
                counter = new FixedWindowCounter(Window);
                _counters.Add(key, counter);
            }

            used = counter.Increment(_clock.GetUtcNow());
        }

        if (used > _limits.AuthBurstLimit)
        {
            return AuthRateDecision.Reject;
        }

        // "From 50 %": once half the quota is used up, further calls are slowed down.
        return used * 2 > _limits.AuthBurstLimit ? AuthRateDecision.Delay : AuthRateDecision.Allow;
    }
}

internal enum AuthRateDecision
{
    Allow,
    Delay,
    Reject,
}
