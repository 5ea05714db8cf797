using System;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Http;
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
        var stagingPath = NormalizeStagingPath(request);
        var file = LocalFileSnapshot.Take(request.LocalPath);
        EnsureAddressable(request.LocalPath, stagingPath);
        outcome.StagingPath = stagingPath;
        outcome.Size = file.Length;
        Report(progress, request, stagingPath, UploadStage.Preparing, file.Length, 0);

        var limits = Options.ResolveLimits(Connection);
        var bySession = file.Length > Options.SmallFileLimit(limits);
        if (bySession && Options.Resume && !Options.DryRun)
        {
            // Independent of the folder listing: both go out at once (the session list is awaited when resuming).
            _ = context.ActiveSessions.GetAsync(cancellationToken);
        }

        var existing = await context.Staged.FindAsync(stagingPath, cancellationToken).ConfigureAwait(false);
        var replace = existing is not null;
        if (existing is not null && !ShouldReplace(file, stagingPath, existing))
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

        var parent = StagingPath.GetParent(stagingPath);
        if (!replace && Options.CreateFolders)
        {
            await context.Folders.EnsureAsync(parent, cancellationToken).ConfigureAwait(false);
        }

        var overwrite = replace || Options.IfExists == ExistingFileAction.Overwrite;
        if (!bySession)
        {
            await new SmallFileUpload(Connection.Staging, context.BadCopies).SendAsync(file, stagingPath, overwrite, outcome, cancellationToken).ConfigureAwait(false);
            outcome.Status = staged;
            Report(progress, request, stagingPath, UploadStage.Done, file.Length, file.Length);
            return;
        }

        await context.SessionTransfers.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await UploadBySessionAsync(request, stagingPath, overwrite, staged, outcome, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            context.SessionTransfers.Release();
        }
    }

    /// <summary>
    /// Whether the staged copy at <paramref name="stagingPath"/> is to be replaced (false: skipped);
    /// throws when the options say the file fails.
    /// </summary>
    private bool ShouldReplace(LocalFileSnapshot file, string stagingPath, StagingItem existing)
    {
        if (existing.Kind == StagingItemKind.Folder)
        {
            throw TransferErrors.StagingPathIsFolder(file.Path, stagingPath);
        }

        var identical = StagedCopy.IsIdentical(file.Length, file.LastWriteTimeUtc, existing);
        return Options.IfExists switch
        {
            ExistingFileAction.Overwrite => true,
            ExistingFileAction.Update => !identical,
            ExistingFileAction.Skip when identical => false,
            ExistingFileAction.Skip => throw TransferErrors.StagedCopyDiffers(file.Path, stagingPath, file.Length, file.LastWriteTimeUtc, existing),
            _ => throw TransferErrors.StagingItemExists(file.Path, stagingPath),
        };
    }

    /// <summary>A name Vault would refuse fails this file alone, naming it.</summary>
    private static string NormalizeStagingPath(UploadRequest request)
    {
        try
        {
            return StagingPath.Normalize(request.StagingPath);
        }
        catch (VaultStagingException invalid)
        {
            throw TransferErrors.NameRefused(request.LocalPath, invalid);
        }
    }

    /// <summary>
    /// A non-admin's "/" is their own home, so an admin-style path (/u1000/…) would silently create a folder "u1000"
    /// inside it: refuse it, saying which path to use instead.
    /// </summary>
    private void EnsureAddressable(string localPath, string stagingPath)
    {
        if (Connection.Identity is { IsAdmin: false } identity && AdminHomePattern.IsMatch(stagingPath))
        {
            throw TransferErrors.AdminPathForNonAdmin(localPath, stagingPath, identity.UserName);
        }
    }

    /// <summary>Sends and commits; the job wait is left to <see cref="UploadOutcome.AfterCommit"/>, ending as <paramref name="staged"/>.</summary>
    private async Task UploadBySessionAsync(
        UploadRequest request,
        string stagingPath,
        bool overwrite,
        UploadStatus staged,
        UploadOutcome outcome,
        IProgress<UploadProgress>? progress,
        CancellationToken cancellationToken)
    {
        // Folders were ensured already (with this uploader's cache).
        var target = request with { StagingPath = stagingPath };
        var upload = await ResumableUpload.StartAsync(context, target, Options.Resume, folders: null, overwrite, cancellationToken).ConfigureAwait(false);
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
            Connection.Pipeline.Log.Warning($"{request.LocalPath}: the upload session for {stagingPath} no longer exists on the server (expired); sending the file again in a fresh session.");
            upload.Ended();
            upload = await ResumableUpload.StartAsync(context, target, resume: false, folders: null, overwrite, cancellationToken).ConfigureAwait(false);
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
                throw TransferErrors.UploadSessionLost(request.LocalPath, stagingPath);
            }
        }
        catch (VaultStagingException changed) when (changed.ErrorId is TransferErrors.LocalFileChangedId or TransferErrors.LocalFileUnreadableId)
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
                .RunAsync(request.LocalPath, stagingPath, upload.Plan.FileSize, outcome.JobId, token)
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
            Connection.Pipeline.Log.Warning($"{upload.LocalPath}: the answer to the commit was lost and the repeat was refused, but the session is committed; checking the staged file instead of the job.");
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
            Connection.Pipeline.Log.Verbose($"{upload.LocalPath}: aborted its upload session for {upload.StagingPath}.");
        }
        catch (VaultStagingException)
        {
            // Best effort: the session expires after 72 h.
        }
    }

    private static void Report(IProgress<UploadProgress>? progress, UploadRequest request, string stagingPath, UploadStage stage, long total, long done)
        => progress?.Report(new UploadProgress
        {
            LocalPath = request.LocalPath,
            StagingPath = stagingPath,
            Stage = stage,
            BytesTotal = total,
            BytesDone = done,
        });
}
