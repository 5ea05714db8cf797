using System;

namespace VaultStaging.Core.Transfer;

/// <summary>The outcome of staging one file.</summary>
public sealed class UploadResult
{
    public string LocalPath { get; init; } = "";

    public string StagingPath { get; init; } = "";

    public long Size { get; init; }

    /// <summary>Parts of the session (0 for a single-request upload).</summary>
    public int Parts { get; init; }

    /// <summary>Parts actually sent in this run (a resume sends fewer).</summary>
    public int PartsSent { get; init; }

    /// <summary>Lower-case hex MD5 of the whole local file, when it was read.</summary>
    public string? Md5 { get; init; }

    public string? SessionId { get; init; }

    public long? JobId { get; init; }

    public UploadStatus Status { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Set when <see cref="Status"/> is Failed.</summary>
    public VaultStagingException? Error { get; init; }
}

public enum UploadStatus
{
    /// <summary>The file is on the staging server, verified.</summary>
    Staged,

    /// <summary>Committed; the job was not waited for.</summary>
    Committed,

    /// <summary>An identical copy is staged already (same size, staged after the local file's last write).</summary>
    Skipped,

    Failed,

    /// <summary>Stopped by cancellation; the session is left for a later resume.</summary>
    Cancelled,

    /// <summary>On the staging server, verified, replacing the copy that was staged before.</summary>
    Updated,
}
