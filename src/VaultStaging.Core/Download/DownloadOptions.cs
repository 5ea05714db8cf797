using System;

namespace VaultStaging.Core.Download;

/// <summary>What a download does with a local file that already exists at the target.</summary>
public enum ExistingLocalFileAction
{
    /// <summary>Report the file as failed (LocalFileExists); the local file is left alone.</summary>
    Fail,

    /// <summary>Leave the local file and report the item as skipped.</summary>
    Skip,

    /// <summary>Download only when the staged file is newer, or equally old with another size (rclone's --update).</summary>
    Update,

    /// <summary>Replace the local file.</summary>
    Overwrite,
}

/// <summary>Settings of a download run, shared by every file.</summary>
public sealed class DownloadOptions
{
    /// <summary>The documented maximum per Range request (50 MB, https://general.veevavault.dev/vault-api/api-reference/26.2/file-staging/download-item-content/; read as 10^6 bytes, the smaller reading).</summary>
    public const long MaxRangeSize = 50_000_000;

    /// <summary>Bytes re-read from the server to prove a partial file from an earlier run belongs to this file.</summary>
    public const long DefaultResumeCheckSize = 1024 * 1024;

    public ExistingLocalFileAction IfExists { get; set; } = ExistingLocalFileAction.Fail;

    /// <summary>Bytes per Range request; at most <see cref="MaxRangeSize"/>.</summary>
    public long RangeSize { get; set; } = MaxRangeSize;

    /// <summary>See <see cref="DefaultResumeCheckSize"/>.</summary>
    public long ResumeCheckSize { get; set; } = DefaultResumeCheckSize;

    /// <summary>Sets each downloaded file's last-write time to the staged file's modified date (so --update can compare).</summary>
    public bool PreserveModifiedDate { get; set; } = true;

    internal void Validate()
    {
        if (RangeSize < 1 || RangeSize > MaxRangeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(RangeSize), RangeSize, $"A range covers 1 to {MaxRangeSize} bytes.");
        }

        if (ResumeCheckSize < 1 || ResumeCheckSize > RangeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(ResumeCheckSize), ResumeCheckSize, "The resume check covers 1 byte to one range.");
        }
    }
}
