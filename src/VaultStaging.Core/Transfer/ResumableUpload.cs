using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// One resumable session bound to its local file and part plan: the step-wise building block under
/// <see cref="FileUploader"/> and the object New-VaultUploadSession hands down the pipeline.
/// </summary>
public sealed class ResumableUpload
{
    private readonly object gate = new();
    private readonly UploadContext context;
    private readonly VaultConnection connection;
    private readonly FileToStage file;
    private const long ProgressStep = 4 * PartLimits.MiB;

    private readonly FileDigest? digest;

    /// <summary>The first part the server may lack; null until known (an adopted session not yet verified).</summary>
    private int? nextPart;

    private ResumableUpload(UploadContext context, FileToStage file, UploadSessionInfo session, PartPlan plan, int? nextPart, bool resumed)
    {
        this.context = context;
        connection = context.Connection;
        this.file = file;
        this.nextPart = nextPart;
        digest = context.Options.ComputeFileMd5 ? new FileDigest(plan.FileSize) : null;
        Session = session;
        Plan = plan;
        IsResumed = resumed;
    }

    public string LocalPath => file.LocalPath;

    public string StagingPath => file.StagingPath;

    public UploadSessionInfo Session { get; }

    public PartPlan Plan { get; }

    /// <summary>True when the session was found active (from an earlier run) rather than created.</summary>
    public bool IsResumed { get; }

    /// <summary>
    /// Lower-case hex MD5 of the whole local file, once every part was read in order (verified or sent); only with
    /// <see cref="UploadOptions.ComputeFileMd5"/>, since it costs a second hash of every byte.
    /// </summary>
    public string? FileMd5 => digest?.Hex;

    /// <summary>Creates a session sized to the local file (or, with <paramref name="resume"/>, adopts a matching active one).</summary>
    /// <remarks>With <see cref="UploadOptions.CreateFolders"/>, a missing parent folder is created first.</remarks>
    public static async Task<ResumableUpload> StartAsync(VaultConnection connection, UploadRequest request, UploadOptions options, bool resume, CancellationToken cancellationToken = default)
    {
        if (connection is null || request is null || options is null)
        {
            throw new ArgumentNullException(connection is null ? nameof(connection) : request is null ? nameof(request) : nameof(options));
        }

        var context = new UploadContext(connection, options);
        var file = FileToStage.Prepare(request, options.ResolveLimits(connection));
        var folders = options.CreateFolders ? context.Folders : null;
        return await StartAsync(context, file, resume, folders, options.IfExists == ExistingFileAction.Overwrite, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As the public overload, with the batch's shared state; <c>folders</c> creates the parent folder before a new
    /// session (null when the caller already did). An active session is adopted only when the local file provably is
    /// the one it was started for (journal: size and last-write time; server: every held part's size and MD5);
    /// otherwise it is aborted and a fresh session created, so bytes of two versions never meet.
    /// <paramref name="overwrite"/>: the session may replace a staged file of the same path.
    /// </summary>
    internal static async Task<ResumableUpload> StartAsync(
        UploadContext context, FileToStage file, bool resume, FolderCreator? folders, bool overwrite, CancellationToken cancellationToken)
    {
        var plan = PartPlan.Create(file.Length, file.Limits, context.Options.PartSize ?? context.Link.PartSizeFor(file.Limits));

        if (resume)
        {
            var adopted = await AdoptActiveSessionAsync(context, file, plan, cancellationToken).ConfigureAwait(false);
            if (adopted is { } found)
            {
                var upload = new ResumableUpload(context, file, found.Session, found.Plan, nextPart: null, resumed: true);
                if (await upload.VerifyHeldPartsAsync(cancellationToken).ConfigureAwait(false))
                {
                    return upload;
                }
            }
        }

        if (folders is not null)
        {
            await folders.EnsureAsync(Staging.StagingPath.GetParent(file.StagingPath), cancellationToken).ConfigureAwait(false);
        }

        var session = await context.Sessions.CreateAsync(file.LocalPath, file.StagingPath, file.Length, overwrite, cancellationToken).ConfigureAwait(false);
        context.Journal.Write(context.Connection.Server, file.StagingPath, session.Id, file.Local);
        return new ResumableUpload(context, file, session, plan, nextPart: 1, resumed: false);
    }

    /// <summary>Binds to an existing session by id (the local file must match its size).</summary>
    public static async Task<ResumableUpload> AttachAsync(VaultConnection connection, string sessionId, string localPath, UploadOptions options, CancellationToken cancellationToken = default)
    {
        if (connection is null || options is null || string.IsNullOrEmpty(sessionId))
        {
            throw new ArgumentNullException(connection is null ? nameof(connection) : options is null ? nameof(options) : nameof(sessionId));
        }

        var local = LocalFileSnapshot.Take(localPath);
        var session = await connection.Staging.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session.Size != local.Length)
        {
            throw TransferErrors.SessionSizeMismatch(localPath, local.Length, session.Size);
        }

        var file = new FileToStage(local, SessionMatcher.PathOf(session) ?? session.Path, options.ResolveLimits(connection));
        var parts = await connection.Staging.ListPartsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var plan = SessionMatcher.PlanFor(PartPlan.Create(file.Length, file.Limits, options.PartSize), parts, file.Limits)
            ?? throw TransferErrors.SessionIncompatible(localPath, session.Path);
        return new ResumableUpload(new UploadContext(connection, options), file, session, plan, nextPart: null, resumed: true);
    }

    /// <summary>
    /// Lists the server's parts and verifies each against the local bytes; returns the first part number
    /// to send (PartCount + 1 when complete).
    /// </summary>
    public async Task<int> FindResumePointAsync(CancellationToken cancellationToken = default)
    {
        var parts = await connection.Staging.ListPartsAsync(Session.Id, cancellationToken).ConfigureAwait(false);
        if (parts.Any(p => p.PartNumber < 1 || p.PartNumber > Plan.PartCount))
        {
            throw TransferErrors.SessionIncompatible(LocalPath, StagingPath);
        }

        var resumePoint = (await CompareHeldPartsAsync(parts, cancellationToken).ConfigureAwait(false)).Next;
        context.Log.Verbose(
            $"{LocalPath}: the session for {StagingPath} holds {resumePoint - 1} verified part(s) of {Plan.PartCount}; continuing at part {resumePoint}.");
        lock (gate)
        {
            nextPart = resumePoint;
        }

        return resumePoint;
    }

    /// <summary>Streams one part from the local file, hashing it on the way; verifies the server's answer.</summary>
    public async Task<UploadedPart> SendPartAsync(int partNumber, CancellationToken cancellationToken = default)
    {
        if (partNumber < 1 || partNumber > Plan.PartCount)
        {
            throw new ArgumentOutOfRangeException(nameof(partNumber), partNumber, $"Parts are numbered 1 to {Plan.PartCount}.");
        }

        using var source = OpenSource();
        return await SendAsync(source, partNumber, written: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends every part from the resume point on, in order (each must be stored before the next may go); returns the number sent.</summary>
    public async Task<int> SendRemainingPartsAsync(IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var first = nextPart ?? await FindResumePointAsync(cancellationToken).ConfigureAwait(false);
        Report(progress, UploadStage.Uploading, first - 1);
        using var source = OpenSource();
        for (var partNumber = first; partNumber <= Plan.PartCount; partNumber++)
        {
            await SendAsync(source, partNumber, WhileSending(progress, partNumber), cancellationToken).ConfigureAwait(false);
            Report(progress, UploadStage.Uploading, partNumber);
        }

        return Math.Max(0, Plan.PartCount - first + 1);
    }

    /// <summary>Commits; returns the job id.</summary>
    public async Task<long> CommitAsync(CancellationToken cancellationToken = default)
    {
        var next = nextPart ?? await FindResumePointAsync(cancellationToken).ConfigureAwait(false);
        if (next <= Plan.PartCount)
        {
            throw TransferErrors.SessionIncomplete(LocalPath, next, Plan.PartCount);
        }

        file.Local.EnsureUnchanged();
        var jobId = await connection.Staging.CommitSessionAsync(Session.Id, cancellationToken).ConfigureAwait(false);
        Ended();
        return jobId;
    }

    public async Task AbortAsync(CancellationToken cancellationToken = default)
    {
        await connection.Staging.AbortSessionAsync(Session.Id, cancellationToken).ConfigureAwait(false);
        Ended();
    }

    /// <summary>The session is no longer active (committed, aborted or gone): forget its journal entry, free its slot.</summary>
    internal void Ended()
    {
        context.Journal.Delete(connection.Server, StagingPath, Session.Id);
        context.Slots.Release();
    }

    /// <summary>Throws LocalFileChanged (or LocalFileNotFound) when the file moved since the upload started.</summary>
    internal void EnsureFileUnchanged() => file.Local.EnsureUnchanged();

    public override string ToString() => $"{LocalPath} -> {StagingPath} ({Plan.PartCount} parts)";

    internal void Report(IProgress<UploadProgress>? progress, UploadStage stage, int partsDone, long bytesOfNextPart = 0)
        => progress?.Report(new UploadProgress
        {
            LocalPath = LocalPath,
            StagingPath = StagingPath,
            Stage = stage,
            BytesTotal = Plan.FileSize,
            BytesDone = Plan.EndOf(partsDone) + bytesOfNextPart,
            PartsTotal = Plan.PartCount,
            PartsDone = partsDone,
        });

    private static async Task<(UploadSessionInfo Session, PartPlan Plan)?> AdoptActiveSessionAsync(
        UploadContext context, FileToStage file, PartPlan plan, CancellationToken cancellationToken)
    {
        var connection = context.Connection;
        var staging = connection.Staging;
        var stagingPath = file.StagingPath;
        var sessions = await context.ActiveSessions.GetAsync(cancellationToken).ConfigureAwait(false);
        var candidates = sessions
            .Where(s => SessionMatcher.IsFor(s, stagingPath))
            .OrderByDescending(s => s.LastUploadedDate ?? s.CreatedDate ?? DateTimeOffset.MinValue)
            .ToList();
        var stale = new List<UploadSessionInfo>();
        (UploadSessionInfo, PartPlan)? adopted = null;
        foreach (var candidate in candidates)
        {
            var journaled = context.Journal.Read(connection.Server, stagingPath, candidate.Id);
            if (journaled is not null && !journaled.Matches(file.Local))
            {
                context.Log.Warning($"{file.LocalPath} changed since its upload session for {stagingPath} was started (size or last-write time); starting a fresh session.");
            }
            else if (adopted is null && candidate.Size == plan.FileSize)
            {
                var parts = await staging.ListPartsAsync(candidate.Id, cancellationToken).ConfigureAwait(false);
                if (SessionMatcher.PlanFor(plan, parts, file.Limits) is { } candidatePlan)
                {
                    adopted = (candidate, candidatePlan);
                    continue;
                }
            }

            stale.Add(candidate);
        }

        await AbortStaleSessionsAsync(context, stagingPath, stale, cancellationToken).ConfigureAwait(false);
        return adopted;
    }

    /// <summary>
    /// Our own earlier sessions for this path that cannot be continued (the file changed size): they would only hold
    /// one of the vault's 50 session slots until they expire. Other users' sessions are left alone.
    /// </summary>
    private static async Task AbortStaleSessionsAsync(UploadContext context, string stagingPath, List<UploadSessionInfo> stale, CancellationToken cancellationToken)
    {
        var connection = context.Connection;
        var me = connection.Identity?.UserId;
        foreach (var session in stale.Where(s => me is not null && s.Owner == me))
        {
            try
            {
                await connection.Staging.AbortSessionAsync(session.Id, cancellationToken).ConfigureAwait(false);
                context.Journal.Delete(connection.Server, stagingPath, session.Id);
                context.Log.Verbose($"Aborted an earlier upload session for {session.Path} ({session.Size:N0} bytes): it cannot be continued with the local file.");
            }
            catch (VaultStagingException)
            {
                // Best effort: an unabortable stale session expires by itself after 72 h.
            }
        }
    }

    /// <summary>
    /// Reports a part's progress while it goes, every <see cref="ProgressStep"/> bytes: a 50 MB part takes seconds on a
    /// slow link. A re-sent part counts from zero again; progress only ever moves forward.
    /// </summary>
    private Action<long>? WhileSending(IProgress<UploadProgress>? progress, int partNumber)
    {
        if (progress is null)
        {
            return null;
        }

        long next = ProgressStep;
        return written =>
        {
            if (written >= next)
            {
                next = written + ProgressStep;
                Report(progress, UploadStage.Uploading, partNumber - 1, written);
            }
        };
    }

    private async Task<UploadedPart> SendAsync(PartSource source, int partNumber, Action<long>? written, CancellationToken cancellationToken)
    {
        var sender = new PartSender(connection.Staging, context.Log, context.Link, connection.Time, Session.Id, LocalPath, Plan.PartCount, context.Options.MaxPartAttempts);
        var uploaded = await sender.SendAsync(source, partNumber, written, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            if (nextPart == partNumber)
            {
                nextPart = partNumber + 1;
            }
        }

        return uploaded;
    }

    /// <summary>
    /// Checks every part the adopted session holds against the local bytes and sets the resume point. False (after
    /// aborting the session) when a held part differs: the file was rewritten, so its old parts must not be kept.
    /// Records the file in the journal when the check passed and no entry existed (a session from another machine or a lost journal).
    /// </summary>
    private async Task<bool> VerifyHeldPartsAsync(CancellationToken cancellationToken)
    {
        var parts = await connection.Staging.ListPartsAsync(Session.Id, cancellationToken).ConfigureAwait(false);
        var point = await CompareHeldPartsAsync(parts, cancellationToken).ConfigureAwait(false);
        if (point.Mismatch)
        {
            context.Log.Warning($"{LocalPath}: part {point.Next} held by the upload session for {StagingPath} differs from the local file, which must have changed; aborting that session and starting a fresh one.");
            try
            {
                await AbortAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (VaultStagingException)
            {
                // Best effort: a session that cannot be aborted expires after 72 h; the fresh one does not depend on it.
            }

            return false;
        }

        if (context.Journal.Read(connection.Server, StagingPath, Session.Id) is null)
        {
            context.Journal.Write(connection.Server, StagingPath, Session.Id, file.Local);
        }

        context.Log.Verbose(
            $"{LocalPath}: the session for {StagingPath} holds {point.Next - 1} verified part(s) of {Plan.PartCount}; continuing at part {point.Next}.");
        lock (gate)
        {
            nextPart = point.Next;
        }

        return true;
    }

    /// <summary>Reads the local file from part 1, so the whole-file digest starts over with it.</summary>
    private async Task<ResumePoint> CompareHeldPartsAsync(IReadOnlyList<UploadedPart> parts, CancellationToken cancellationToken)
    {
        digest?.Reset();
        using var source = OpenSource();
        return await ResumePointFinder.FindAsync(parts, source, Plan, cancellationToken).ConfigureAwait(false);
    }

    private PartSource OpenSource() => PartSource.Open(file.Local, Plan, digest);
}
