using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Creates missing staging folders once: parallel files of one folder share a single create, and every folder
/// ensured (with its ancestors) is remembered, so a batch creates each folder with its first file only.
/// </summary>
internal sealed class FolderCreator
{
    private readonly FileStagingClient staging;
    private readonly ConcurrentDictionary<string, byte> known = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task>> creating = new(StringComparer.OrdinalIgnoreCase);

    public FolderCreator(FileStagingClient staging) => this.staging = staging;

    public async Task EnsureAsync(string folder, CancellationToken cancellationToken)
    {
        if (folder == StagingPath.Root || known.ContainsKey(folder))
        {
            return;
        }

        var lazy = creating.GetOrAdd(folder, f => new Lazy<Task>(() => staging.EnsureFolderAsync(f, cancellationToken)));
        try
        {
            await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed create is not remembered: the next file of the folder tries again.
            creating.TryRemove(folder, out _);
            throw;
        }

        for (var path = folder; path != StagingPath.Root; path = StagingPath.GetParent(path))
        {
            known.TryAdd(path, 0);
        }
    }
}
