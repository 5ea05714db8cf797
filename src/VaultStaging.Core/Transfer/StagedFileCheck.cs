using System;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Connection;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>After commit: waits for the job that assembles the file, then checks the staged file has the local size.</summary>
internal sealed class StagedFileCheck
{
    private readonly FileStagingClient staging;
    private readonly UploadOptions options;
    private readonly BadCopyRemover remover;
    private readonly TimeSpan pollInterval;
    private readonly TimeProvider time;

    public StagedFileCheck(UploadContext context)
    {
        staging = context.Connection.Staging;
        options = context.Options;
        remover = context.BadCopies;
        pollInterval = PollIntervalFor(context.Connection, options);
        time = context.Connection.Time;
    }

    /// <summary>Shorter intervals are for the emulator on loopback only; a real vault would refuse the extra reads.</summary>
    public static TimeSpan PollIntervalFor(VaultConnection connection, UploadOptions options)
        => VaultServer.IsLoopback(connection.Server) || options.JobPollInterval >= VaultRules.JobPollFloor
            ? options.JobPollInterval
            : VaultRules.JobPollFloor;

    /// <summary><paramref name="jobId"/> null: the commit's answer was lost, so the staged file is awaited instead of its job.</summary>
    public async Task RunAsync(FileToStage file, long? jobId, CancellationToken cancellationToken)
    {
        if (jobId is { } id)
        {
            // Throws JobFailed / JobTimeout when the job does not succeed.
            await staging.Jobs.WaitAsync(id, pollInterval, options.JobTimeout, cancellationToken).ConfigureAwait(false);
            await CheckSizeAsync(file, cancellationToken).ConfigureAwait(false);
            return;
        }

        var deadline = time.GetUtcNow() + options.JobTimeout;
        while (true)
        {
            await time.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
            var item = await staging.GetItemAsync(file.StagingPath, cancellationToken).ConfigureAwait(false);
            if (item?.Size == file.Length || time.GetUtcNow() >= deadline)
            {
                await CheckSizeAsync(file, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task CheckSizeAsync(FileToStage file, CancellationToken cancellationToken)
    {
        var item = await staging.GetItemAsync(file.StagingPath, cancellationToken).ConfigureAwait(false);
        if (item?.Size is { } size && size != file.Length)
        {
            throw await remover.RemoveAsync(file.LocalPath, file.StagingPath, $"{size:N0} bytes staged instead of {file.Length:N0}").ConfigureAwait(false);
        }

        if (item?.Size != file.Length)
        {
            throw TransferErrors.StagedSizeMismatch(file.LocalPath, file.StagingPath, file.Length, item?.Size);
        }
    }
}
