using System;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Module;

/// <summary>
/// One input's outcome from Send-VaultFile -PassThru, failures included: flat, so Export-Csv makes a usable report,
/// and LocalPath binds to -LiteralPath, so failed rows piped back (also through Import-Csv) are sent again.
/// </summary>
public sealed class VaultUploadResult
{
    /// <summary>A file that failed before its upload started (not found, a directory without -Recurse, a refused name, ...).</summary>
    internal VaultUploadResult(string localPath, string? stagingPath, VaultErrorInfo error)
    {
        LocalPath = localPath;
        StagingPath = stagingPath ?? "";
        Status = "Failed";
        ErrorId = error.ErrorId;
        ErrorMessage = error.Message;
    }

    internal VaultUploadResult(UploadResult result)
    {
        LocalPath = result.LocalPath;
        StagingPath = result.StagingPath;
        Size = result.Size;
        Parts = result.Parts;
        PartsSent = result.PartsSent;
        Md5 = result.Md5;
        SessionId = result.SessionId;
        JobId = result.JobId;
        Status = result.Status.ToString();
        Duration = result.Duration;
        ErrorId = result.Error?.ErrorId;
        ErrorMessage = result.Error?.Message;
    }

    /// <summary>The local file; binds to -LiteralPath of Send-VaultFile by property name.</summary>
    public string LocalPath { get; }

    /// <summary>Where the file goes; empty when the failure came before it was known.</summary>
    public string StagingPath { get; }

    public long Size { get; }

    /// <summary>Parts of the upload session; 0 for a single-request upload.</summary>
    public int Parts { get; }

    /// <summary>Parts sent by this run (fewer when an earlier run's session was resumed).</summary>
    public int PartsSent { get; }

    /// <summary>Lower-case hex MD5 of the whole file: always for a single-request upload, for a session only with -ComputeMd5.</summary>
    public string? Md5 { get; }

    /// <summary>The resumable upload session's id (not a login secret); empty for a single-request upload.</summary>
    public string? SessionId { get; }

    public long? JobId { get; }

    /// <summary>Staged, Committed, Skipped, Failed or Cancelled.</summary>
    public string Status { get; }

    public TimeSpan Duration { get; }

    public string? ErrorId { get; }

    public string? ErrorMessage { get; }

    public override string ToString() => StagingPath.Length > 0 ? StagingPath : LocalPath;
}
