using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Creates missing staging folders once: remembers every folder it ensured (and their ancestors), so a batch of
/// files in one folder creates it with the first file only.
/// </summary>
internal sealed class FolderCreator
{
    private readonly FileStagingClient staging;
    private readonly ConcurrentDictionary<string, byte> known = new(StringComparer.Ordinal);

    public FolderCreator(FileStagingClient staging) => this.staging = staging;

    public async Task EnsureAsync(string folder, CancellationToken cancellationToken)
    {
        if (folder == StagingPath.Root || known.ContainsKey(folder))
        {
            return;
        }

        await staging.EnsureFolderAsync(folder, cancellationToken).ConfigureAwait(false);
        for (var path = folder; path != StagingPath.Root; path = StagingPath.GetParent(path))
        {
            known.TryAdd(path, 0);
        }
    }
}
