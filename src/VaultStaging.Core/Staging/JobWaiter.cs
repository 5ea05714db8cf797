using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Http;

namespace VaultStaging.Core.Staging;

/// <summary>
/// Follows a job to its end: the first read after one interval, then one per interval (Vault allows
/// one per 10 s per job); a rate-limit answer just costs another interval.
/// </summary>
internal sealed class JobWaiter
{
    private readonly FileStagingClient client;
    private readonly SafeLog log;

    public JobWaiter(FileStagingClient client, SafeLog log)
    {
        this.client = client;
        this.log = log;
    }

    public async Task<VaultJob> WaitAsync(long jobId, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (pollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollInterval), pollInterval, "The poll interval must be positive.");
        }

        var watch = Stopwatch.StartNew();
        string lastStatus = "not read yet";
        while (true)
        {
            var remaining = timeout - watch.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw TimedOut(jobId, timeout, lastStatus);
            }

            await Task.Delay(pollInterval < remaining ? pollInterval : remaining, cancellationToken).ConfigureAwait(false);
            VaultJob job;
            try
            {
                job = await client.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            }
            catch (VaultApiException limited) when (limited.VaultErrorType == VaultErrorTypes.ApiLimitExceeded)
            {
                log.Warning($"Job {jobId}: status polled too often (API_LIMIT_EXCEEDED); waiting another {pollInterval.TotalSeconds:0.#} s.");
                if (watch.Elapsed >= timeout)
                {
                    throw TimedOut(jobId, timeout, lastStatus);
                }

                continue;
            }

            lastStatus = job.Status;
            log.Verbose($"Job {jobId}: {job.Status}.");
            if (job.IsSucceeded)
            {
                return job;
            }

            if (job.IsFailed)
            {
                throw Failed(job);
            }

            if (watch.Elapsed >= timeout)
            {
                throw TimedOut(jobId, timeout, lastStatus);
            }
        }
    }

    internal static VaultStagingException Failed(VaultJob job) => new(
        "JobFailed",
        VaultErrorCategory.NotSpecified,
        $"Vault job {job.Id} ended with status {job.Status}; check the job in Vault (Admin > Operations > Job Status) and try again.");

    internal static VaultStagingException TimedOut(long jobId, TimeSpan timeout, string lastStatus) => new(
        "JobTimeout",
        VaultErrorCategory.OperationTimeout,
        string.Format(
            CultureInfo.InvariantCulture,
            "Vault job {0} did not finish within {1:0.#} s (last status: {2}). It may still complete: check it later with its job id {0}.",
            jobId,
            timeout.TotalSeconds,
            lastStatus));
}
