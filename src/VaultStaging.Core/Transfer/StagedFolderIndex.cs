using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// What is already staged, learnt by listing each destination folder once per batch (paginated), instead of one
/// request per file: a no-op rerun of thousands of files costs one listing per folder. Names are matched without
/// regard to case, the cautious reading (the emulator, like Windows, treats such names as one item).
/// </summary>
internal sealed class StagedFolderIndex
{
    private readonly FileStagingClient staging;
    private readonly ConcurrentDictionary<string, Lazy<Task<FolderListing>>> listings = new(StringComparer.OrdinalIgnoreCase);

    public StagedFolderIndex(FileStagingClient staging) => this.staging = staging;

    /// <summary>The item staged at <paramref name="stagingPath"/> (normalized), or null; lists its folder on first use.</summary>
    public async Task<StagingItem?> FindAsync(string stagingPath, CancellationToken cancellationToken)
    {
        var listing = await ListingOfAsync(StagingPath.GetParent(stagingPath), cancellationToken).ConfigureAwait(false);
        return listing.Items.TryGetValue(StagingPath.GetName(stagingPath), out var item) ? item : null;
    }

    /// <summary>True when a file is staged at <paramref name="path"/> (so no folder can be created there).</summary>
    public async Task<bool> IsFileAsync(string path, CancellationToken cancellationToken)
        => path != StagingPath.Root && (await FindAsync(path, cancellationToken).ConfigureAwait(false))?.Kind == StagingItemKind.File;

    /// <summary>True once a listing showed the folder exists (so nothing needs creating for it).</summary>
    public async Task<bool> FolderExistsAsync(string folder, CancellationToken cancellationToken)
        => (await ListingOfAsync(folder, cancellationToken).ConfigureAwait(false)).Exists;

    private Task<FolderListing> ListingOfAsync(string folder, CancellationToken cancellationToken)
    {
        var lazy = listings.GetOrAdd(folder, f => new Lazy<Task<FolderListing>>(() => ListAsync(f, cancellationToken)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed listing is not remembered: the next file of the folder asks again.
            ((ICollection<KeyValuePair<string, Lazy<Task<FolderListing>>>>)listings).Remove(new KeyValuePair<string, Lazy<Task<FolderListing>>>(folder, lazy));
        }

        return task;
    }

    private async Task<FolderListing> ListAsync(string folder, CancellationToken cancellationToken)
    {
        IReadOnlyList<StagingItem> items;
        try
        {
            items = await staging.ListItemsAsync(folder, recursive: false, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultApiException missing) when (folder != StagingPath.Root && missing.VaultErrorType is VaultErrorTypes.InvalidData or VaultErrorTypes.MalformedUrl)
        {
            return FolderListing.Missing;
        }

        var byName = new Dictionary<string, StagingItem>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            // Listing a file path answers with that file: the "folder" is a file, so nothing can be below it.
            if (item.Kind == StagingItemKind.File && string.Equals(item.Path.TrimEnd('/'), folder, StringComparison.OrdinalIgnoreCase))
            {
                return FolderListing.Missing;
            }

            byName[item.Name.Length > 0 ? item.Name : LastSegment(item.Path)] = item;
        }

        return new FolderListing(true, byName);
    }

    /// <summary>The name from a path as the server wrote it (not validated: the server may allow names we would not send).</summary>
    private static string LastSegment(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Substring(trimmed.LastIndexOf('/') + 1);
    }

    private sealed class FolderListing
    {
        public static readonly FolderListing Missing = new(false, new Dictionary<string, StagingItem>());

        public FolderListing(bool exists, Dictionary<string, StagingItem> items)
        {
            Exists = exists;
            Items = items;
        }

        public bool Exists { get; }

        public IReadOnlyDictionary<string, StagingItem> Items { get; }
    }
}
