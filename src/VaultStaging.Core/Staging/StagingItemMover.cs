using System;
using System.Threading;
using System.Threading.Tasks;

namespace VaultStaging.Core.Staging;

/// <summary>A checked move or rename: what is sent (only the parts that change) and what is replaced.</summary>
public sealed class StagingMovePlan
{
    public StagingItem Source { get; init; } = new();

    public string TargetPath { get; init; } = "";

    /// <summary>The <c>parent</c> field to send; null when the item stays in its folder.</summary>
    public string? NewParent { get; init; }

    /// <summary>The <c>name</c> field to send; null when the name stays.</summary>
    public string? NewName { get; init; }

    /// <summary>The file at the target that is deleted first (overwrite only).</summary>
    public StagingItem? Replaced { get; init; }
}

/// <summary>
/// Move / rename (https://general.veevavault.dev/vault-api/api-reference/26.2/file-staging/update-folder-or-file/) with the rules the API leaves to the client: <c>mv</c>'s meaning of an existing
/// target folder, no moving the root or a home, no silent replacement (the API has no overwrite flag: with
/// overwrite the target file is deleted first, its job followed, then the item moved), and the job followed to its end.
/// </summary>
public static class StagingItemMover
{
    /// <summary>
    /// <paramref name="to"/> naming an existing folder (or ending in '/') moves the item into it under its name;
    /// otherwise <paramref name="to"/> is the new full path.
    /// </summary>
    public static async Task<StagingMovePlan> PlanAsync(FileStagingClient staging, string from, string to, bool overwrite, CancellationToken cancellationToken = default)
    {
        if (staging is null)
        {
            throw new ArgumentNullException(nameof(staging));
        }

        var source = StagingPath.Normalize(from);
        StagingItemRules.RefuseRootOrUserHome(source, "moved");
        var item = await staging.GetItemAsync(source, cancellationToken).ConfigureAwait(false) ?? throw StagingItemRules.NotFound(source);

        var destination = StagingPath.Normalize(to);
        var intoFolder = to.EndsWith("/", StringComparison.Ordinal) || destination == StagingPath.Root;
        var existing = intoFolder ? null : await staging.GetItemAsync(destination, cancellationToken).ConfigureAwait(false);
        if (intoFolder || existing?.Kind == StagingItemKind.Folder)
        {
            destination = StagingPath.Combine(destination, item.Name);
            existing = await staging.GetItemAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        if (destination == source)
        {
            throw StagingItemRules.InvalidMove(source, destination, "it is already there");
        }

        if (destination.StartsWith(source + "/", StringComparison.Ordinal))
        {
            throw StagingItemRules.InvalidMove(source, destination, "a folder cannot move into itself");
        }

        var targetParent = StagingPath.GetParent(destination);
        var parentItem = await staging.GetItemAsync(targetParent, cancellationToken).ConfigureAwait(false);
        if (parentItem is null || parentItem.Kind != StagingItemKind.Folder)
        {
            throw StagingItemRules.InvalidMove(source, destination, $"the folder {targetParent} does not exist; create it first");
        }

        if (existing is not null)
        {
            if (existing.Kind == StagingItemKind.Folder || !overwrite || item.Kind == StagingItemKind.Folder)
            {
                throw StagingItemRules.TargetExists(source, destination, existing.Kind == StagingItemKind.Folder);
            }
        }

        return new StagingMovePlan
        {
            Source = item,
            TargetPath = destination,
            NewParent = targetParent == StagingPath.GetParent(source) ? null : targetParent,
            NewName = StagingPath.GetName(destination) == item.Name ? null : StagingPath.GetName(destination),
            Replaced = existing,
        };
    }

    /// <summary>A rename in place: <paramref name="newName"/> is a name, not a path.</summary>
    public static Task<StagingMovePlan> PlanRenameAsync(FileStagingClient staging, string path, string newName, bool overwrite, CancellationToken cancellationToken = default)
    {
        var name = StagingItemRules.CheckName(newName);
        return PlanAsync(staging, path, StagingPath.Combine(StagingPath.GetParent(path), name), overwrite, cancellationToken);
    }

    /// <summary>
    /// Carries the plan out: deletes the replaced file first (waiting for that job), sends the update and returns its
    /// job id; with <paramref name="wait"/> also follows the move job (a failed job throws JobFailed).
    /// </summary>
    public static async Task<(long JobId, VaultJob? Job)> MoveAsync(FileStagingClient staging, StagingMovePlan plan, TimeSpan pollInterval, TimeSpan timeout, bool wait, CancellationToken cancellationToken = default)
    {
        if (staging is null || plan is null)
        {
            throw new ArgumentNullException(staging is null ? nameof(staging) : nameof(plan));
        }

        if (plan.Replaced is { } replaced)
        {
            var deleteJob = await staging.DeleteItemAsync(replaced.Path, recursive: false, cancellationToken).ConfigureAwait(false);
            await staging.WaitForJobAsync(deleteJob, pollInterval, timeout, cancellationToken).ConfigureAwait(false);
        }

        var jobId = await staging.MoveItemAsync(plan.Source.Path, plan.NewParent, plan.NewName, cancellationToken).ConfigureAwait(false);
        var job = wait ? await staging.WaitForJobAsync(jobId, pollInterval, timeout, cancellationToken).ConfigureAwait(false) : null;
        return (jobId, job);
    }
}
