using System;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Http;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// One file's upload in two steps: the transfer (up to the commit), then <see cref="FinishAsync"/> (the commit's job
/// and the staged-size check). Every step reports failures as the result, never by throwing.
/// </summary>
internal sealed class PendingUpload
{
    private readonly TimeProvider time;
    private readonly long started;

    public PendingUpload(UploadRequest request, TimeProvider time)
    {
        this.time = time;
        started = time.GetTimestamp();
        Request = request;
        Outcome = new UploadOutcome(request);
    }

    public UploadRequest Request { get; }

    public UploadOutcome Outcome { get; }

    /// <summary>True while the file is committed and its job not yet followed.</summary>
    public bool IsWaitingForJob => Outcome.AfterCommit is not null && Outcome.Status == UploadStatus.Committed;

    public async Task<UploadResult> FinishAsync(CancellationToken cancellationToken)
    {
        if (IsWaitingForJob)
        {
            var afterCommit = Outcome.AfterCommit!;
            Outcome.AfterCommit = null;
            await RunAsync(() => afterCommit(cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return Outcome.ToResult(time.GetElapsedTime(started));
    }

    /// <summary>Runs one step with the file as the log's subject, turning its failure into the outcome.</summary>
    public async Task RunAsync(Func<Task> step, CancellationToken cancellationToken)
    {
        using var subject = LogSubject.Begin(Request.LocalPath);
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A committed file is assembled by its job whether or not anyone waits for it.
            Outcome.Status = Outcome.Status == UploadStatus.Committed ? UploadStatus.Committed : UploadStatus.Cancelled;
        }
        catch (VaultStagingException e)
        {
            Outcome.Fail(TransferErrors.WithTarget(e, Request.LocalPath));
        }
        catch (Exception e)
        {
            Outcome.Fail(TransferErrors.Unexpected(Request.LocalPath, e));
        }
    }
}
