using System;

namespace VaultStaging.Core.Staging;

/// <summary>A file or folder on the staging server.</summary>
public sealed class StagingItem
{
    public StagingItemKind Kind { get; init; }

    /// <summary>Absolute path; folders as the server returns them (without a trailing /).</summary>
    public string Path { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Bytes; files only.</summary>
    public long? Size { get; init; }

    public DateTimeOffset? ModifiedDate { get; init; }

    /// <summary>Lower-case hex MD5 the server reported, when it did (small-file upload).</summary>
    public string? ContentMd5 { get; init; }
}

public enum StagingItemKind
{
    File,
    Folder,
}

/// <summary>An active resumable upload session (https://general.veevavault.dev/vault-api/api-reference/26.2/file-staging/resumable-upload-sessions/).</summary>
public sealed class UploadSessionInfo
{
    public string Id { get; init; } = "";

    public string Path { get; init; } = "";

    public string Name { get; init; } = "";

    public long Size { get; init; }

    public long Uploaded { get; init; }

    public int UploadedParts { get; init; }

    public long Owner { get; init; }

    public DateTimeOffset? CreatedDate { get; init; }

    public DateTimeOffset? LastUploadedDate { get; init; }

    public DateTimeOffset? ExpirationDate { get; init; }

    public override string ToString() => Path;
}

/// <summary>A part the server holds, as it reports it.</summary>
public sealed class UploadedPart
{
    public int PartNumber { get; init; }

    public long Size { get; init; }

    /// <summary>Lower-case hex MD5 of the part's bytes as stored.</summary>
    public string Md5 { get; init; } = "";
}

/// <summary>A Vault job (commit, delete, move).</summary>
public sealed class VaultJob
{
    public long Id { get; init; }

    /// <summary>SCHEDULED, QUEUED, QUEUEING, RUNNING, SUCCESS, ERRORS_ENCOUNTERED, CANCELLED, TIMEOUT, …</summary>
    public string Status { get; init; } = "";

    public string? Method { get; init; }

    public DateTimeOffset? CreatedDate { get; init; }

    public DateTimeOffset? RunStartDate { get; init; }

    public DateTimeOffset? RunEndDate { get; init; }

    public bool IsFinished => IsSucceeded || IsFailed;

    public bool IsSucceeded => Status == "SUCCESS";

    public bool IsFailed => Status is "ERRORS_ENCOUNTERED" or "CANCELLED" or "TIMEOUT" or "MISSED_SCHEDULE" or "FAILURE";
}

/// <summary>What one ranged download wrote, and the file size the server's Content-Range named (-1 when it named none).</summary>
public readonly struct DownloadedRange
{
    public DownloadedRange(long bytes, long totalSize)
    {
        Bytes = bytes;
        TotalSize = totalSize;
    }

    public long Bytes { get; }

    public long TotalSize { get; }
}
