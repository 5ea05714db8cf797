using System;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Stages one local file: small files by a single request, larger ones by a resumable session
/// (resuming a matching active session, parts strictly in order, every part verified), then commit
/// and, unless told not to, wait for the job and check the staged size. Thread-safe: a batch shares one uploader.
/// </summary>
public sealed class FileUploader
{
    private static readonly Regex AdminHomePattern = new("^/u[0-9]+(/|$)", RegexOptions.CultureInvariant);

    private readonly UploadContext context;

    public FileUploader(VaultConnection connection, UploadOptions options)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        context = new UploadContext(connection, options);
    }

    public VaultConnection Connection { get; }

    public UploadOptions Options { get; }

    /// <summary>
    /// Never throws for a per-file failure: the result carries Status Failed and the error.
    /// Cancellation yields Status Cancelled and leaves any session resumable.
    /// </summary>
    public async Task<UploadResult> UploadAsync(UploadRequest request, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var transferred = await TransferAsync(request, progress, cancellationToken).ConfigureAwait(false);
        return await transferred.FinishAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Everything up to the commit; what is left (the commit's job and the staged-size check) is the returned
    /// upload's <see cref="PendingUpload.FinishAsync"/>, so a batch can free the file's transfer slot meanwhile.
    /// </summary>
    internal async Task<PendingUpload> TransferAsync(UploadRequest request, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var pending = new PendingUpload(request, Connection.Time);
        await pending.RunAsync(() => StageAsync(request, pending.Outcome, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        return pending;
    }

    private async Task StageAsync(UploadRequest request, UploadOutcome outcome, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        var file = FileToStage.Prepare(request, Options.ResolveLimits(Connection));
        EnsureAddressable(file);
        outcome.StagingPath = file.StagingPath;
        outcome.Size = file.Length;
        Report(progress, file, UploadStage.Preparing, 0);

        var bySession = file.Length > Options.SmallFileLimit(file.Limits);
        if (bySession && Options.Resume && !Options.DryRun)
        {
            // Independent of the folder listing: both go out at once (the session list is awaited when resuming).
            _ = context.ActiveSessions.GetAsync(cancellationToken);
        }

        var existing = await context.Staged.FindAsync(file.StagingPath, cancellationToken).ConfigureAwait(false);
        var replace = existing is not null;
        if (existing is not null && !ShouldReplace(file, existing))
        {
            outcome.Status = UploadStatus.Skipped;
            return;
        }

        var staged = replace ? UploadStatus.Updated : UploadStatus.Staged;
        if (Options.DryRun)
        {
            outcome.Status = staged;
            return;
        }

        using var sending = context.Sending.Begin();
        if (!replace && Options.CreateFolders)
        {
            await context.Folders.EnsureAsync(StagingPath.GetParent(file.StagingPath), cancellationToken).ConfigureAwait(false);
        }

        var overwrite = replace || Options.IfExists == ExistingFileAction.Overwrite;
        if (!bySession)
        {
            await new SmallFileUpload(Connection.Staging, context.BadCopies).SendAsync(file, overwrite, outcome, cancellationToken).ConfigureAwait(false);
            outcome.Status = staged;
            Report(progress, file, UploadStage.Done, file.Length);
            return;
        }

        await context.SessionTransfers.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await UploadBySessionAsync(file, overwrite, staged, outcome, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            context.SessionTransfers.Release();
        }
    }

    /// <summary>
    /// Whether the staged copy <paramref name="existing"/> at the file's staging path is to be replaced (false:
    /// skipped); throws when the options say the file fails.
    /// </summary>
    private bool ShouldReplace(FileToStage file, StagingItem existing)
    {
        if (existing.Kind == StagingItemKind.Folder)
        {
            throw TransferErrors.StagingPathIsFolder(file.LocalPath, file.StagingPath);
        }

        var lastWrite = file.Local.LastWriteTimeUtc;
        var identical = StagedCopy.IsIdentical(file.Length, lastWrite, existing);
        return Options.IfExists switch
        {
            ExistingFileAction.Overwrite => true,
            ExistingFileAction.Update => !identical,
            ExistingFileAction.Skip when identical => false,
            ExistingFileAction.Skip => throw TransferErrors.StagedCopyDiffers(file.LocalPath, file.StagingPath, file.Length, lastWrite, existing),
            _ => throw TransferErrors.StagingItemExists(file.LocalPath, file.StagingPath),
        };
    }

    /// <summary>
    /// A non-admin's "/" is their own home, so an admin-style path (/u1000/…) would silently create a folder "u1000"
    /// inside it: refuse it, saying which path to use instead.
    /// </summary>
    private void EnsureAddressable(FileToStage file)
    {
        if (Connection.Identity is { IsAdmin: false } identity && AdminHomePattern.IsMatch(file.StagingPath))
        {
            throw TransferErrors.AdminPathForNonAdmin(file.LocalPath, file.StagingPath, identity.UserName);
        }
    }

    /// <summary>Sends and commits; the job wait is left to <see cref="UploadOutcome.AfterCommit"/>, ending as <paramref name="staged"/>.</summary>
    private async Task UploadBySessionAsync(
        FileToStage file,
        bool overwrite,
        UploadStatus staged,
        UploadOutcome outcome,
        IProgress<UploadProgress>? progress,
        CancellationToken cancellationToken)
    {
        // Folders were ensured already (with this uploader's cache).
        var upload = await ResumableUpload.StartAsync(context, file, Options.Resume, folders: null, overwrite, cancellationToken).ConfigureAwait(false);
        try
        {
            await SendAndCommitAsync(upload, outcome, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultApiException lost) when (outcome.Status != UploadStatus.Committed && MaySignalLostSession(lost))
        {
            if (!await IsSessionGoneAsync(upload, cancellationToken).ConfigureAwait(false))
            {
                await AbandonRefusedAsync(upload, lost).ConfigureAwait(false);
                throw;
            }

            // Vault purged the session (72 h after it was created) while we were sending: its parts are gone, so start over once.
            context.Log.Warning($"{file.LocalPath}: the upload session for {file.StagingPath} no longer exists on the server (expired); sending the file again in a fresh session.");
            upload.Ended();
            upload = await ResumableUpload.StartAsync(context, file, resume: false, folders: null, overwrite, cancellationToken).ConfigureAwait(false);
            try
            {
                await SendAndCommitAsync(upload, outcome, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (VaultApiException again) when (outcome.Status != UploadStatus.Committed && MaySignalLostSession(again))
            {
                if (!await IsSessionGoneAsync(upload, cancellationToken).ConfigureAwait(false))
                {
                    await AbandonRefusedAsync(upload, again).ConfigureAwait(false);
                    throw;
                }

                upload.Ended();
                throw TransferErrors.UploadSessionLost(file.LocalPath, file.StagingPath);
            }
        }
        catch (VaultStagingException changed) when (changed.ErrorId is VaultErrorIds.LocalFileChanged or VaultErrorIds.LocalFileUnreadable)
        {
            await AbandonAsync(upload).ConfigureAwait(false);
            throw;
        }

        if (!Options.WaitForJob)
        {
            return;
        }

        upload.Report(progress, UploadStage.WaitingForJob, upload.Plan.PartCount);
        outcome.AfterCommit = async token =>
        {
            await new StagedFileCheck(context)
                .RunAsync(file, outcome.JobId, token)
                .ConfigureAwait(false);
            outcome.Status = staged;
            upload.Report(progress, UploadStage.Done, upload.Plan.PartCount);
        };
    }

    private async Task SendAndCommitAsync(ResumableUpload upload, UploadOutcome outcome, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        outcome.SessionId = upload.Session.Id;
        outcome.Parts = upload.Plan.PartCount;
        if (upload.IsResumed)
        {
            upload.Report(progress, UploadStage.Resuming, 0);
        }

        outcome.PartsSent += await upload.SendRemainingPartsAsync(progress, cancellationToken).ConfigureAwait(false);
        outcome.Md5 = upload.FileMd5;

        upload.Report(progress, UploadStage.Committing, upload.Plan.PartCount);
        try
        {
            outcome.JobId = await upload.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (VaultApiException refused) when (refused.AfterUncertainAttempt)
        {
            if (!await IsSessionGoneAsync(upload, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            // The first commit went through but its answer was lost: the session is gone because it was committed.
            // Its job id is unknown, so the staged file itself is checked once it appears.
            context.Log.Warning($"{upload.LocalPath}: the answer to the commit was lost and the repeat was refused, but the session is committed; checking the staged file instead of the job.");
            upload.Ended();
        }

        outcome.Status = UploadStatus.Committed;
    }

    /// <summary>True when a session call failed because the session no longer exists (purged, committed or aborted).</summary>
    private async Task<bool> IsSessionGoneAsync(ResumableUpload upload, CancellationToken cancellationToken)
    {
        try
        {
            await Connection.Staging.GetSessionAsync(upload.Session.Id, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (VaultApiException missing) when (missing.VaultErrorType == VaultErrorTypes.InvalidData)
        {
            return true;
        }
    }

    /// <summary>Vault answers INVALID_DATA for a session that no longer exists.</summary>
    private static bool MaySignalLostSession(VaultApiException failure)
        => failure.VaultErrorType == VaultErrorTypes.InvalidData || failure.AfterUncertainAttempt;

    /// <summary>
    /// Vault refused the session's content for good (a part number beyond its limit, a permanent INVALID_DATA): a
    /// later run cannot continue it either, so it must not count against the vault's cap of active sessions.
    /// An uncertain repeat is left alone: the session may simply have moved on.
    /// </summary>
    private Task AbandonRefusedAsync(ResumableUpload upload, VaultApiException refusal)
        => refusal.AfterUncertainAttempt ? Task.CompletedTask : AbandonAsync(upload);

    /// <summary>The local file changed or vanished: its session can never be committed, so it must not hold one of the vault's slots.</summary>
    private async Task AbandonAsync(ResumableUpload upload)
    {
        try
        {
            await upload.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            context.Log.Verbose($"{upload.LocalPath}: aborted its upload session for {upload.StagingPath}.");
        }
        catch (VaultStagingException)
        {
            // Best effort: the session expires after 72 h.
        }
    }

    private static void Report(IProgress<UploadProgress>? progress, FileToStage file, UploadStage stage, long done)
        => progress?.Report(new UploadProgress
        {
            LocalPath = file.LocalPath,
            StagingPath = file.StagingPath,
            Stage = stage,
            BytesTotal = file.Length,
            BytesDone = done,
        });
}
