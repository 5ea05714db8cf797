using System;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Transfer;

/// <summary>What is known about one file's upload so far; becomes the <see cref="UploadResult"/> however the upload ends.</summary>
internal sealed class UploadOutcome
{
    public UploadOutcome(UploadRequest request)
    {
        LocalPath = request.LocalPath;
        StagingPath = request.StagingPath;
    }

    public string LocalPath { get; }

    public string StagingPath { get; set; }

    public long Size { get; set; }

    public int Parts { get; set; }

    public int PartsSent { get; set; }

    public string? Md5 { get; set; }

    public string? SessionId { get; set; }

    public long? JobId { get; set; }

    public UploadStatus Status { get; set; } = UploadStatus.Failed;

    public VaultStagingException? Error { get; private set; }

    /// <summary>Set when the file is committed and its job is still to be waited for (and the staged size checked).</summary>
    public Func<CancellationToken, Task>? AfterCommit { get; set; }

    public void Fail(VaultStagingException error)
    {
        Status = UploadStatus.Failed;
        Error = error;
    }

    public UploadResult ToResult(TimeSpan duration) => new()
    {
        LocalPath = LocalPath,
        StagingPath = StagingPath,
        Size = Size,
        Parts = Parts,
        PartsSent = PartsSent,
        Md5 = Md5,
        SessionId = SessionId,
        JobId = JobId,
        Status = Status,
        Duration = duration,
        Error = Error,
    };
}
