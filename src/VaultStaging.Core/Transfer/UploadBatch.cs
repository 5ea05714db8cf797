using System;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;

#pragma warning disable CS0067 // stub: raised once implemented
namespace VaultStaging.Core.Transfer;

/// <summary>
/// Stages many files, up to <c>maxParallelFiles</c> at once over one connection (sharing its rate governor).
/// Requests are posted as they arrive (a pipeline), results are reported as each file ends.
/// Callbacks run on worker threads; a host that must write from one thread queues them.
/// </summary>
public sealed class UploadBatch
{
    public UploadBatch(VaultConnection connection, UploadOptions options, int maxParallelFiles)
        => throw new NotImplementedException();

    /// <summary>Raised once per file with its final result.</summary>
    public event EventHandler<UploadResult>? FileCompleted;

    /// <summary>Raised as files progress (throttling is the host's job).</summary>
    public event EventHandler<UploadProgress>? Progress;

    /// <summary>Queues a file; starts it when a slot is free.</summary>
    public void Post(UploadRequest request) => throw new NotImplementedException();

    /// <summary>No more files will be posted; the returned task ends when every posted file has a result.</summary>
    public Task CompleteAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
