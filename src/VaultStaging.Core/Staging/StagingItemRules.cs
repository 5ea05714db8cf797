using System;
using System.Text.RegularExpressions;

namespace VaultStaging.Core.Staging;

/// <summary>Client-side rules for moving and deleting staging items, and their errors (ids and wording in one place).</summary>
public static class StagingItemRules
{
    private static readonly Regex UserHome = new(@"^/u\d+$", RegexOptions.CultureInvariant);

    /// <summary>
    /// True for the staging root and for a user home (/u{id}, what an admin sees). A non-admin's home is their root.
    /// The cautious reading: a non-admin's own folder that happens to be named u123 is protected too.
    /// </summary>
    public static bool IsRootOrUserHome(string path)
    {
        var normalized = StagingPath.Normalize(path);
        return normalized == StagingPath.Root || UserHome.IsMatch(normalized);
    }

    /// <summary>Throws ProtectedStagingItem for the root or a user home; <paramref name="verb"/> is "deleted" or "moved".</summary>
    public static void RefuseRootOrUserHome(string path, string verb)
    {
        if (IsRootOrUserHome(path))
        {
            throw new VaultStagingException(
                VaultErrorIds.ProtectedStagingItem,
                VaultErrorCategory.InvalidArgument,
                $"{StagingPath.Normalize(path)} is the staging root or a user's home folder and is never {verb} by this tool. Name the items inside it instead.")
            {
                Target = path,
            };
        }
    }

    internal static VaultStagingException NotFound(string path) => new(
        VaultErrorIds.StagingItemNotFound,
        VaultErrorCategory.ObjectNotFound,
        $"Nothing is staged at {path}. Check the path with 'ls' (Get-VaultStagingItem); admins address their own files as /u<id>/…")
    {
        Target = path,
    };

    internal static VaultStagingException TargetExists(string source, string target, bool targetIsFolder) => new(
        VaultErrorIds.StagingItemExists,
        VaultErrorCategory.ResourceExists,
        targetIsFolder
            ? $"Cannot move {source} to {target}: a folder of that name is there. Remove it first or choose another name."
            : $"Cannot move {source} to {target}: a file of that name is there. Replace it with --overwrite (-Force), or choose another name.")
    {
        Target = source,
    };

    internal static VaultStagingException InvalidMove(string source, string target, string why) => new(
        VaultErrorIds.InvalidStagingMove,
        VaultErrorCategory.InvalidArgument,
        $"Cannot move {source} to {target}: {why}.")
    {
        Target = source,
    };

    internal static string CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.IndexOf('/') >= 0)
        {
            throw new VaultStagingException(
                VaultErrorIds.InvalidStagingName,
                VaultErrorCategory.InvalidArgument,
                $"'{name}' is not a valid new name: give a name without '/'. To move an item to another folder, use move.")
            {
                Target = name,
            };
        }

        return StagingPath.GetName("/" + name);
    }
}
