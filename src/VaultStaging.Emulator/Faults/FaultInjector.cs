using System;
using System.Collections.Generic;

namespace VaultStaging.Emulator.Faults;

/// <summary>Thread-safe list of armed faults; the first matching rule fires for a request.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<ArmedRule> _rules = new();

    /// <summary>Arms a rule. The rule object is copied; later changes to it have no effect.</summary>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "Count must be 0 (forever) or positive.");
        }

        lock (_gate)
        {
            _rules.Add(new ArmedRule(Copy(rule), rule.Count));
        }
    }

    /// <summary>Parses <paramref name="spec"/> (see <see cref="FaultRule.Parse"/>) and arms it.</summary>
    public FaultRule Add(string spec)
    {
        var rule = FaultRule.Parse(spec);
        Add(rule);
        return rule;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Rules still armed, with the remaining count in <see cref="FaultRule.Count"/>.</summary>
    public IReadOnlyList<FaultRule> Armed
    {
        get
        {
            lock (_gate)
            {
                var list = new List<FaultRule>(_rules.Count);
                foreach (var armed in _rules)
                {
                    var copy = Copy(armed.Rule);
                    copy.Count = armed.Remaining;
                    list.Add(copy);
                }

                return list;
            }
        }
    }

    /// <summary>Finds and consumes the first rule that applies to this request.</summary>
    internal FaultRule? Take(EmulatorEndpoint endpoint, int? partNumber)
    {
        lock (_gate)
        {
            for (int i = 0; i < _rules.Count; i++)
            {
                var armed = _rules[i];
                if (!Matches(armed.Rule, endpoint, partNumber))
                {
                    continue;
                }

                if (armed.Remaining > 0)
                {
                    armed.Remaining--;
                    if (armed.Remaining == 0)
                    {
                        _rules.RemoveAt(i);
                    }
                }

                return armed.Rule;
            }

            return null;
        }
    }

    private static bool Matches(FaultRule rule, EmulatorEndpoint endpoint, int? partNumber)
    {
        if (endpoint == EmulatorEndpoint.Unknown)
        {
            return false;
        }

        if (rule.Endpoint != EmulatorEndpoint.Any && rule.Endpoint != endpoint)
        {
            return false;
        }

        if (rule.PartNumber is { } wanted && partNumber != wanted)
        {
            return false;
        }

        return AppliesTo(rule.Kind, endpoint);
    }

    // A rule aimed at "any" endpoint must not be used up by a request it cannot affect.
    private static bool AppliesTo(FaultKind kind, EmulatorEndpoint endpoint) => kind switch
    {
        FaultKind.WrongMd5 => endpoint is EmulatorEndpoint.UploadPart or EmulatorEndpoint.CreateItem,
        FaultKind.JobFails => endpoint is EmulatorEndpoint.Commit or EmulatorEndpoint.DeleteItem or EmulatorEndpoint.UpdateItem,
        FaultKind.ShortFile => endpoint is EmulatorEndpoint.Commit,
        FaultKind.ExpireLoginSession => endpoint != EmulatorEndpoint.Auth,
        _ => true,
    };

    private static FaultRule Copy(FaultRule rule) => new()
    {
        Kind = rule.Kind,
        Endpoint = rule.Endpoint,
        PartNumber = rule.PartNumber,
        Count = rule.Count,
        RetryAfterSeconds = rule.RetryAfterSeconds,
        Delay = rule.Delay,
    };

    private sealed class ArmedRule(FaultRule rule, int remaining)
    {
        public FaultRule Rule { get; } = rule;

        public int Remaining { get; set; } = remaining;
    }
}
