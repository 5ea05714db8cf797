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

    /// <summary>What is at <paramref name="folder"/>: a folder, a file, or nothing; from its listing, which its files need anyway.</summary>
    public async Task<StagedKind> KindOfAsync(string folder, CancellationToken cancellationToken)
        => (await ListingOfAsync(folder, cancellationToken).ConfigureAwait(false)).Kind;

    /// <summary>What a listing already taken says is at <paramref name="folder"/>, without a request; null when none says.</summary>
    public StagedKind? KnownKindOf(string folder)
        => folder == StagingPath.Root ? StagedKind.Folder : (Completed(folder) ?? InferredFromParent(folder))?.Kind;

    /// <summary>Lists <paramref name="folder"/> itself again, whatever an earlier listing or its parent's said; returns what it is.</summary>
    public async Task<StagedKind> RelistAsync(string folder, CancellationToken cancellationToken)
    {
        var fresh = new Lazy<Task<FolderListing>>(() => ListAsync(folder, cancellationToken));
        listings[folder] = fresh;
        return (await fresh.Value.ConfigureAwait(false)).Kind;
    }

    /// <summary>Records a folder this batch created: empty, so neither it nor anything below it needs listing.</summary>
    public void Created(string folder)
    {
        var empty = new Lazy<Task<FolderListing>>(() => Task.FromResult(FolderListing.Empty));
        _ = empty.Value;
        listings[folder] = empty;
    }

    private Task<FolderListing> ListingOfAsync(string folder, CancellationToken cancellationToken)
    {
        var lazy = listings.GetOrAdd(folder, f => new Lazy<Task<FolderListing>>(
            () => InferredFromParent(f) is { } known ? Task.FromResult(known) : ListAsync(f, cancellationToken)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed listing is not remembered: the next file of the folder asks again.
            ((ICollection<KeyValuePair<string, Lazy<Task<FolderListing>>>>)listings).Remove(new KeyValuePair<string, Lazy<Task<FolderListing>>>(folder, lazy));
        }

        return task;
    }

    private FolderListing? Completed(string folder)
        => listings.TryGetValue(folder, out var lazy) && lazy.IsValueCreated && lazy.Value.Status == TaskStatus.RanToCompletion ? lazy.Value.Result : null;

    /// <summary>
    /// A name missing from its parent's listing, or below a missing or just-created folder, is missing: no request.
    /// A file in the parent's listing is a file. A folder there needs its own listing for what is in it.
    /// </summary>
    private FolderListing? InferredFromParent(string folder)
    {
        if (folder == StagingPath.Root || Completed(StagingPath.GetParent(folder)) is not { } parent)
        {
            return null;
        }

        if (parent.Kind != StagedKind.Folder || !parent.Items.TryGetValue(StagingPath.GetName(folder), out var item))
        {
            return FolderListing.Missing;
        }

        return item.Kind == StagingItemKind.File ? FolderListing.File : null;
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
                return FolderListing.File;
            }

            byName[item.Name.Length > 0 ? item.Name : LastSegment(item.Path)] = item;
        }

        return new FolderListing(StagedKind.Folder, byName);
    }

    /// <summary>The name from a path as the server wrote it (not validated: the server may allow names we would not send).</summary>
    private static string LastSegment(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Substring(trimmed.LastIndexOf('/') + 1);
    }

    private sealed class FolderListing
    {
        public static readonly FolderListing Missing = new(StagedKind.Missing, new Dictionary<string, StagingItem>());
        public static readonly FolderListing File = new(StagedKind.File, new Dictionary<string, StagingItem>());
        public static readonly FolderListing Empty = new(StagedKind.Folder, new Dictionary<string, StagingItem>());

        public FolderListing(StagedKind kind, Dictionary<string, StagingItem> items)
        {
            Kind = kind;
            Items = items;
        }

        public StagedKind Kind { get; }

        public IReadOnlyDictionary<string, StagingItem> Items { get; }
    }
}

/// <summary>What a staging path holds, as the batch's listings show it.</summary>
internal enum StagedKind
{
    Missing,
    Folder,
    File,
}
