using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Core.Download;

/// <summary>
/// Downloads many files, up to <c>maxParallelFiles</c> at once over one connection (sharing its rate governor).
/// Callbacks run on worker threads; a host that must write from one thread queues them.
/// </summary>
public sealed class DownloadBatch
{
    private readonly FileDownloader downloader;
    private readonly int maxParallelFiles;
    private readonly BatchEvents events = new("Download batch");

    public DownloadBatch(VaultConnection connection, DownloadOptions options, int maxParallelFiles)
    {
        if (maxParallelFiles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxParallelFiles), maxParallelFiles, "At least one file must be able to run.");
        }

        downloader = new FileDownloader(connection, options);
        this.maxParallelFiles = maxParallelFiles;
    }

    /// <summary>Raised once per file with its final result.</summary>
    public event EventHandler<DownloadResult>? FileCompleted;

    /// <summary>Raised as files progress (throttling is the host's job).</summary>
    public event EventHandler<DownloadProgress>? Progress;

    /// <summary>
    /// Downloads every file; ends when each has a result. Cancelling stops running files (their partial files stay
    /// for a resume) and reports the rest Cancelled. A handler's exception is rethrown once every file has a result.
    /// </summary>
    public async Task RunAsync(IEnumerable<DownloadRequest> requests, CancellationToken cancellationToken = default)
    {
        var queue = new ConcurrentQueue<DownloadRequest>(requests ?? throw new ArgumentNullException(nameof(requests)));
        var progress = events.Progress(this, () => Progress);
        var workers = new Task[Math.Min(maxParallelFiles, Math.Max(1, queue.Count))];
        for (var i = 0; i < workers.Length; i++)
        {
            // Workers start even when cancelled: each queued file still gets its Cancelled result.
            workers[i] = Task.Run(
                async () =>
                {
                    while (queue.TryDequeue(out var request))
                    {
                        events.Raise(this, FileCompleted, await RunOneAsync(request, progress, cancellationToken).ConfigureAwait(false));
                    }
                },
                CancellationToken.None);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        events.ThrowIfAnyFailed();
    }

    private async Task<DownloadResult> RunOneAsync(DownloadRequest request, IProgress<DownloadProgress> progress, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new DownloadResult { StagingPath = request.StagingPath, LocalPath = request.LocalPath, Size = request.Item.Size ?? 0, Status = DownloadStatus.Cancelled };
        }

        try
        {
            return await downloader.DownloadAsync(request, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // DownloadAsync reports failures as results; this only keeps a defect from silencing the worker.
            return new DownloadResult
            {
                StagingPath = request.StagingPath,
                LocalPath = request.LocalPath,
                Size = request.Item.Size ?? 0,
                Status = cancellationToken.IsCancellationRequested ? DownloadStatus.Cancelled : DownloadStatus.Failed,
                Error = cancellationToken.IsCancellationRequested ? null : DownloadErrors.Unexpected(request.StagingPath, e),
            };
        }
    }
}
