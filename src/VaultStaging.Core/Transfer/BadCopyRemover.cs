using System;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Removes a staged file this run created but could not verify, and waits for the delete to finish: left in
/// place, a copy of the right size would pass for good in a later skip or update run.
/// </summary>
internal sealed class BadCopyRemover
{
    private readonly VaultConnection connection;
    private readonly UploadOptions options;
    private readonly IVaultLog log;

    public BadCopyRemover(VaultConnection connection, UploadOptions options, IVaultLog log)
    {
        this.connection = connection;
        this.options = options;
        this.log = log;
    }

    /// <summary>Returns the error to report: StagedCopyCorrupt once removed, or one that says the bad copy is still there.</summary>
    public async Task<VaultStagingException> RemoveAsync(string localPath, string stagingPath, string detail)
    {
        try
        {
            // Not cancellable: a bad copy must not stay behind because the user pressed Ctrl+C.
            var jobId = await connection.Staging.DeleteItemAsync(stagingPath, recursive: false, CancellationToken.None).ConfigureAwait(false);
            await connection.Staging.WaitForJobAsync(jobId, StagedFileCheck.PollIntervalFor(connection, options), options.JobTimeout, CancellationToken.None)
                .ConfigureAwait(false);
            log.Warning($"{localPath}: removed '{stagingPath}' from the staging server because it did not verify ({detail}).");
            return TransferErrors.StagedCopyCorrupt(localPath, stagingPath, detail);
        }
        catch (VaultStagingException failed)
        {
            return TransferErrors.StagedCopyNotRemoved(localPath, stagingPath, detail, failed);
        }
    }
}
