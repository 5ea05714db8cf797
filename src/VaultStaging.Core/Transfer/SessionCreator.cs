using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Creates a fresh upload session for a file: queued while the vault is at its session cap, and sure of the
/// server's state when an attempt was uncertain (a retried create may have made two sessions, or its repeat may be
/// refused although the first one went through): exactly one session of ours for the path is left active.
/// </summary>
internal sealed class SessionCreator
{
    private readonly VaultConnection connection;
    private readonly SessionSlots slots;
    private readonly IVaultLog log;

    public SessionCreator(VaultConnection connection, SessionSlots slots, IVaultLog log)
    {
        this.connection = connection;
        this.slots = slots;
        this.log = log;
    }

    public Task<UploadSessionInfo> CreateAsync(string localPath, string stagingPath, long size, bool overwrite, CancellationToken cancellationToken)
        => slots.CreateAsync(localPath, () => CreateOnceAsync(stagingPath, size, overwrite, cancellationToken), cancellationToken);

    private async Task<UploadSessionInfo> CreateOnceAsync(string stagingPath, long size, bool overwrite, CancellationToken cancellationToken)
    {
        try
        {
            var (session, retried) = await connection.Staging.CreateSessionReportingRetriesAsync(stagingPath, size, overwrite, cancellationToken).ConfigureAwait(false);
            if (retried)
            {
                await AbortDuplicatesAsync(stagingPath, size, keep: session.Id, cancellationToken).ConfigureAwait(false);
            }

            return session;
        }
        catch (VaultApiException refused) when (refused.AfterUncertainAttempt)
        {
            // The first attempt may have created the session: use it if it is there.
            var created = (await OurEmptySessionsAsync(stagingPath, size, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            if (created is null)
            {
                throw;
            }

            log.Verbose($"The repeated session create for {stagingPath} was refused ({refused.VaultErrorType}), but the first attempt had created it; using that session.");
            await AbortDuplicatesAsync(stagingPath, size, keep: created.Id, cancellationToken).ConfigureAwait(false);
            return created;
        }
    }

    private async Task AbortDuplicatesAsync(string stagingPath, long size, string keep, CancellationToken cancellationToken)
    {
        foreach (var duplicate in (await OurEmptySessionsAsync(stagingPath, size, cancellationToken).ConfigureAwait(false)).Where(s => s.Id != keep))
        {
            try
            {
                await connection.Staging.AbortSessionAsync(duplicate.Id, cancellationToken).ConfigureAwait(false);
                log.Verbose($"Aborted a duplicate upload session for {stagingPath} left by a retried create.");
            }
            catch (VaultStagingException)
            {
                // Best effort: it holds no data and expires after 72 h.
            }
        }
    }

    private async Task<List<UploadSessionInfo>> OurEmptySessionsAsync(string stagingPath, long size, CancellationToken cancellationToken)
    {
        var me = connection.Identity?.UserId;
        var sessions = await connection.Staging.ListSessionsAsync(cancellationToken).ConfigureAwait(false);
        return sessions
            .Where(s => s.Owner == me && s.Size == size && s.UploadedParts == 0 && SessionMatcher.IsFor(s, stagingPath))
            .OrderBy(s => s.CreatedDate)
            .ToList();
    }
}
