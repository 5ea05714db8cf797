using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Http;

namespace VaultStaging.Core.Staging;

/// <summary>
/// One poller for every job a connection waits for: each job is read on its own schedule (first after
/// <see cref="FirstRead"/>, since a small job is often done in a second or two and Vault's one-read-per-10-s rule
/// leaves the first read free; then once per interval), one read at a time, by a single loop that runs only while
/// some job is awaited. Files waiting here hold no transfer slot.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A SemaphoreSlim holds unmanaged state only once its AvailableWaitHandle is read, which no code here does.")]
internal sealed class JobPoller
{
    /// <summary>The first read of a job comes this soon (or after one interval, when that is shorter).</summary>
    public static readonly TimeSpan FirstRead = TimeSpan.FromSeconds(1);

    private readonly FileStagingClient staging;
    private readonly SafeLog log;
    private readonly TimeProvider time;
    private readonly long origin;
    private readonly object gate = new();
    private readonly List<Waiter> waiters = new();
    private readonly SemaphoreSlim arrived = new(0);
    private Task? loop;

    public JobPoller(FileStagingClient staging, SafeLog log, TimeProvider time)
    {
        this.staging = staging;
        this.log = log;
        this.time = time;
        origin = time.GetTimestamp();
    }

    private TimeSpan Now => time.GetElapsedTime(origin);

    /// <summary>
    /// Completes with the job once it succeeded; fails with JobFailed when it ended otherwise, JobTimeout when it did
    /// not end in time. A rate-limit answer (API_LIMIT_EXCEEDED) just costs another interval.
    /// </summary>
    public Task<VaultJob> WaitAsync(long jobId, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (pollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollInterval), pollInterval, "The poll interval must be positive.");
        }

        var now = Now;
        var waiter = new Waiter(jobId, pollInterval, timeout, now + timeout, now + FirstReadAfter(pollInterval), cancellationToken);
        cancellationToken.Register(() => waiter.Result.TrySetCanceled(cancellationToken));
        lock (gate)
        {
            waiters.Add(waiter);
            if (loop is null)
            {
                // The loop serves every file: it must not carry the first file's log subject.
                using (ExecutionContext.SuppressFlow())
                {
                    loop = Task.Run(RunAsync, CancellationToken.None);
                }
            }
        }

        arrived.Release();
        return waiter.Result.Task;
    }

    /// <summary>When a job is first read, given the interval of the reads after it.</summary>
    public static TimeSpan FirstReadAfter(TimeSpan pollInterval) => pollInterval < FirstRead ? pollInterval : FirstRead;

    private async Task RunAsync()
    {
        while (true)
        {
            Waiter next;
            lock (gate)
            {
                waiters.RemoveAll(w => w.Result.Task.IsCompleted);
                if (waiters.Count == 0)
                {
                    loop = null;
                    return;
                }

                next = waiters.OrderBy(w => w.NextRead).First();
            }

            var wait = next.NextRead - Now;
            if (wait > TimeSpan.Zero)
            {
                // A job that arrives meanwhile may be due sooner: look again then.
                await ArrivalOrDelayAsync(wait).ConfigureAwait(false);
                continue;
            }

            await ReadAsync(next).ConfigureAwait(false);
        }
    }

    private async Task ArrivalOrDelayAsync(TimeSpan wait)
    {
        using var either = new CancellationTokenSource();
        var arrival = arrived.WaitAsync(either.Token);
        await Task.WhenAny(arrival, time.Delay(wait, either.Token)).ConfigureAwait(false);
        either.Cancel();
        try
        {
            await arrival.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The delay ended first; the arrival is counted by the next wait.
        }
    }

    private async Task ReadAsync(Waiter waiter)
    {
        try
        {
            var job = await staging.GetJobAsync(waiter.JobId, waiter.Cancellation).ConfigureAwait(false);
            waiter.LastStatus = job.Status;
            log.Verbose($"Job {waiter.JobId}: {job.Status}.");
            if (job.IsSucceeded)
            {
                waiter.Result.TrySetResult(job);
                return;
            }

            if (job.IsFailed)
            {
                waiter.Result.TrySetException(Failed(job));
                return;
            }
        }
        catch (VaultApiException limited) when (limited.VaultErrorType == VaultErrorTypes.ApiLimitExceeded)
        {
            log.Warning($"Job {waiter.JobId}: status polled too often (API_LIMIT_EXCEEDED); waiting another {waiter.Interval.TotalSeconds:0.#} s.");
        }
        catch (OperationCanceledException) when (waiter.Cancellation.IsCancellationRequested)
        {
            waiter.Result.TrySetCanceled(waiter.Cancellation);
            return;
        }
        catch (Exception failed)
        {
            waiter.Result.TrySetException(failed);
            return;
        }

        var now = Now;
        if (now >= waiter.Deadline)
        {
            waiter.Result.TrySetException(TimedOut(waiter.JobId, waiter.Timeout, waiter.LastStatus));
            return;
        }

        waiter.NextRead = now + waiter.Interval < waiter.Deadline ? now + waiter.Interval : waiter.Deadline;
    }

    internal static VaultStagingException Failed(VaultJob job) => new(
        VaultErrorIds.JobFailed,
        VaultErrorCategory.NotSpecified,
        $"Vault job {job.Id} ended with status {job.Status}; check the job in Vault (Admin > Operations > Job Status) and try again.");

    internal static VaultStagingException TimedOut(long jobId, TimeSpan timeout, string lastStatus) => new(
        VaultErrorIds.JobTimeout,
        VaultErrorCategory.OperationTimeout,
        string.Format(
            CultureInfo.InvariantCulture,
            "Vault job {0} did not finish within {1:0.#} s (last status: {2}). It may still complete: check it later with its job id {0}.",
            jobId,
            timeout.TotalSeconds,
            lastStatus));

    private sealed class Waiter
    {
        public Waiter(long jobId, TimeSpan interval, TimeSpan timeout, TimeSpan deadline, TimeSpan nextRead, CancellationToken cancellation)
        {
            JobId = jobId;
            Interval = interval;
            Timeout = timeout;
            Deadline = deadline;
            NextRead = nextRead;
            Cancellation = cancellation;
        }

        public long JobId { get; }

        public TimeSpan Interval { get; }

        public TimeSpan Timeout { get; }

        public TimeSpan Deadline { get; }

        public TimeSpan NextRead { get; set; }

        public CancellationToken Cancellation { get; }

        public string LastStatus { get; set; } = "not read yet";

        public TaskCompletionSource<VaultJob> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
