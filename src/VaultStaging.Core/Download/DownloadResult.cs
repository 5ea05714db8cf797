using System;

namespace VaultStaging.Core.Download;

public enum DownloadStatus
{
    /// <summary>Saved under its final name, size (and MD5 where Vault gave one) checked.</summary>
    Downloaded,

    /// <summary>Left alone: the local file exists (skip-existing) or is up to date (update).</summary>
    Skipped,

    Failed,

    /// <summary>Stopped; the partial file stays for the next run to resume.</summary>
    Cancelled,
}

/// <summary>How one file's download ended.</summary>
public sealed class DownloadResult
{
    public string StagingPath { get; init; } = "";

    public string LocalPath { get; init; } = "";

    public long Size { get; init; }

    public DownloadStatus Status { get; init; }

    /// <summary>Bytes taken from a partial file of an earlier run instead of downloaded again.</summary>
    public long BytesResumed { get; init; }

    /// <summary>Range requests sent for the content (the resume check included).</summary>
    public int Ranges { get; init; }

    public VaultStagingException? Error { get; init; }

    public TimeSpan Elapsed { get; init; }
}

/// <summary>A snapshot of one file's download, reported through IProgress.</summary>
public sealed class DownloadProgress
{
    public string StagingPath { get; init; } = "";

    public string LocalPath { get; init; } = "";

    public long BytesTotal { get; init; }

    /// <summary>Bytes on disk in the partial file, resumed ones included.</summary>
    public long BytesDone { get; init; }
}
