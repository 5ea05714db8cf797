using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using VaultStaging.Core.Staging;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Core.Download;

/// <summary>What one staging path expands to: the files to download, the local folders to create, and names that cannot be used locally.</summary>
public sealed class DownloadSelection
{
    public List<DownloadRequest> Files { get; } = new();

    /// <summary>Local folders for the staged folders (so empty ones are kept too).</summary>
    public List<string> Folders { get; } = new();

    /// <summary>Items that cannot be saved here (their names are not valid local names, or another file takes the same local path).</summary>
    public List<DownloadResult> Refused { get; } = new();

    /// <summary>Which files to take, matched on the path below the staging folder given (or a file's name).</summary>
    public PathFilter Filter { get; set; } = PathFilter.None;

    /// <summary>Staged files left out by <see cref="Filter"/>.</summary>
    public List<string> Excluded { get; } = new();

    internal HashSet<string> LocalPaths { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Expands staging paths into local targets. A file lands in the local folder under its own name; a folder (with
/// recurse) lands as a sub-folder of that name, its layout kept, as <c>upload --recurse</c> does the other way.
/// </summary>
public static class DownloadSelector
{
    private static readonly char[] Slash = { '/' };

    /// <summary>
    /// Lists one staging path (throws StagingItemNotFound when nothing is there, StagingFolderNeedsRecurse for a
    /// folder without <paramref name="recurse"/>) and adds what it holds to <paramref name="selection"/>.
    /// </summary>
    public static async Task SelectAsync(FileStagingClient staging, string stagingPath, string localFolder, bool recurse, DownloadSelection selection, CancellationToken cancellationToken = default)
    {
        if (staging is null)
        {
            throw new ArgumentNullException(nameof(staging));
        }

        var path = StagingPath.Normalize(stagingPath);
        var item = await staging.GetItemAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw DownloadErrors.StagingItemNotFound(path);
        var folder = Path.GetFullPath(localFolder);
        if (item.Kind == StagingItemKind.File)
        {
            Add(selection, item, folder, item.Name);
            return;
        }

        if (!recurse)
        {
            throw DownloadErrors.StagingFolderNeedsRecurse(path);
        }

        // The folder's own name is kept locally; the root (or a non-admin's home, which is its root) has none.
        var name = path == StagingPath.Root ? "" : item.Name;
        if (name.Length > 0 && !IsSafeName(name))
        {
            selection.Refused.Add(Refuse(item.Path, name));
            return;
        }

        var target = name.Length == 0 ? folder : Path.Combine(folder, name);
        selection.Folders.Add(target);
        var prefix = path == StagingPath.Root ? "/" : path + "/";
        foreach (var child in await staging.ListItemsAsync(path, recursive: true, cancellationToken).ConfigureAwait(false))
        {
            var relative = child.Path.StartsWith(prefix, StringComparison.Ordinal) ? child.Path.Substring(prefix.Length) : child.Name;
            if (child.Kind == StagingItemKind.Folder)
            {
                if (ToLocal(relative) is { } sub)
                {
                    selection.Folders.Add(Path.Combine(target, sub));
                }
                else
                {
                    selection.Refused.Add(Refuse(child.Path, relative));
                }
            }
            else
            {
                Add(selection, child, target, relative);
            }
        }
    }

    private static void Add(DownloadSelection selection, StagingItem item, string folder, string relative)
    {
        if (!selection.Filter.Takes(relative))
        {
            selection.Excluded.Add(item.Path);
            return;
        }

        if (ToLocal(relative) is { } local)
        {
            var localPath = Path.Combine(folder, local);
            if (!selection.LocalPaths.Add(localPath))
            {
                // Two staged files, one local name (case is ignored: Windows and macOS would mix them up).
                selection.Refused.Add(new DownloadResult
                {
                    StagingPath = item.Path,
                    LocalPath = localPath,
                    Status = DownloadStatus.Failed,
                    Error = DownloadErrors.DuplicateLocalPath(item.Path, localPath),
                });
                return;
            }

            selection.Files.Add(new DownloadRequest(item, localPath));
        }
        else
        {
            selection.Refused.Add(Refuse(item.Path, relative));
        }
    }

    private static DownloadResult Refuse(string stagingPath, string name) => new()
    {
        StagingPath = stagingPath,
        Status = DownloadStatus.Failed,
        Error = DownloadErrors.UnsafeLocalName(stagingPath, name),
    };

    /// <summary>A relative staging path as a local relative path, or null when a segment cannot be a local name (or would climb out).</summary>
    internal static string? ToLocal(string relative)
    {
        var segments = relative.Split(Slash, StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return null;
        }

        foreach (var segment in segments)
        {
            if (!IsSafeName(segment))
            {
                return null;
            }
        }

        return string.Join(Path.DirectorySeparatorChar.ToString(), segments);
    }

    private static bool IsSafeName(string name)
        => name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
           && name.IndexOf('\\') < 0 && name.IndexOf('/') < 0;
}
