using System;
using System.Collections.Generic;
using System.Linq;
using VaultStaging.Emulator.Api;

namespace VaultStaging.Emulator.Jobs;

/// <summary>
/// Jobs and their lifecycle on the clock: QUEUED for the first half of JobDuration, RUNNING for the
/// second, then SUCCESS or ERRORS_ENCOUNTERED. Due work runs lazily (on the next request or state read).
/// All members lock the shared emulator gate.
/// </summary>
internal sealed class JobStore
{
    private readonly object _gate;
    private readonly TimeProvider _clock;
    private readonly EmulatorLimits _limits;
    private readonly Dictionary<long, Job> _jobs = new();
    private long _nextId = 61_000;

    public JobStore(object gate, TimeProvider clock, EmulatorLimits limits)
    {
        _gate = gate;
        _clock = clock;
        _limits = limits;
    }

    public Job Create(string kind, string method, EmulatorUser user, Action work, Action? cleanup, bool mustFail)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var job = new Job(_nextId++, kind, method, user.Id, now, now + _limits.JobDuration, work, cleanup, mustFail);
            _jobs.Add(job.Id, job);
            RunDue();
            return job;
        }
    }

    public void RunDue()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            foreach (var job in _jobs.Values.Where(j => !j.Finished && now >= j.Due).OrderBy(j => j.Id).ToArray())
            {
                Run(job);
            }
        }
    }

    /// <summary>A job status poll: enforces one poll per JobPollInterval per job id.</summary>
    public Job Poll(long id, EmulatorUser user)
    {
        lock (_gate)
        {
            RunDue();
            if (!_jobs.TryGetValue(id, out var job))
            {
                throw new VaultApiException(ErrorTypes.InvalidData, $"Job [{id}] does not exist.");
            }

            if (!user.IsAdmin && job.CreatedBy != user.Id)
            {
                throw new VaultApiException(ErrorTypes.InsufficientAccess, $"Job [{id}] belongs to another user.");
            }

            var now = _clock.GetUtcNow();
            if (job.LastPoll is { } last && now - last < _limits.JobPollInterval)
            {
                throw new VaultApiException(
                    ErrorTypes.ApiLimitExceeded,
                    $"Job status may be requested at most once every {_limits.JobPollInterval.TotalSeconds:0.###} seconds per job.");
            }

            job.LastPoll = now;
            return job;
        }
    }

    public string StatusOf(Job job)
    {
        lock (_gate)
        {
            if (job.Finished)
            {
                return job.Succeeded ? "SUCCESS" : "ERRORS_ENCOUNTERED";
            }

            var now = _clock.GetUtcNow();
            return now - job.Created < (job.Due - job.Created) / 2 ? "QUEUED" : "RUNNING";
        }
    }

    public IReadOnlyList<Job> All()
    {
        lock (_gate)
        {
            RunDue();
            return _jobs.Values.OrderBy(j => j.Id).ToArray();
        }
    }

    private static void Run(Job job)
    {
        try
        {
            if (job.MustFail)
            {
                throw new VaultApiException(ErrorTypes.UnexpectedError, "Job failed (injected fault).");
            }

            job.Work();
            job.Succeeded = true;
        }
        catch (VaultApiException error)
        {
            job.FailureMessage = error.Message;
        }
        catch (System.IO.IOException error)
        {
            job.FailureMessage = error.Message;
        }
        finally
        {
            job.Finished = true;
            job.Finish = job.Due;
            job.Cleanup?.Invoke();
        }
    }
}
