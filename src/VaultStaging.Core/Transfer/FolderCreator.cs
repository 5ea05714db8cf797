using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Creates missing staging folders once per batch: each folder is looked up (its listing, which the files in it need
/// anyway) and, when missing, created after its parent, by one caller while parallel files of the same tree wait
/// for it. A folder is never created twice by one batch.
/// </summary>
internal sealed class FolderCreator
{
    private readonly FileStagingClient staging;
    private readonly StagedFolderIndex index;
    private readonly ConcurrentDictionary<string, Lazy<Task>> ensured = new(StringComparer.OrdinalIgnoreCase);

    public FolderCreator(FileStagingClient staging, StagedFolderIndex index)
    {
        this.staging = staging;
        this.index = index;
    }

    public async Task EnsureAsync(string folder, CancellationToken cancellationToken)
    {
        if (folder == StagingPath.Root)
        {
            return;
        }

        var lazy = ensured.GetOrAdd(folder, f => new Lazy<Task>(() => CreateIfMissingAsync(f, cancellationToken)));
        try
        {
            await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed create is not remembered: the next file of the folder tries again.
            ensured.TryRemove(folder, out _);
            throw;
        }
    }

    private async Task CreateIfMissingAsync(string folder, CancellationToken cancellationToken)
    {
        if (await index.FolderExistsAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await EnsureAsync(StagingPath.GetParent(folder), cancellationToken).ConfigureAwait(false);
        if (await index.IsFileAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            throw new VaultStagingException(VaultErrorIds.StagingPathIsFile, VaultErrorCategory.InvalidArgument, $"Cannot create folder {folder}: it is a file.")
            {
                Target = folder,
            };
        }

        try
        {
            await staging.CreateFolderAsync(folder, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultApiException exists) when (exists.VaultErrorType == VaultErrorTypes.ItemNameExists)
        {
            // Created meanwhile by another client: fine.
        }
    }
}
