using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Stages many files, up to <c>maxParallelFiles</c> at once over one connection (sharing its rate governor).
/// Requests are posted as they arrive (a pipeline), results are reported as each file ends. A file whose commit
/// waits for its job hands its slot to the next file; one poller follows every such job.
/// Callbacks run on worker threads; a host that must write from one thread queues them.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A SemaphoreSlim holds unmanaged state only once its AvailableWaitHandle is read, which no code here does.")]
public sealed class UploadBatch
{
    private readonly FileUploader uploader;
    private readonly ConcurrentQueue<UploadRequest> queue = new();
    private readonly SemaphoreSlim posted = new(0);
    private readonly CancellationTokenSource cancellation;
    private readonly Task[] workers;
    private readonly object gate = new();
    private readonly BatchEvents events = new("Upload batch");
    private readonly List<Task> finishing = new();
    private volatile bool completing;

    public UploadBatch(VaultConnection connection, UploadOptions options, int maxParallelFiles)
        : this(connection, options, maxParallelFiles, CancellationToken.None)
    {
    }

    /// <summary>
    /// <paramref name="cancellationToken"/> stops the whole batch (e.g. the cmdlet's StopProcessing): running files end
    /// Cancelled with their sessions left resumable, files still queued are reported Cancelled.
    /// </summary>
    public UploadBatch(VaultConnection connection, UploadOptions options, int maxParallelFiles, CancellationToken cancellationToken)
    {
        if (maxParallelFiles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxParallelFiles), maxParallelFiles, "At least one file must be able to run.");
        }

        uploader = new FileUploader(connection, options);
        cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        workers = new Task[maxParallelFiles];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(WorkAsync, CancellationToken.None);
        }
    }

    /// <summary>Raised once per file with its final result.</summary>
    public event EventHandler<UploadResult>? FileCompleted;

    /// <summary>Raised as files progress (throttling is the host's job).</summary>
    public event EventHandler<UploadProgress>? Progress;

    /// <summary>Queues a file; starts it when a slot is free.</summary>
    public void Post(UploadRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (completing)
        {
            throw new InvalidOperationException("The batch is complete: no more files can be posted.");
        }

        queue.Enqueue(request);
        posted.Release();
    }

    /// <summary>
    /// No more files will be posted; the returned task ends when every posted file has a result.
    /// Cancelling <paramref name="cancellationToken"/> cancels the batch. An exception thrown by an event handler
    /// does not stop the batch; it is rethrown here once every file has a result.
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        completing = true;
        posted.Release(workers.Length);
        using (cancellationToken.Register(() => cancellation.Cancel()))
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
            Task[] waiting;
            lock (gate)
            {
                waiting = finishing.ToArray();
            }

            await Task.WhenAll(waiting).ConfigureAwait(false);
        }

        cancellation.Dispose();
        events.ThrowIfAnyFailed();
    }

    private async Task WorkAsync()
    {
        var progress = events.Progress(this, () => Progress);
        while (true)
        {
            await posted.WaitAsync().ConfigureAwait(false);
            if (!queue.TryDequeue(out var request))
            {
                return;
            }

            var pending = await RunAsync(request, progress).ConfigureAwait(false);
            if (pending.IsWaitingForJob)
            {
                var finish = FinishAsync(pending);
                lock (gate)
                {
                    finishing.Add(finish);
                }
            }
            else
            {
                events.Raise(this, FileCompleted, await pending.FinishAsync(cancellation.Token).ConfigureAwait(false));
            }
        }
    }

    private async Task FinishAsync(PendingUpload pending)
        => events.Raise(this, FileCompleted, await pending.FinishAsync(cancellation.Token).ConfigureAwait(false));

    private async Task<PendingUpload> RunAsync(UploadRequest request, IProgress<UploadProgress> progress)
    {
        var pending = new PendingUpload(request, uploader.Connection.Time);
        if (cancellation.IsCancellationRequested)
        {
            pending.Outcome.Status = UploadStatus.Cancelled;
            return pending;
        }

        try
        {
            return await uploader.TransferAsync(request, progress, cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // TransferAsync reports failures as results; this only keeps a defect from silencing the worker.
            pending.Outcome.Fail(TransferErrors.Unexpected(request.LocalPath, e));
            return pending;
        }
    }
}
