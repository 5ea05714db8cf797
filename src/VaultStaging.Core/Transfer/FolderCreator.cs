using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Creates missing staging folders once per batch: each folder the files need is looked up (its listing, which the
/// files in it need anyway) and, when missing, created, by one caller while parallel files of the same tree wait
/// for it. A folder is never created twice by one batch.
/// </summary>
/// <remarks>
/// The folders above a missing one are not listed first: the create itself shows whether its parent exists (it fails
/// when the parent is missing: INVALID_DATA from the emulator, which follows the cautious reading of no implicit
/// parents; whatever a vault answers, the parent is then created and the create tried once more). A new folder
/// under an existing one thus costs its listing and its create, a round trip less per missing level than walking up
/// by listings, and no parent's listing (a home with thousands of items is many pages). Folders below one whose existence is still unknown wait for the first one's
/// answer instead of each failing on the same missing parent.
/// </remarks>
internal sealed class FolderCreator
{
    private readonly FileStagingClient staging;
    private readonly StagedFolderIndex index;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> ensured = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> creations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<ParentProbe>>> parentProbes = new(StringComparer.OrdinalIgnoreCase);
    // Folders a create showed to exist (made, taken by a folder, or the parent of one made) whatever a listing says.
    private readonly ConcurrentDictionary<string, bool> foundByCreate = new(StringComparer.OrdinalIgnoreCase);

    public FolderCreator(FileStagingClient staging, StagedFolderIndex index)
    {
        this.staging = staging;
        this.index = index;
    }

    /// <summary>Makes sure <paramref name="folder"/> exists: listed, and created with any missing parents when it is not there.</summary>
    public Task EnsureAsync(string folder, CancellationToken cancellationToken)
        => folder == StagingPath.Root ? Task.CompletedTask : OnceAsync(ensured, folder, () => CreateIfMissingAsync(folder, cancellationToken));

    private async Task<string> CreateIfMissingAsync(string folder, CancellationToken cancellationToken)
    {
        switch (await index.KindOfAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            case StagedKind.Folder:
                return folder;
            case StagedKind.File:
                throw PathIsFile(folder);
            default:
                return await OnceAsync(creations, folder, () => CreateMissingAsync(folder, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Creates a folder that is not there, its parent first when that is missing too; once per folder (<see cref="creations"/>).</summary>
    private async Task<string> CreateMissingAsync(string folder, CancellationToken cancellationToken)
    {
        var parent = StagingPath.GetParent(folder);
        var parentKind = foundByCreate.ContainsKey(parent) ? StagedKind.Folder : index.KnownKindOf(parent);
        if (parentKind == StagedKind.File)
        {
            throw PathIsFile(parent);
        }

        if (parentKind == StagedKind.Missing)
        {
            await OnceAsync(creations, parent, () => CreateMissingAsync(parent, cancellationToken)).ConfigureAwait(false);
        }
        else if (parentKind is null)
        {
            // Unknown: the first folder to be created below it finds out; the others wait for its answer.
            var probe = await OnceAsync(parentProbes, parent, () => CreateFindingParentAsync(folder, cancellationToken)).ConfigureAwait(false);
            if (string.Equals(probe.Folder, folder, StringComparison.OrdinalIgnoreCase))
            {
                probe.Failure?.Throw();
                return folder;
            }
        }

        await CreateAsync(folder, cancellationToken).ConfigureAwait(false);
        return folder;
    }

    /// <summary>
    /// Creates <paramref name="folder"/> whose parent may not exist; when that fails, creates the parent first and
    /// tries once more. Fails only when the parent cannot be made: a failure of the folder itself is returned, for
    /// it alone, so the folders waiting for the parent still try their own.
    /// </summary>
    private async Task<ParentProbe> CreateFindingParentAsync(string folder, CancellationToken cancellationToken)
    {
        var parent = StagingPath.GetParent(folder);
        try
        {
            await CreateAsync(folder, cancellationToken).ConfigureAwait(false);
            foundByCreate[parent] = true;
            return new ParentProbe(folder, null);
        }
        catch (VaultApiException)
        {
            // INVALID_DATA when the parent is missing; whatever else it was, creating the parent and trying again tells.
        }
        catch (VaultStagingException isFile)
        {
            foundByCreate[parent] = true;
            return new ParentProbe(folder, ExceptionDispatchInfo.Capture(isFile));
        }

        await OnceAsync(creations, parent, () => CreateMissingAsync(parent, cancellationToken)).ConfigureAwait(false);
        try
        {
            await CreateAsync(folder, cancellationToken).ConfigureAwait(false);
            return new ParentProbe(folder, null);
        }
        catch (VaultStagingException failed)
        {
            return new ParentProbe(folder, ExceptionDispatchInfo.Capture(failed));
        }
    }

    private async Task CreateAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            await staging.CreateFolderAsync(folder, cancellationToken).ConfigureAwait(false);
            index.Created(folder);
        }
        catch (VaultApiException exists) when (exists.VaultErrorType == VaultErrorTypes.ItemNameExists)
        {
            // Created meanwhile by another client, which is fine; or a file of that name, which listings taken before
            // this batch's own uploads do not show.
            if (await index.RelistAsync(folder, cancellationToken).ConfigureAwait(false) == StagedKind.File)
            {
                throw PathIsFile(folder);
            }
        }

        foundByCreate[folder] = true;
    }

    /// <summary>Runs <paramref name="work"/> once per key while it succeeds; a failure is not remembered, so the next file tries again.</summary>
    private static async Task<T> OnceAsync<T>(ConcurrentDictionary<string, Lazy<Task<T>>> once, string key, Func<Task<T>> work)
    {
        var lazy = once.GetOrAdd(key, _ => new Lazy<Task<T>>(work));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            ((ICollection<KeyValuePair<string, Lazy<Task<T>>>>)once).Remove(new KeyValuePair<string, Lazy<Task<T>>>(key, lazy));
            throw;
        }
    }

    private static VaultStagingException PathIsFile(string folder)
        => new(VaultErrorIds.StagingPathIsFile, VaultErrorCategory.InvalidArgument, $"Cannot create folder {folder}: it is a file.")
        {
            Target = folder,
        };

    /// <summary>What the first create below a parent of unknown existence showed: the folder it was for, and that folder's own failure if any.</summary>
    private sealed class ParentProbe
    {
        public ParentProbe(string folder, ExceptionDispatchInfo? failure)
        {
            Folder = folder;
            Failure = failure;
        }

        public string Folder { get; }

        public ExceptionDispatchInfo? Failure { get; }
    }
}
