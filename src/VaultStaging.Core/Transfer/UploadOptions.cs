using System;
using VaultStaging.Core.Connection;

namespace VaultStaging.Core.Transfer;

/// <summary>How files are staged. One instance may serve many uploads.</summary>
public sealed class UploadOptions
{
    /// <summary>Part size in bytes; null picks <see cref="PartPlan.DefaultPartSize"/> (raised for big files).</summary>
    public long? PartSize { get; set; }

    /// <summary>Files up to this size go in one request; larger ones by resumable session. At most the limits' MaxSmallFileSize.</summary>
    public long SmallFileThreshold { get; set; } = 50_000_000;

    /// <summary>Limits of the server; null = <see cref="PartLimits.ForApiVersion"/> of the connection.</summary>
    public PartLimits? Limits { get; set; }

    public ExistingFileAction IfExists { get; set; } = ExistingFileAction.Fail;

    /// <summary>
    /// Decide what each file would get (staged, updated, skipped or failed) from the listing, and send nothing that
    /// changes the server: the result's status is the decision.
    /// </summary>
    public bool DryRun { get; set; }

    /// <summary>Wait for the commit job to finish (and check the staged size) before reporting a file staged.</summary>
    public bool WaitForJob { get; set; } = true;

    /// <summary>Never below 10 s against a real vault; emulator tests shorten it.</summary>
    public TimeSpan JobPollInterval { get; set; } = VaultRules.JobPollFloor;

    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Continue an active session for the same path and size, re-sending only missing or mismatching parts.</summary>
    public bool Resume { get; set; } = true;

    /// <summary>
    /// Also compute the MD5 of the whole file for a file sent by session (<see cref="UploadResult.Md5"/>). Off by
    /// default: it hashes every byte a second time, while each part is verified by its own MD5 either way. A file sent
    /// by a single request always has its MD5 (it is that request's checksum).
    /// </summary>
    public bool ComputeFileMd5 { get; set; }

    /// <summary>
    /// Resumable uploads sending parts at once, across a batch; null = no cap beyond the batch's files in flight. Each
    /// holds one of the vault's upload sessions while it sends, and a few large files already fill a link.
    /// </summary>
    public int? MaxParallelSessions { get; set; }

    /// <summary>Create missing staging folders before uploading.</summary>
    public bool CreateFolders { get; set; } = true;

    /// <summary>
    /// Times one part is sent before the file is reported failed (the first included). Applies on top of the
    /// connection's own transport retries: it covers a part whose response did not verify or that failed for good.
    /// </summary>
    public int MaxPartAttempts { get; set; } = 3;

    /// <summary>
    /// Folder of the resume journal (size and last-write time of the file each session was started for); null = the
    /// per-user default, <c>$VAULTSTAGING_STATE_DIR</c> or the local application data folder + VaultStaging/resume.
    /// </summary>
    public string? ResumeJournalFolder { get; set; }

    /// <summary>How long a file may wait for a free upload session slot while the vault is at its cap (50 active sessions).</summary>
    public TimeSpan SessionSlotTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>First wait before asking again for a session slot; doubles (with jitter) up to <see cref="SessionSlotMaxDelay"/>.</summary>
    public TimeSpan SessionSlotBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan SessionSlotMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    internal PartLimits ResolveLimits(VaultConnection connection) => Limits ?? PartLimits.ForApiVersion(connection.ApiVersion);

    /// <summary>Files up to this size go by single request: the option, capped by the server's single-request limit.</summary>
    internal long SmallFileLimit(PartLimits limits) => Math.Min(SmallFileThreshold, limits.MaxSmallFileSize);
}

/// <summary>What to do when a file is already staged at the path (see <see cref="StagedCopy"/> for "identical").</summary>
public enum ExistingFileAction
{
    /// <summary>Report the file as failed (StagingItemExists).</summary>
    Fail,

    /// <summary>Replace the staged file, identical or not (reported Updated).</summary>
    Overwrite,

    /// <summary>Leave an identical staged file alone (reported Skipped); a different one fails the file (StagedCopyDiffers).</summary>
    Skip,

    /// <summary>Leave an identical staged file alone (Skipped); replace a different one (Updated).</summary>
    Update,
}
