using System.Collections.Generic;
using System.Threading;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// What every upload of one uploader (a batch) shares: the connection, the options, the resume journal, the session
/// slots, the link estimate, the listing of what is staged and the folders created.
/// </summary>
internal sealed class UploadContext
{
    public UploadContext(VaultConnection connection, UploadOptions options)
    {
        Connection = connection;
        Options = options;
        Log = connection.Log;
        Journal = new ResumeJournal(options.ResumeJournalFolder ?? ResumeJournal.DefaultFolder(), Log);
        Slots = new SessionSlots(options, Log, connection.Time);
        Sessions = new SessionCreator(connection, Slots, Log);
        Staged = new StagedFolderIndex(connection.Staging);
        Folders = new FolderCreator(connection.Staging, Staged);
        BadCopies = new BadCopyRemover(connection, options, Log);
        SessionTransfers = new SemaphoreSlim(options.MaxParallelSessions ?? int.MaxValue);
        Link = new LinkEstimate(() => connection.RoundTrip);
        ActiveSessions = new OnceAsync<IReadOnlyList<UploadSessionInfo>>(connection.Staging.ListSessionsAsync);
        Sending = new ConnectionDemand(connection);
    }

    /// <summary>The files on their way to the wire, each with a connection opened ahead.</summary>
    public ConnectionDemand Sending { get; }

    /// <summary>
    /// The vault's active upload sessions as the batch started, listed once: what a file may resume. Sessions this
    /// batch creates are not in it, and need not be (each staging path has one file per batch).
    /// </summary>
    public OnceAsync<IReadOnlyList<UploadSessionInfo>> ActiveSessions { get; }

    /// <summary>Turns to send a resumable upload's parts (<see cref="UploadOptions.MaxParallelSessions"/>).</summary>
    public SemaphoreSlim SessionTransfers { get; }

    public VaultConnection Connection { get; }

    public UploadOptions Options { get; }

    /// <summary>The connection's redacting log, which every step of an upload writes to.</summary>
    public IVaultLog Log { get; }

    public ResumeJournal Journal { get; }

    public SessionSlots Slots { get; }

    public SessionCreator Sessions { get; }

    /// <summary>The round trip and rate seen so far, which size each new session's parts.</summary>
    public LinkEstimate Link { get; }

    /// <summary>What is already staged, one listing per destination folder.</summary>
    public StagedFolderIndex Staged { get; }

    /// <summary>Removes a staged copy this batch made that did not verify.</summary>
    public BadCopyRemover BadCopies { get; }

    /// <summary>Creates each missing folder once for the whole batch.</summary>
    public FolderCreator Folders { get; }
}
