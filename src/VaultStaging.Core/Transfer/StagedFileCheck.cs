using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>After commit: waits for the job that assembles the file, then checks the staged file has the local size.</summary>
internal sealed class StagedFileCheck
{
    private readonly FileStagingClient staging;
    private readonly UploadOptions options;

    public StagedFileCheck(FileStagingClient staging, UploadOptions options)
    {
        this.staging = staging;
        this.options = options;
    }

    public async Task RunAsync(string localPath, string stagingPath, long localSize, long jobId, CancellationToken cancellationToken)
    {
        // Throws JobFailed / JobTimeout when the job does not succeed.
        await staging.WaitForJobAsync(jobId, options.JobPollInterval, options.JobTimeout, cancellationToken).ConfigureAwait(false);
        var item = await staging.GetItemAsync(stagingPath, cancellationToken).ConfigureAwait(false);
        if (item?.Size != localSize)
        {
            throw TransferErrors.StagedSizeMismatch(localPath, stagingPath, localSize, item?.Size);
        }
    }
}
